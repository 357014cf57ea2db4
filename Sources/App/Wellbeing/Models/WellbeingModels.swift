import Domain
import Fluent
import Foundation

/// A school's check-in settings.
final class WellbeingSettings: Model, @unchecked Sendable {
    static let schema = "wellbeing_settings"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "cadence") var cadence: CheckInCadence
    /// The smallest group whose figures are shown; never below 5.
    @Field(key: "minimum_group") var minimumGroup: Int
    /// Help lines shown to staff whose scores are low, one per line ("Name — number or address").
    @Field(key: "help_lines") var helpLines: String

    // MARK: relationships
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, schoolID: UUID, cadence: CheckInCadence = .monthly, minimumGroup: Int = PrivacyThresholds.figures, helpLines: String = "") {
        self.id = id
        self.$school.id = schoolID
        self.cadence = cadence
        self.minimumGroup = minimumGroup
        self.helpLines = helpLines
    }
}

/// One check-in's scores for the school's figures. It has no link to a person, no date or
/// time (the period only), no address and no browser: nothing can tie it to who answered.
final class WellbeingAnswer: Model, @unchecked Sendable {
    static let schema = "wellbeing_answers"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "period") var period: String
    @Field(key: "category") var category: StaffCategory
    @Field(key: "wellbeing") var wellbeing: Double
    @Field(key: "burnout") var burnout: Double

    // MARK: relationships
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, schoolID: UUID, period: String, category: StaffCategory, scores: CheckInScores) {
        self.id = id
        self.$school.id = schoolID
        self.period = period
        self.category = category
        self.wellbeing = scores.wellbeing
        self.burnout = scores.burnout
    }
}

/// That a person has checked in for a period: kept apart from the answer, so that nobody
/// answers twice and participation can be counted, without saying what anyone answered.
final class WellbeingParticipation: Model, @unchecked Sendable {
    static let schema = "wellbeing_participation"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "period") var period: String

    // MARK: relationships
    @Parent(key: "user_id") var user: User
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, userID: UUID, schoolID: UUID, period: String) {
        self.id = id
        self.$user.id = userID
        self.$school.id = schoolID
        self.period = period
    }
}

/// A person's own copy of a check-in, kept only when they ask for it and readable by them
/// alone (no page or API of anyone else reads this table).
final class WellbeingPersonalEntry: Model, @unchecked Sendable {
    static let schema = "wellbeing_personal_entries"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    @Field(key: "period") var period: String
    @Field(key: "wellbeing") var wellbeing: Double
    @Field(key: "burnout") var burnout: Double
    @Field(key: "note") var note: String

    // MARK: relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(id: UUID? = nil, userID: UUID, period: String, scores: CheckInScores, note: String) {
        self.id = id
        self.$user.id = userID
        self.period = period
        self.wellbeing = scores.wellbeing
        self.burnout = scores.burnout
        self.note = note
    }

    var scores: CheckInScores { CheckInScores(wellbeing: wellbeing, burnout: burnout) }
}

/// A change of a school's check-in settings and the period it takes effect from (the
/// next one after the change): periods already under way keep the cadence and minimum
/// group they began with, so their figures, once shown, never move (issue 14, class 3).
final class WellbeingSettingsChange: Model, @unchecked Sendable {
    static let schema = "wellbeing_settings_changes"

    // MARK: managed
    @ID(key: .id) var id: UUID?

    // MARK: data
    /// The first period (`2026-12`) the settings hold for.
    @Field(key: "effective_from") var effectiveFrom: String
    @Field(key: "cadence") var cadence: CheckInCadence
    @Field(key: "minimum_group") var minimumGroup: Int

    // MARK: relationships
    @Parent(key: "school_id") var school: School

    init() {}

    init(id: UUID? = nil, schoolID: UUID, effectiveFrom: String, cadence: CheckInCadence, minimumGroup: Int) {
        self.id = id
        self.$school.id = schoolID
        self.effectiveFrom = effectiveFrom
        self.cadence = cadence
        self.minimumGroup = minimumGroup
    }
}
