import Domain
import Fluent
import Foundation
import SQLKit

extension AskAColleague {
    /// Whether an open question reaches this person as raised: it waited longer than its
    /// urgency allows and they are support staff of its school. My support lists it first;
    /// the home page counts it.
    static func isRaised(_ request: HelpRequest, for principal: Principal, now: Date) -> Bool {
        (principal.schoolRoles[request.$school.id]?.isSupportStaff ?? false)
            && HelpRequestRules.isRaised(urgency: request.urgency, askedAt: request.askedAt.timeIntervalSince1970, now: now.timeIntervalSince1970)
    }

    /// Tells a school's support staff, once, about each open question that has waited longer
    /// than its urgency allows (`HelpRequestRules.isRaised`), without the asker's name; the
    /// `raise-questions` job runs it. Returns how many questions were raised.
    @discardableResult
    func raiseWaiting(now: Date) async throws -> Int {
        let open = try await HelpRequest.query(on: db).filter(\.$status == .open).filter(\.$raisedAt == nil).all()
        let supportRoles = SchoolRole.allCases.filter(\.isSupportStaff)
        var raised = 0
        for request in open
        where HelpRequestRules.isRaised(urgency: request.urgency, askedAt: request.askedAt.timeIntervalSince1970, now: now.timeIntervalSince1970) {
            let requestID = try request.requireID()
            let told = try await db.writeTransaction { db -> Bool in
                guard let sql = db as? any SQLDatabase else { return false }
                // Marked only where still unmarked: two servers never raise it twice.
                let claimed = try await sql.update(HelpRequest.schema).set("raised_at", to: now)
                    .where("id", .equal, requestID).where("raised_at", .is, SQLLiteral.null).returning("id").all()
                guard !claimed.isEmpty else { return false }
                let staff = try await Membership.query(on: db).filter(\.$school.$id == request.$school.id).filter(\.$role ~~ supportRoles).all()
                    .map { $0.$user.id }.filter { $0 != request.$asker.id }
                try await Notifications.notify(staff, kind: .questionRaised, actor: "", link: .support, on: db)
                return true
            }
            if told { raised += 1 }
        }
        return raised
    }
}
