import Fluent
import Vapor

extension EngagementPage.Model {
    /// The engagement's page as the person asking sees it, with a group's own section: what
    /// the controllers that show the page read from the request (who asks, their language,
    /// the database) before they render it, or render it again with an error.
    static func load(_ engagement: Engagement, participants: [EngagementParticipant], req: Request) async throws -> EngagementPage.Model {
        let principal = try await req.principal()
        var model = try await load(engagement, participants: participants, principal: principal, context: req.pageContext(), on: req.db)
        if engagement.form.isGroup {
            let group = try await GroupSection.Model.load(engagement, participants: participants, meetings: model.meetings, req: req)
            model.show(group: group)
        }
        return model
    }
}
