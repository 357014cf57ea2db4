/// A validated, freely usable questionnaire with its scoring, as its authors publish it.
public struct Instrument: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// Stable key, e.g. `who5_1`.
        public var key: String
        /// The English wording, as published.
        public var text: String
        /// Which answer scale the item uses.
        public var scale: Scale
        /// Reverse-scored items count `max - answer`.
        public var reversed: Bool = false
    }

    public struct Scale: Sendable, Equatable {
        public var key: String
        /// Answer labels in English, from the lowest value to the highest.
        public var labels: [String]
        public var values: [Int]
    }

    public var key: String
    public var name: String
    public var instruction: String
    public var items: [Item]
    /// How the instrument and its wording are cited in the product.
    public var source: String

    /// The answers' score on the instrument's published 0–100 metric, or nil when an
    /// item is missing or out of range.
    public func score(_ answers: [String: Int]) -> Double? {
        var total = 0
        for item in items {
            guard let answer = answers[item.key], item.scale.values.contains(answer) else { return nil }
            let maxValue = item.scale.values.max() ?? 0
            total += item.reversed ? maxValue - answer : answer
        }
        switch key {
        case Instrument.who5.key:
            return Double(total) * 4  // raw 0–25 × 4 = percentage (Topp et al. 2015)
        default:
            return Double(total) / Double(items.count)  // mean of 0–100 items
        }
    }
}

extension Instrument {
    /// WHO-5 Well-Being Index, 1998 version. Free to use without permission.
    public static let who5: Instrument = {
        let scale = Scale(
            key: "who5_frequency",
            labels: [
                "At no time", "Some of the time", "Less than half of the time",
                "More than half of the time", "Most of the time", "All of the time",
            ],
            values: [0, 1, 2, 3, 4, 5])
        let texts = [
            "I have felt cheerful and in good spirits",
            "I have felt calm and relaxed",
            "I have felt active and vigorous",
            "I woke up feeling fresh and rested",
            "My daily life has been filled with things that interest me",
        ]
        return Instrument(
            key: "who5", name: "WHO-5 Well-Being Index",
            instruction: "Over the last two weeks…",
            items: texts.enumerated().map { Item(key: "who5_\($0.offset + 1)", text: $0.element, scale: scale) },
            source:
                "WHO-5 Well-Being Index (1998 version), Psychiatric Research Unit, Mental Health Centre North Zealand; see Topp, Østergaard, Søndergaard & Bech (2015), Psychotherapy and Psychosomatics 84(3), 167–176."
        )
    }()

    /// Copenhagen Burnout Inventory, work-related burnout scale (7 items).
    /// Free to use (National Research Centre for the Working Environment, Denmark).
    public static let cbiWork: Instrument = {
        let frequency = Scale(
            key: "cbi_frequency",
            labels: ["Never / almost never", "Seldom", "Sometimes", "Often", "Always"],
            values: [0, 25, 50, 75, 100])
        let intensity = Scale(
            key: "cbi_intensity",
            labels: ["To a very low degree", "To a low degree", "Somewhat", "To a high degree", "To a very high degree"],
            values: [0, 25, 50, 75, 100])
        return Instrument(
            key: "cbi_work", name: "Copenhagen Burnout Inventory — work-related burnout",
            instruction: "About your work…",
            items: [
                Item(key: "cbi_1", text: "Is your work emotionally exhausting?", scale: intensity),
                Item(key: "cbi_2", text: "Do you feel burnt out because of your work?", scale: intensity),
                Item(key: "cbi_3", text: "Does your work frustrate you?", scale: intensity),
                Item(key: "cbi_4", text: "Do you feel worn out at the end of the working day?", scale: frequency),
                Item(key: "cbi_5", text: "Are you exhausted in the morning at the thought of another day at work?", scale: frequency),
                Item(key: "cbi_6", text: "Do you feel that every working hour is tiring for you?", scale: frequency),
                Item(key: "cbi_7", text: "Do you have enough energy for family and friends during leisure time?", scale: frequency, reversed: true),
            ],
            source:
                "Copenhagen Burnout Inventory, work-related burnout scale; Kristensen, Borritz, Villadsen & Christensen (2005), Work & Stress 19(3), 192–207."
        )
    }()
}

/// What a check-in's scores mean, with the published cut-offs.
public enum WellbeingBand: String, Sendable, CaseIterable, Codable {
    case low, middle, high

    /// WHO-5 percentage: below 28 suggests likely depression and below 50 poor well-being
    /// (Topp et al. 2015); 50 and above is adequate.
    public static func who5(_ score: Double) -> WellbeingBand {
        score < 28 ? .low : (score < 50 ? .middle : .high)
    }

    /// CBI: 50–74 moderate, 75 and above high burnout (Borritz et al. 2006).
    public static func burnout(_ score: Double) -> WellbeingBand {
        score < 50 ? .low : (score < 75 ? .middle : .high)
    }
}

/// One check-in's two scores.
public struct CheckInScores: Sendable, Equatable, Codable {
    public var wellbeing: Double
    public var burnout: Double

    public init(wellbeing: Double, burnout: Double) {
        self.wellbeing = wellbeing
        self.burnout = burnout
    }

    public static func score(_ answers: [String: Int]) -> CheckInScores? {
        guard let wellbeing = Instrument.who5.score(answers), let burnout = Instrument.cbiWork.score(answers) else { return nil }
        return CheckInScores(wellbeing: wellbeing, burnout: burnout)
    }

    /// How much the scores call for support: the worse of the two scales, each read by its
    /// own bands (a moderate burnout with good well-being is not "doing well").
    public enum Concern: Int, Sendable, Comparable {
        case none, some, serious
        public static func < (a: Concern, b: Concern) -> Bool { a.rawValue < b.rawValue }
    }

    public var concern: Concern {
        let fromWellbeing: Concern =
            switch WellbeingBand.who5(wellbeing) {
            case .high: .none
            case .middle: .some
            case .low: .serious
            }
        let fromBurnout: Concern =
            switch WellbeingBand.burnout(burnout) {
            case .low: .none
            case .middle: .some
            case .high: .serious
            }
        return max(fromWellbeing, fromBurnout)
    }

    /// Low enough, on either scale, that the person should be shown where to find support.
    public var suggestsSupport: Bool { concern != .none }
}
