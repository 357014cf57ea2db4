import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue 14 for surveys: a reader who reads the report as often as they like, adds answers
/// of their own or makes accounts learns nothing of one person's answers.
@Suite("Survey privacy over time and against the reader's own answers")
struct SurveyPrivacyTests {
    typealias Pages = SurveyPageTests

    /// The report's figures of `had_mentor` as the page prints them (empty when withheld).
    static func figures(_ page: Browser.Page) -> String {
        guard let start = page.body.range(of: "id=\"r-had_mentor\"") else { return "" }
        let rest = page.body[start.upperBound...]
        let end = rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test(
        "Before/after: no figure while answers come in, so reading before and after a colleague answers tells nothing; released once at closing and never moved"
    )
    func beforeAfter() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Pages.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            for i in 0..<6 { try await Pages.answer(ctx, survey, hadMentor: i < 3 ? "1" : "2", useful: i < 3 ? "4" : nil) }
            let before = try await leader.get(path + "/report")
            #expect(before.status == .ok)
            #expect(before.contains("id=\"report-pending\""))
            #expect(before.contains("6 responses so far"))
            #expect(!before.contains("id=\"r-had_mentor\""), "no figure of any question before closing")
            // One more colleague answers: the reader sees the count move, and nothing else.
            try await Pages.answer(ctx, survey, hadMentor: "1", useful: "5")
            let after = try await leader.get(path + "/report")
            #expect(after.contains("7 responses so far"))
            #expect(!after.contains("id=\"r-had_mentor\""))
            // Downloads wait for the release too, through the pages and the API.
            #expect(try await leader.get(path + "/downloads/responses.csv").status == .conflict)

            #expect(try await leader.post(path + "/close").status == .seeOther)
            let released = try await leader.get(path + "/report")
            #expect(released.contains("id=\"r-had_mentor\""))
            #expect(released.contains("7 responses"))
            #expect(Self.figures(released).contains("4 (57"), "four of seven had a mentor")
            // Closed for good: no answer gets in, it does not open again, the figures stay.
            let late = ctx.browser()
            #expect(try await late.get("/s/\(survey.slug)").contains("survey-closed"))
            #expect(try await leader.post(path + "/close").status == .conflict)
            #expect(try await leader.post(path + "/publish", form: ["anonymous": "1"]).status == .conflict)
            let again = try await leader.get(path + "/report")
            #expect(Self.figures(again) == Self.figures(released))
            #expect(try await SurveyResponse.query(on: app.db).count() == 7)
        }
    }

    @Test("A survey past its closing date is released by the scheduler's job, once; reading the report changes nothing")
    func closingDate() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Pages.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            #expect(try await leader.post(path + "/publish", form: ["anonymous": "1", "closes_on": "2026-11-20"]).status == .seeOther)
            for _ in 0..<5 { try await Pages.answer(ctx, survey, hadMentor: "2") }
            #expect(try await leader.get(path + "/report").contains("after 2026-11-20"))
            ctx.clock.advance(by: 3 * 86_400)
            try await leader.login(Fixtures.leaderA)  // the session ended meanwhile
            // Past the date, a reading is only a reading: a GET never changes state.
            let waiting = try await leader.get(path + "/report")
            #expect(waiting.contains("being prepared"))
            #expect(try await Survey.find(survey.id, on: app.db)?.status == .open)
            #expect(try await SurveyRelease.releaseEnded(today: CalendarDay(ctx.clock.now).description, on: app.db) == 1)
            #expect(try await SurveyRelease.releaseEnded(today: CalendarDay(ctx.clock.now).description, on: app.db) == 0, "once")
            let report = try await leader.get(path + "/report")
            #expect(report.contains("id=\"r-had_mentor\""))
            let stored = try #require(try await Survey.find(survey.id, on: app.db))
            #expect(stored.status == .closed)
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$released == false).count() == 0)
        }
    }

    @Test("Self-supplied answers: the API refuses answers to an anonymous survey; a reader who answered needs one more besides their own")
    func selfSupplied() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Pages.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            var headers = try await SurveyAPITests.token(Fixtures.leaderA, app)
            headers.contentType = .json
            headers.replaceOrAdd(name: "Idempotency-Key", value: "own-1")
            let api = try await app.sendRequest(
                .POST, "/api/v1/surveys/\(try survey.requireID())/responses", headers: headers,
                body: try SurveyAPITests.json(["answers": ["had_mentor": 1, "mentor_useful": 5]]))
            #expect(api.status == .forbidden)
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)

            // The leader answers herself (signed in), four colleagues answer: five in all.
            let base = "/s/\(survey.slug)"
            #expect(try await leader.post(base + "/start").location == base + "/1")
            #expect(try await leader.post(base + "/1", form: ["had_mentor": "1", "mentor_useful": "5", "action": "next"]).location == base + "/2")
            #expect(try await leader.post(base + "/2", form: ["wish": "", "action": "send", "submission": UUID().uuidString]).location == base + "/thanks")
            for _ in 0..<4 { try await Pages.answer(ctx, survey, hadMentor: "2") }
            #expect(try await leader.post(path + "/close").status == .seeOther)
            // For her, four answers besides her own are too few; for the coordinator, who did
            // not answer, five are enough.
            let hers = try await leader.get(path + "/report")
            #expect(Self.figures(hers).contains("withheld"))
            #expect(!Self.figures(hers).contains("4 (80"))
            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.coordinator)
            #expect(Self.figures(try await coordinator.get(path + "/report")).contains("4 (80"))
            // The CSV holds no rows for her either.
            let csv = try await leader.get(path + "/downloads/responses.csv")
            #expect(csv.body.split(separator: "\r\n").count == 1, "header only")
        }
    }

    @Test("Roster: someone who joined the school after the survey was published answers without school and role, outside every figure")
    func roster() async throws {
        try await withApp { app, ctx in
            let (_, survey) = try await Pages.publishedSurvey(ctx, app)
            let newcomer = "newcomer@example.org"
            try await Fixtures.addMember(newcomer, school: ctx.fixtures.schoolA, role: .teacher, on: app)
            let membership = try #require(
                try await Membership.query(on: app.db).join(User.self, on: \Membership.$user.$id == \User.$id)
                    .filter(User.self, \.$email == newcomer).first())
            membership.roleSince = ctx.clock.now.addingTimeInterval(3600)
            try await membership.save(on: app.db)
            let teacher = ctx.browser(), browser = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            try await browser.login(newcomer)
            for person in [teacher, browser] {
                let base = "/s/\(survey.slug)"
                #expect(try await person.post(base + "/start").location == base + "/1")
                #expect(try await person.post(base + "/1", form: ["had_mentor": "2", "action": "next"]).location == base + "/2")
                #expect(try await person.post(base + "/2", form: ["action": "send", "submission": UUID().uuidString]).location == base + "/thanks")
            }
            let responses = try await SurveyResponse.query(on: app.db).all()
            #expect(responses.map(\.role).sorted() == ["", "teacher"], "the long-standing teacher is placed; the newcomer is not")
            #expect(responses.filter(\.inFigures).map(\.role) == ["teacher"], "the newcomer's answers are kept out of every figure")
            // Closed: only the teacher's answers are released and counted.
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            #expect(try await leader.post("/surveys/\(try survey.requireID())/close").status == .seeOther)
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$released == true).count() == 1)
            #expect(try await leader.get("/surveys/\(try survey.requireID())/report").contains("1 response"))
        }
    }

    @Test("The public link takes at most thirty answers an hour from one client signed out; the answers given are kept")
    func rateLimit() async throws {
        try await withApp { app, ctx in
            let (_, survey) = try await Pages.publishedSurvey(ctx, app)
            for _ in 0..<SurveyLinkLimit.perHour { try await Pages.answer(ctx, survey, hadMentor: "2") }
            let visitor = ctx.browser()
            let base = "/s/\(survey.slug)"
            #expect(try await visitor.post(base + "/start").location == base + "/1")
            #expect(try await visitor.post(base + "/1", form: ["had_mentor": "1", "mentor_useful": "3", "action": "next"]).location == base + "/2")
            let refused = try await visitor.post(base + "/2", form: ["wish": "Kept", "action": "send", "submission": UUID().uuidString])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: "Retry-After") != nil)
            #expect(try await SurveyResponse.query(on: app.db).count() == SurveyLinkLimit.perHour)
            #expect(try await SurveyDraft.query(on: app.db).count() == 1, "the refused answers wait in their draft")
            ctx.clock.advance(by: 3700)
            let later = try await visitor.post(base + "/2", form: ["wish": "Kept", "action": "send", "submission": UUID().uuidString])
            #expect(later.location == base + "/thanks")
        }
    }

    @Test("Anonymity is fixed when a survey is first published, in both directions")
    func anonymityFixed() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Pages.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            let refused = try await leader.post(path + "/publish", form: [:])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("stays anonymous"))
            #expect(try await Survey.find(survey.id, on: app.db)?.anonymous == true)
            #expect(try await leader.get(path).contains("id=\"anonymity-fixed\""))
        }
    }

    @Test("After the first answer, wording changes only as a correction with its reason, listed in the report and the codebook")
    func corrections() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Pages.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            // Before any answer: no reason needed, nothing recorded.
            #expect(
                try await leader.post(path + "/translations", form: ["language": "en", "q.had_mentor": "Did you have a mentor at first?"]).status == .seeOther)
            for _ in 0..<5 { try await Pages.answer(ctx, survey, hadMentor: "2") }
            let noReason = try await leader.post(path + "/translations", form: ["language": "en", "q.had_mentor": "Did you have a mentor in year one?"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.contains("say why the wording changes"))
            #expect(noReason.contains("Did you have a mentor in year one?"), "what was typed is kept")
            #expect(try await Survey.find(survey.id, on: app.db)?.definition.question("had_mentor")?.text["en"] == "Did you have a mentor at first?")
            #expect(
                try await leader.post(
                    path + "/translations",
                    form: [
                        "language": "en", "q.had_mentor": "Did you have a mentor in year one?",
                        "reason": "Newly qualified staff read it as their first week",
                    ]
                ).status == .seeOther)
            let corrections = try await SurveyCorrection.query(on: app.db).all()
            #expect(corrections.map(\.textKey) == ["q.had_mentor"])
            #expect(try await leader.post(path + "/close").status == .seeOther)
            #expect(try await leader.get(path + "/report").contains("Newly qualified staff read it as their first week"))
            let codebook = try await leader.get(path + "/downloads/codebook.csv")
            #expect(codebook.contains("Did you have a mentor at first?"))
            #expect(codebook.contains("Reason: Newly qualified staff read it as their first week"))
        }
    }

    @Test("Words: the CSV withholds a text question answered by fewer than ten, and the report prints no count beside withheld words")
    func words() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Pages.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            for i in 0..<7 { try await Pages.answer(ctx, survey, hadMentor: "2", wish: i < 6 ? "Wish number \(i)" : "") }
            #expect(try await leader.post(path + "/close").status == .seeOther)
            let csv = try await leader.get(path + "/downloads/responses.csv")
            #expect(csv.body.split(separator: "\r\n").count == 8)
            #expect(!csv.contains("Wish number"))
            #expect(try await leader.get(path + "/downloads/codebook.csv").contains("wish is withheld"))
            let report = try await leader.get(path + "/report")
            #expect(!report.contains("6 answers"))
            #expect(report.contains("Not shown: fewer than ten answers"))
        }
    }
}
