import Domain
import Foundation
import Vapor

/// JSON shapes of the well-being API (documented in `Resources/OpenAPI/openapi.json`).
enum WellbeingAPI {
    struct Entry: Content {
        var period: String
        var wellbeing: Double
        var burnout: Double
        var note: String
    }

    /// A guarded figure: shown with its numbers, or withheld with the reason.
    struct Figure: Content {
        var shown: Bool
        var reason: String?
        var count: Int?
        var wellbeingMean: Double?
        var wellbeingSD: Double?
        var burnoutMean: Double?
        var burnoutSD: Double?
        var wellbeingBands: [String: Int]?
        var burnoutBands: [String: Int]?
        /// The unrounded figures, for the pages, which show whole numbers: rounding this
        /// one-decimal figure again would round twice (an SD of 17.48 is 17.5 here, and the
        /// page showed 18, issue 15). Not part of the JSON.
        var exact: CheckInStats? = nil

        enum CodingKeys: String, CodingKey {
            case shown, reason, count, wellbeingMean, wellbeingSD, burnoutMean, burnoutSD, wellbeingBands, burnoutBands
        }

        init(_ figure: WellbeingReport<String>.Figure?) {
            switch figure {
            case .shown(let stats):
                shown = true
                exact = stats
                count = stats.count
                wellbeingMean = (stats.wellbeingMean * 10).rounded() / 10
                wellbeingSD = (stats.wellbeingSD * 10).rounded() / 10
                burnoutMean = (stats.burnoutMean * 10).rounded() / 10
                burnoutSD = (stats.burnoutSD * 10).rounded() / 10
                wellbeingBands = Dictionary(uniqueKeysWithValues: zip(WellbeingBand.allCases.map(\.rawValue), stats.wellbeingBands))
                burnoutBands = Dictionary(uniqueKeysWithValues: zip(WellbeingBand.allCases.map(\.rawValue), stats.burnoutBands))
            case .suppressed(let suppression):
                shown = false
                reason = suppression == .tooFewAnswers ? "too_few_answers" : "would_reveal_by_difference"
            case nil:
                shown = false
                reason = "too_few_answers"
            }
        }
    }

    /// A period that has ended. `participants` is the number of check-ins in its figures,
    /// and absent when the figure is withheld: a count beside a withheld figure would tell
    /// how big the hidden group is (issue 14, class 4).
    struct SchoolPeriod: Content {
        var period: String
        var participants: Int?
        var staff: Int
        var total: Figure
        var categories: [String: Figure]
    }

    /// The period still open: how many have checked in so far, and no figures.
    struct OpenPeriod: Content {
        var period: String
        var participants: Int
        var staff: Int
    }

    struct SchoolReport: Content {
        var schoolId: UUID
        var minimumGroup: Int
        var openPeriod: OpenPeriod
        var periods: [SchoolPeriod]
    }

    struct NetworkSchool: Content {
        var schoolId: UUID
        var schoolName: String
        /// Absent when the school's figure is withheld (as in `SchoolPeriod`).
        var participants: Int?
        var figure: Figure
    }

    struct NetworkPeriod: Content {
        var period: String
        var total: Figure
        var schools: [NetworkSchool]
    }

    struct NetworkReport: Content {
        var networkId: UUID
        var minimumGroup: Int
        var periods: [NetworkPeriod]
    }
}
