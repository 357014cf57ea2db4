import Domain
import Fluent
import Foundation

/// Peer observation: starting a cycle.
enum ObservationCycles {
    /// The protocol a cycle follows: a ready one, or one of the school's own.
    enum ProtocolChoice: Sendable {
        case ready(ObservationProtocol)
        case school(SchoolProtocol)
    }

    /// Starts a cycle in `school`: `user` is the observed teacher, `observers` are invited
    /// (and told in the app).
    static func start(
        in school: School, focus: String, observers: Set<UUID>, following choice: ProtocolChoice, by user: User,
        on db: any Database
    ) async throws -> Engagement {
        let userID = try user.requireID()
        return try await db.writeTransaction { db -> Engagement in
            let engagement = Engagement(form: .observation, status: .active, topic: String(focus.prefix(120)), schoolID: try school.requireID())
            try await engagement.save(on: db)
            let id = try engagement.requireID()
            try await EngagementParticipant(engagementID: id, userID: userID, role: .observed).save(on: db)
            for observer in observers { try await EngagementParticipant(engagementID: id, userID: observer, role: .observer).save(on: db) }
            switch choice {
            case .ready(let ready):
                try await ObservationCycle(engagementID: id, focus: focus, observationProtocol: ready).save(on: db)
            case .school(let own):
                try await ObservationCycle(engagementID: id, focus: focus, schoolProtocolID: try own.requireID()).save(on: db)
            }
            try await Notifications.notify(Array(observers), kind: .observationInvited, actor: user.fullName, link: .engagement(.value(id)), on: db)
            return engagement
        }
    }
}
