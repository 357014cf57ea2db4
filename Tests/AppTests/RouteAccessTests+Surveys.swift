import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Surveys of school A, run by its leader (and the coordinator of its network), answered
/// through their link by anyone while open.
extension RouteAccessTests {
    enum SurveyState: String, Sendable { case draft, open, closed }

    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let surveys: [Row] = [
        // The list: whoever runs or may make a survey (school A's draft is on the admin's).
        .get(
            "/surveys",
            { w in
                _ = try await w.survey(.draft); return "/surveys"
            },
            [.login, .ok, .e403, .e403, .ok, .ok, .ok, .ok, .login]),
        // Only the scopes one may use are accepted: school A's is its leader's alone.
        .post(
            "/surveys", form: { w in [("scope", "school:\(w.schoolA)"), ("title", "Needs"), ("language", "en"), ("template", "")] },
            [.login, .e422, .e422, .e422, .see, .e422, .e422, .e422, .login]),
        .post("/surveys/import", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        // The designer: its managers; anyone else is not told the survey exists.
        .get(
            "/surveys/:id", { "/surveys/\(try await $0.survey(.draft).id)" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/surveys/:id/sections", { "/surveys/\(try await $0.survey(.draft).id)/sections" }, form: { _ in [("section_title", "More")] },
            [.login, .e404, .e404, .e404, .see, .see, .e404, .see, .login]),
        .post(
            "/surveys/:id/questions", { "/surveys/\(try await $0.survey(.draft).id)/questions" },
            [.login, .e404, .e404, .e404, .e422, .e422, .e404, .e422, .login]),
        .post(
            "/surveys/:id/questions/:variable/move", { "/surveys/\(try await $0.survey(.draft).id)/questions/had_mentor/move" },
            form: { _ in [("direction", "down")] },
            [.login, .e404, .e404, .e404, .see, .see, .e404, .see, .login]),
        // The page that asks before a deletion: those who design the survey.
        .get(
            "/surveys/:id/questions/:variable/delete", { "/surveys/\(try await $0.survey(.draft).id)/questions/had_mentor/delete" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/surveys/:id/questions/:variable/delete", { "/surveys/\(try await $0.survey(.draft).id)/questions/had_mentor/delete" },
            [.login, .e404, .e404, .e404, .see, .see, .e404, .see, .login]),
        .get(
            "/surveys/:id/translations", { "/surveys/\(try await $0.survey(.draft).id)/translations" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        // No language chosen.
        .post(
            "/surveys/:id/translations", { "/surveys/\(try await $0.survey(.draft).id)/translations" },
            [.login, .e404, .e404, .e404, .e400, .e400, .e404, .e400, .login]),
        .get(
            "/surveys/:id/survey.json", { "/surveys/\(try await $0.survey(.draft).id)/survey.json" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/surveys/:id/publish", { "/surveys/\(try await $0.survey(.draft).id)/publish" },
            [.login, .e404, .e404, .e404, .see, .see, .e404, .see, .login]),
        // The page that asks before closing.
        .get(
            "/surveys/:id/close", { "/surveys/\(try await $0.survey(.open).id)/close" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/surveys/:id/close", { "/surveys/\(try await $0.survey(.open).id)/close" },
            [.login, .e404, .e404, .e404, .see, .see, .e404, .see, .login]),
        .get(
            "/surveys/:id/report", { "/surveys/\(try await $0.survey(.open).id)/report" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        .get(
            "/surveys/:id/downloads/:slug", { "/surveys/\(try await $0.survey(.closed).id)/downloads/responses.csv" },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/surveys/:id/tokens", { "/surveys/\(try await $0.survey(.open).id)/tokens" }, form: { _ in [("count", "2")] },
            [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
    ]

    /// Answering goes by the link: the same for everyone while the survey is open.
    static let answers: [Row] = [
        .get("/s/:slug", { "/s/\(try await $0.survey(.open).slug)" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post("/s/:slug/start", { "/s/\(try await $0.survey(.open).slug)/start" }, [.see, .see, .see, .see, .see, .see, .see, .see, .see]),
        // Without a started draft, back to the first page.
        .get("/s/:slug/:number", { "/s/\(try await $0.survey(.open).slug)/1" }, [.see, .see, .see, .see, .see, .see, .see, .see, .see]),
        .post("/s/:slug/:number", { "/s/\(try await $0.survey(.open).slug)/1" }, [.see, .see, .see, .see, .see, .see, .see, .see, .see]),
        .get("/s/:slug/thanks", { "/s/\(try await $0.survey(.open).slug)/thanks" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
    ]

    @Test("Making, publishing and reading surveys")
    func surveyRoutes() async throws { try await Self.check(Self.surveys) }

    @Test("Answering a survey through its link")
    func answerRoutes() async throws { try await Self.check(Self.answers) }
}

extension RouteAccessTests.World {
    /// A survey of school A made by its leader through the pages: one section, one
    /// question (`had_mentor`); published with names (the API takes answers to it), and closed.
    func survey(_ state: RouteAccessTests.SurveyState) async throws -> (id: UUID, slug: String) {
        try await once("survey-\(state.rawValue)") {
            let leader = Fixtures.leaderA
            let path = try await post(
                as: leader, "/surveys",
                [
                    ("scope", "school:\(schoolA)"), ("title", "Staff needs \(n)"),
                    ("language", "en"), ("template", ""),
                ])
            try await post(as: leader, path + "/sections", [("section_title", "About support")])
            try await post(
                as: leader, path + "/questions",
                [
                    ("section", "0"), ("kind", "single_choice"), ("variable", "had_mentor"),
                    ("text", "Did you have a mentor?"), ("required", "1"), ("options", "Yes\nNo"),
                ])
            if state != .draft { try await post(as: leader, path + "/publish") }
            if state == .closed { try await post(as: leader, path + "/close") }
            let id = try Self.lastID(path)
            let survey = try #require(try await Survey.find(id, on: app.db))
            return (id, survey.slug)
        }
    }
}
