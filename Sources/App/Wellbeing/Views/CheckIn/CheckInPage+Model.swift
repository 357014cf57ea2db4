import Domain
import Fluent
import Foundation

enum CheckInPage {
    struct Model {
        var memberships: [CheckInService.Membership]
        var selectedSchool: UUID?
        var period: String?
        var alreadyCheckedIn: Bool
        var history: [WellbeingPersonalEntry]
        var minimumGroup: Int
        var answers: [String: Int] = [:]
        var missing: Set<String> = []
        var note = ""
        var keepHistory: Bool
        var errors: [String] = []

        /// `now`: the request's clock (which period is open).
        static func load(for user: User, now: Date, on db: any Database) async throws -> Model {
            let service = CheckInService(db: db)
            let memberships = try await service.memberships(of: user)
            let period = memberships.first.map { $0.period(at: now) }
            let history = try await service.history(of: user)
            return Model(
                memberships: memberships, selectedSchool: memberships.first?.school.id, period: period,
                alreadyCheckedIn: try await period.asyncMap { try await service.hasCheckedIn(user, period: $0) } ?? false,
                history: history, minimumGroup: memberships.map(\.settings.minimumGroup).min() ?? PrivacyThresholds.figures,
                keepHistory: !history.isEmpty)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
