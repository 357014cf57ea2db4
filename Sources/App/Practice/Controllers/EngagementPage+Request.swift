import Fluent
import Vapor

extension EngagementPage.Model {
    /// The engagement's page as the person asking sees it: what the controllers that show the
    /// page read from the request (who asks, their language, the database) before they render
    /// it, or render it again with an error.
    static func load(_ engagement: Engagement, participants: [EngagementParticipant], req: Request) async throws -> EngagementPage.Model {
        try await load(engagement, participants: participants, principal: req.principal(), context: req.pageContext(), now: req.now, on: req.db)
    }
}
