import Testing
import Vapor

@testable import App

/// Support between colleagues: decided by who takes part, never by rank. A leader, a
/// coordinator or the admin gets no way into a conversation, a question or a group.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let support: [Row] = [
        .get("/support", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        // Asking needs a school of one's own.
        .get("/support/ask", [.login, .ok, .ok, .ok, .ok, .e403, .e403, .e403, .login]),
        .post("/support/ask", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        // Volunteering in school A: its members other than leaders.
        .post(
            "/support/volunteer", form: { w in [("school", w.schoolA.uuidString), ("topics[]", "parents")] },
            [.login, .e404, .see, .see, .e403, .e403, .e404, .e403, .login]),
        // Teacher A's question: the counsellor (support staff) may take it; the asker may withdraw it.
        .post(
            "/support/requests/:id/take", { "/support/requests/\(try await $0.helpRequest())/take" },
            [.login, .e404, .e403, .see, .e404, .e404, .e404, .e404, .login]),
        .get(
            "/support/requests/:id/withdraw", { "/support/requests/\(try await $0.helpRequest())/withdraw" },
            [.login, .e404, .ok, .e403, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/requests/:id/withdraw", { "/support/requests/\(try await $0.helpRequest())/withdraw" },
            [.login, .e404, .see, .e403, .e404, .e404, .e404, .e404, .login]),
        // The conversation of teacher A and counsellor A: theirs alone.
        .get(
            "/support/engagements/:id", { "/support/engagements/\(try await $0.engagement())" },
            [.login, .e404, .ok, .ok, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/notes", { "/support/engagements/\(try await $0.engagement())/notes" },
            [.login, .e404, .e422, .e422, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/close", { "/support/engagements/\(try await $0.engagement())/close" },
            [.login, .e404, .see, .see, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/pause", { "/support/engagements/\(try await $0.engagement())/pause" },
            [.login, .e404, .see, .see, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/meetings", { "/support/engagements/\(try await $0.engagement())/meetings" },
            [.login, .e404, .e422, .e422, .e404, .e404, .e404, .e404, .login]),
        .get(
            "/support/engagements/:id/meetings/:meetingID/meeting.ics",
            { w in
                let e = try await w.engagement()
                return "/support/engagements/\(e)/meetings/\(try await w.meeting(in: e))/meeting.ics"
            }, [.login, .e404, .ok, .ok, .e404, .e404, .e404, .e404, .login]),
        .get(
            "/support/engagements/:id/meetings/:meetingID/cancel",
            { w in
                let e = try await w.engagement()
                return "/support/engagements/\(e)/meetings/\(try await w.meeting(in: e))/cancel"
            }, [.login, .e404, .ok, .ok, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/meetings/:meetingID/cancel",
            { w in
                let e = try await w.engagement()
                return "/support/engagements/\(e)/meetings/\(try await w.meeting(in: e))/cancel"
            }, [.login, .e404, .see, .see, .e404, .e404, .e404, .e404, .login]),
        // Teacher A's notification: marking it read is scoped to its owner, anyone else changes nothing.
        .post(
            "/support/notifications/:id/read", { "/support/notifications/\(try await $0.teacherNotification())/read" },
            [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .post("/support/notifications/read", [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        // One's own calendar feed; the feed itself opens with its secret alone.
        .post("/support/calendar", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        // The page that asks first (each has a link by now, from the row above).
        .get("/support/calendar/revoke", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .post("/support/calendar/revoke", [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .get("/calendar/:token", { "/calendar/\(try await $0.feed())" }, [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // Coaching in school A: counsellor A coaches, teacher A asked.
        .get("/support/coaching/request", [.login, .ok, .ok, .ok, .ok, .e403, .e403, .e403, .login]),
        .post("/support/coaching/request", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        .post(
            "/support/coaching/offer", form: { w in [("school", w.schoolA.uuidString), ("topics", "Questions"), ("capacity", "2"), ("active", "1")] },
            [.login, .e404, .see, .see, .e403, .e403, .e404, .e403, .login]),
        .post(
            "/support/coaching/requests/:id/accept", { "/support/coaching/requests/\(try await $0.coachingRequest())/accept" },
            [.login, .e404, .e403, .see, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/coaching/requests/:id/pass", { "/support/coaching/requests/\(try await $0.coachingRequest())/pass" },
            form: { _ in [("coach", "anyone")] },
            [.login, .e404, .e403, .see, .e404, .e404, .e404, .e404, .login]),
        // Withdrawing asks only whether this is one's own request: the coach who could see it is
        // answered as anyone else (404), unlike on accept and pass, where the requester gets 403.
        .get(
            "/support/coaching/requests/:id/withdraw", { "/support/coaching/requests/\(try await $0.coachingRequest())/withdraw" },
            [.login, .e404, .ok, .e404, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/coaching/requests/:id/withdraw", { "/support/coaching/requests/\(try await $0.coachingRequest())/withdraw" },
            [.login, .e404, .see, .e404, .e404, .e404, .e404, .e404, .login]),
        // Observation between colleagues, never with leaders; protocols by any member.
        .get("/support/observation/new", [.login, .e403, .ok, .ok, .e403, .e403, .e403, .e403, .login]),
        .post("/support/observation/new", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        .get("/support/observation/protocols", [.login, .ok, .ok, .ok, .ok, .e403, .e403, .e403, .login]),
        .post("/support/observation/protocols", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        // Teacher A's protocol: its author retires it; other members of A are refused.
        .get(
            "/support/observation/protocols/:id/retire", { "/support/observation/protocols/\(try await $0.schoolProtocol())/retire" },
            [.login, .e404, .ok, .e403, .e403, .e404, .e404, .e404, .login]),
        .post(
            "/support/observation/protocols/:id/retire", { "/support/observation/protocols/\(try await $0.schoolProtocol())/retire" },
            [.login, .e404, .see, .e403, .e403, .e404, .e404, .e404, .login]),
    ]

    static let groups: [Row] = [
        .get(
            "/support/groups/new", { _ in "/support/groups/new?kind=intervision" },
            [.login, .e403, .ok, .ok, .e403, .e403, .e403, .e403, .login]),
        // No kind of group chosen.
        .post("/support/groups/new", [.login, .e400, .e400, .e400, .e400, .e400, .e400, .e400, .login]),
        .post(
            "/support/engagements/:id/agree", { "/support/engagements/\(try await $0.group("intervision"))/agree" },
            [.login, .e404, .see, .see, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/plan", { "/support/engagements/\(try await $0.group("study_group"))/plan" },
            [.login, .e404, .e422, .e422, .e404, .e404, .e404, .e404, .login]),
        // Attendance: the study group's facilitator (teacher A) alone.
        .post(
            "/support/engagements/:id/meetings/:meetingID/attendance",
            { w in
                let g = try await w.group("study_group")
                return "/support/engagements/\(g)/meetings/\(try await w.meeting(in: g))/attendance"
            }, [.login, .e404, .see, .e403, .e404, .e404, .e404, .e404, .login]),
        // In an intervision group every member who agreed may open a case session.
        .post(
            "/support/engagements/:id/sessions", { "/support/engagements/\(try await $0.group("intervision", agreed: true))/sessions" },
            [.login, .e404, .e422, .e422, .e404, .e404, .e404, .e404, .login]),
        .get(
            "/support/engagements/:id/sessions/:sessionID",
            { w in
                let s = try await w.caseSession()
                return "/support/engagements/\(s.group)/sessions/\(s.session)"
            }, [.login, .e404, .ok, .ok, .e404, .e404, .e404, .e404, .login]),
        // The steps move at the session's facilitator's hand (teacher A).
        .post(
            "/support/engagements/:id/sessions/:sessionID/next",
            { w in
                let s = try await w.caseSession()
                return "/support/engagements/\(s.group)/sessions/\(s.session)/next"
            }, [.login, .e404, .see, .e403, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/support/engagements/:id/sessions/:sessionID/entries",
            { w in
                let s = try await w.caseSession()
                return "/support/engagements/\(s.group)/sessions/\(s.session)/entries"
            }, form: { _ in [("text", "Perhaps the work feels pointless to the pupil")] },
            [.login, .e404, .see, .see, .e404, .e404, .e404, .e404, .login]),
    ]

    @Test("Asking, coaching, observing, conversations and their meetings")
    func supportRoutes() async throws { try await Self.check(Self.support) }

    @Test("Study, supervision and intervision groups")
    func groupRoutes() async throws { try await Self.check(Self.groups) }
}
