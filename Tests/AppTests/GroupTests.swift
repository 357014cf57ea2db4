import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Study groups, supervision and intervision, through the pages.
@Suite("Groups")
struct GroupTests {
    static func id(_ email: String, _ app: Application) async throws -> UUID {
        try #require(try await User.query(on: app.db).filter(\.$email == email).first()?.requireID())
    }

    @Test("Intervision: never with leaders; nothing read or written before agreeing; a case goes through every timed step, moved by its facilitator alone")
    func intervision() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            try await Fixtures.addMember("ilze@example.org", school: a, role: .teacher, on: app)
            let teacher = ctx.browser(), counsellor = ctx.browser(), ilze = ctx.browser(), leader = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            try await counsellor.login(Fixtures.counsellorA)
            try await ilze.login("ilze@example.org")
            try await leader.login(Fixtures.leaderA)
            let counsellorID = try await Self.id(Fixtures.counsellorA, app), ilzeID = try await Self.id("ilze@example.org", app)
            let leaderID = try await Self.id(Fixtures.leaderA, app)

            let form = try await teacher.get("/support/groups/new?kind=intervision")
            #expect(form.contains("ilze Tester"))
            #expect(!form.contains("leader.a Tester"), "leaders are not offered")
            #expect(try await leader.get("/support/groups/new?kind=intervision").status == .forbidden)
            let fields = [("kind", "intervision"), ("school", a.uuidString), ("name", "Year 8 team"), ("purpose", "Pupils who stop coming")]
            let withLeader = try await teacher.post(
                "/support/groups/new", fields: fields + [("members[]", counsellorID.uuidString), ("members[]", leaderID.uuidString)])
            #expect(withLeader.status == .unprocessableEntity)
            #expect(withLeader.contains("not its leaders"))
            #expect(try await Engagement.query(on: app.db).count() == 0)
            let started = try await teacher.post(
                "/support/groups/new", fields: fields + [("members[]", counsellorID.uuidString), ("members[]", ilzeID.uuidString)])
            #expect(started.status == .seeOther)
            let path = try #require(started.location)
            #expect((try await counsellor.get("/support")).contains("added you to a group"))

            // Before agreeing: the agreement, no note form, no sessions; writing is refused.
            let before = try await counsellor.get(path)
            #expect(before.contains("Our confidentiality agreement"))
            #expect(!before.contains("id=\"note-form\""))
            #expect(try await counsellor.post(path + "/notes", form: ["text": "Hello", "visibility": "shared"]).status == .forbidden)
            for browser in [teacher, counsellor, ilze] { #expect(try await browser.post(path + "/agree").status == .seeOther) }
            #expect(try await teacher.post(path + "/agree").status == .forbidden, "agreeing is once")
            let after = try await counsellor.get(path)
            #expect(after.contains("id=\"note-form\""))
            #expect(after.contains("agreed to confidentiality"))

            // A case title with a colleague's name is held back until confirmed.
            let named = try await teacher.post(path + "/sessions", form: ["title": "Ilze Tester and the parents' evening", "case_owner": ilzeID.uuidString])
            #expect(named.status == .unprocessableEntity)
            #expect(named.contains("This seems to name"))
            #expect(try await CaseSession.query(on: app.db).count() == 0)
            let session = try await teacher.post(
                path + "/sessions", form: ["title": "A pupil in year 8 who has stopped handing in work", "case_owner": ilzeID.uuidString])
            #expect(session.status == .seeOther)
            let sessionPath = try #require(session.location)
            #expect((try await ilze.get("/support")).contains("started a case session"))
            var page = try await ilze.get(sessionPath)
            #expect(page.contains("Opening"))
            #expect(page.contains("Time left: 5:00"))
            #expect(!page.contains("id=\"next-step-form\""), "only the facilitator moves the steps")
            #expect(try await ilze.post(sessionPath + "/next").status == .forbidden)

            // Through every step; a note in the hypotheses step stays under it.
            let facilitatorPage = try await teacher.get(sessionPath)
            #expect(facilitatorPage.contains("Next step: Case presentation"))
            #expect(facilitatorPage.contains("name=\"from\" value=\"\(CaseStep.allCases[0].rawValue)\""), "the form says which step it moves on from")
            for step in CaseStep.allCases.dropFirst() {
                ctx.clock.advance(by: 60)
                let from = String(step.rawValue - 1)
                #expect(try await teacher.post(sessionPath + "/next", form: ["minutes": "12", "from": from]).status == .seeOther)
                // The same click again (a double click, a second tab): the session stays at this step.
                #expect(try await teacher.post(sessionPath + "/next", form: ["minutes": "12", "from": from]).status == .seeOther)
                #expect(try await CaseSession.query(on: app.db).first()?.step == step, "a second click skipped a step")
                if step == .hypotheses {
                    #expect(
                        try await counsellor.post(sessionPath + "/entries", form: ["text": "Perhaps the work feels pointless to the pupil"]).status == .seeOther
                    )
                }
            }
            ctx.clock.advance(by: 13 * 60)
            page = try await teacher.get(sessionPath)
            #expect(page.contains("Looking back on the session"))
            #expect(page.contains("Over time by 1:00"))
            #expect(page.contains("Finish the session"))
            #expect(try await teacher.post(sessionPath + "/next").status == .seeOther)
            page = try await ilze.get(sessionPath)
            #expect(page.contains("This session is finished."))
            #expect(page.contains("Perhaps the work feels pointless to the pupil"))
            #expect(try await ilze.post(sessionPath + "/entries", form: ["text": "Late"]).status == .conflict)
            #expect(try await CaseEntry.query(on: app.db).filter(\.$step == .hypotheses).count() == 1)

            // Nobody outside the group reaches the group or the session.
            let admin = ctx.browser()
            try await admin.login(Fixtures.admin)
            for outsider in [leader, admin] {
                #expect(try await outsider.get(path).status == .notFound)
                #expect(try await outsider.get(sessionPath).status == .notFound)
            }
            #expect((try await leader.get("/schools/\(a.uuidString)")).contains("1 intervision group meeting"))
            #expect(!(try await leader.get("/schools/\(a.uuidString)")).contains("Year 8 team"))
        }
    }

    @Test("A member who has not agreed cannot open a case session; a supervision group is led by its supervisor")
    func supervision() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            try await Fixtures.addMember("peteris@example.org", school: a, role: .teacher, on: app)
            let teacher = ctx.browser(), counsellor = ctx.browser(), peteris = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            try await counsellor.login(Fixtures.counsellorA)
            try await peteris.login("peteris@example.org")
            let counsellorID = try await Self.id(Fixtures.counsellorA, app), peterisID = try await Self.id("peteris@example.org", app)
            let fields = [
                ("kind", "supervision"), ("school", a.uuidString), ("name", "Support staff supervision"), ("purpose", "Our own practice"),
                ("members[]", counsellorID.uuidString), ("members[]", peterisID.uuidString),
            ]
            let noSupervisor = try await teacher.post("/support/groups/new", fields: fields + [("supervisor", UUID().uuidString)])
            #expect(noSupervisor.status == .unprocessableEntity)
            let path = try #require(try await teacher.post("/support/groups/new", fields: fields + [("supervisor", counsellorID.uuidString)]).location)
            for browser in [teacher, counsellor] { try await browser.post(path + "/agree") }
            // A member is not the supervisor: no session form, and starting one is refused.
            #expect(!(try await teacher.get(path)).contains("id=\"session-form\""))
            #expect(try await teacher.post(path + "/sessions", form: ["title": "A case", "case_owner": counsellorID.uuidString]).status == .forbidden)
            let started = try await counsellor.post(
                path + "/sessions", form: ["title": "A parent who writes every evening", "case_owner": counsellorID.uuidString])
            let sessionPath = try #require(started.location)
            // Pēteris has not agreed: he sees the agreement, never the case.
            #expect(try await peteris.get(sessionPath).status == .forbidden)
            #expect(!(try await peteris.get(path)).contains("A parent who writes every evening"))
            // A case owner must have agreed.
            #expect(
                try await counsellor.post(path + "/sessions", form: ["title": "Another", "case_owner": peterisID.uuidString]).status == .unprocessableEntity)
        }
    }

    @Test("A study group across the network's schools: action plan, weekly meetings with reminders once, attendance by the facilitator")
    func studyGroup() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            let teacher = ctx.browser(), counsellor = ctx.browser(), leaderB = ctx.browser(), leaderC = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            try await counsellor.login(Fixtures.counsellorA)
            try await leaderB.login(Fixtures.leaderB)
            try await leaderC.login(Fixtures.leaderC)
            let counsellorID = try await Self.id(Fixtures.counsellorA, app), leaderBID = try await Self.id(Fixtures.leaderB, app)
            let leaderCID = try await Self.id(Fixtures.leaderC, app)
            let form = try await teacher.get("/support/groups/new?kind=study_group")
            #expect(form.contains("leader.b Tester (School B)"), "colleagues of the network's schools may join")
            #expect(!form.contains("leader.c Tester"), "not another network's")
            let fields = [
                ("kind", "study_group"), ("school", a.uuidString), ("name", "Formative assessment"),
                ("purpose", "One handbook chapter a month"), ("members[]", counsellorID.uuidString),
            ]
            #expect(try await teacher.post("/support/groups/new", fields: fields + [("members[]", leaderCID.uuidString)]).status == .unprocessableEntity)
            let path = try #require(try await teacher.post("/support/groups/new", fields: fields + [("members[]", leaderBID.uuidString)]).location)
            #expect((try await leaderB.get(path)).contains("Study group: Formative assessment"))
            #expect(try await leaderC.get(path).status == .notFound)

            // The plan: every part is needed; a bad attempt keeps what was typed and saves nothing.
            let partial = try await counsellor.post(
                path + "/plan", form: ["plan_how": "Read before each meeting", "plan_support": "", "plan_challenge": "Time", "plan_evidence": "Exit tickets"])
            #expect(partial.status == .unprocessableEntity)
            #expect(partial.contains("Read before each meeting"))
            #expect(try await PracticeGroup.query(on: app.db).first()?.planWrittenAt == nil)
            #expect(
                try await counsellor.post(
                    path + "/plan",
                    form: [
                        "plan_how": "Read before each meeting", "plan_support": "Our deputy head covers one lesson",
                        "plan_challenge": "Time in December", "plan_evidence": "Exit tickets show fewer blanks",
                    ]
                ).status == .seeOther)
            #expect((try await leaderB.get(path)).contains("Our deputy head covers one lesson"))

            // Four weekly meetings at once; a bad count plans none.
            let meeting = ["date": "2026-12-03", "time": "15:30", "time_zone": "Europe/Riga", "duration": "75", "agenda": "Chapter 5 read"]
            let bad = try await teacher.post(path + "/meetings", form: meeting.merging(["repeats": "weekly", "count": "40"]) { _, new in new })
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("from 1 to 20"))
            #expect(try await Meeting.query(on: app.db).count() == 0)
            #expect(
                try await teacher.post(path + "/meetings", form: meeting.merging(["repeats": "weekly", "count": "4"]) { _, new in new }).status == .seeOther)
            let meetings = try await Meeting.query(on: app.db).sort(\.$startsAt).all()
            #expect(meetings.count == 4)
            #expect(meetings[3].startsAt.timeIntervalSince(meetings[0].startsAt) == 21 * 86400)

            // Reminders: a day before, once, to every member.
            let first = meetings[0]
            #expect(try await Reminders.sendDue(now: first.startsAt.addingTimeInterval(-30 * 3600), on: app.db) == 0)
            #expect(try await Reminders.sendDue(now: first.startsAt.addingTimeInterval(-12 * 3600), on: app.db) == 1)
            #expect(try await Reminders.sendDue(now: first.startsAt.addingTimeInterval(-11 * 3600), on: app.db) == 0)
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .meetingSoon).count() == 3)
            #expect((try await counsellor.get("/support")).contains("A meeting of yours is within a day"))

            // Attendance: the facilitator records it; members see it and cannot change it.
            let firstID = try first.requireID()
            #expect(try await counsellor.post(path + "/meetings/\(firstID)/attendance", fields: [("present[]", counsellorID.uuidString)]).status == .forbidden)
            #expect(
                try await teacher.post(
                    path + "/meetings/\(firstID)/attendance",
                    fields: [("present[]", counsellorID.uuidString), ("present[]", leaderBID.uuidString)]
                ).status == .seeOther)
            #expect((try await counsellor.get(path)).contains("Present: 2 of 3"))
            #expect(try await Attendance.query(on: app.db).filter(\.$present == true).count() == 2)

            // Closing asks for the reflection against the plan.
            #expect(try await teacher.post(path + "/close", form: ["text": "We now plan exit tickets together", "visibility": "shared"]).status == .seeOther)
            let closed = try await counsellor.get(path)
            // One spelling: the page writes text with ' as it is (no `||` over two spellings, issue 15).
            #expect(closed.contains("measured against the group's plan"))
            #expect(
                try await counsellor.post(path + "/plan", form: ["plan_how": "x", "plan_support": "x", "plan_challenge": "x", "plan_evidence": "x"]).status
                    == .conflict)
        }
    }

    @Test("An observation meeting carries its step; other forms refuse a step")
    func observationSteps() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            let counsellorID = try await Self.id(Fixtures.counsellorA, app)
            let path = try #require(
                try await teacher.post(
                    "/support/observation/new",
                    form: [
                        "school": a.uuidString, "observers[]": counsellorID.uuidString, "focus": "Wait time", "protocol": "questioning",
                    ]
                ).location)
            let meeting = ["date": "2026-12-03", "time": "15:30", "time_zone": "Europe/Riga", "duration": "30", "step": "pre_observation"]
            #expect(try await teacher.post(path + "/meetings", form: meeting).status == .seeOther)
            #expect((try await teacher.get(path)).contains("Pre-observation talk"))
            #expect(try await teacher.post(path + "/meetings", form: meeting.merging(["step": "grading"]) { _, new in new }).status == .unprocessableEntity)
            #expect(try await Meeting.query(on: app.db).count() == 1)
        }
    }
}

@Suite("A school's own observation protocols")
struct SchoolProtocolTests {
    @Test(
        "A member writes a protocol for the school; colleagues choose it for a cycle; other schools never see it; its author retires it and the cycle keeps it")
    func ownProtocol() async throws {
        try await withApp { app, ctx in
            let a = ctx.fixtures.schoolA
            let counsellor = ctx.browser(), teacher = ctx.browser(), leaderB = ctx.browser()
            try await counsellor.login(Fixtures.counsellorA)
            try await teacher.login(Fixtures.teacherA)
            try await leaderB.login(Fixtures.leaderB)
            // Too few look-fors: explained, nothing saved, the text kept.
            let bad = try await counsellor.post(
                "/support/observation/protocols", form: ["school": a.uuidString, "name": "Talk in mathematics", "look_fors": "Who explains a method"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("Who explains a method"))
            #expect(try await SchoolProtocol.query(on: app.db).count() == 0)
            #expect(
                try await counsellor.post(
                    "/support/observation/protocols",
                    form: [
                        "school": a.uuidString, "name": "Talk in mathematics",
                        "look_fors": "Who explains a method to the class, and how\n\nWhich mathematical words pupils use unprompted\n",
                    ]
                ).status == .seeOther)
            let own = try #require(try await SchoolProtocol.query(on: app.db).first())
            #expect(own.lookFors == ["Who explains a method to the class, and how", "Which mathematical words pupils use unprompted"])
            // Another school cannot add to school A, nor sees its protocols.
            #expect(
                try await leaderB.post("/support/observation/protocols", form: ["school": a.uuidString, "name": "X", "look_fors": "a\nb"]).status
                    == .unprocessableEntity)
            #expect(!(try await leaderB.get("/support/observation/protocols")).contains("Which mathematical words"))

            // A colleague chooses it.
            let form = try await teacher.get("/support/observation/new")
            #expect(form.contains("Talk in mathematics"))
            let counsellorID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.counsellorA).first()?.requireID())
            let path = try #require(
                try await teacher.post(
                    "/support/observation/new",
                    form: [
                        "school": a.uuidString, "observers[]": counsellorID.uuidString, "focus": "How pupils explain",
                        "protocol": "school:\(try own.requireID())",
                    ]
                ).location)
            #expect((try await counsellor.get(path)).contains("Which mathematical words pupils use unprompted"))
            // Someone else's protocol id, or a made-up one, is refused.
            #expect(
                try await teacher.post(
                    "/support/observation/new",
                    form: [
                        "school": a.uuidString, "observers[]": counsellorID.uuidString, "focus": "x", "protocol": "school:\(UUID())",
                    ]
                ).status == .unprocessableEntity)

            // Only its author retires it; then it is no longer offered, and the cycle keeps it.
            #expect(try await teacher.post("/support/observation/protocols/\(try own.requireID())/retire").status == .forbidden)
            #expect(try await leaderB.post("/support/observation/protocols/\(try own.requireID())/retire").status == .notFound)
            #expect(try await counsellor.post("/support/observation/protocols/\(try own.requireID())/retire").status == .seeOther)
            #expect(!(try await teacher.get("/support/observation/new")).contains("Talk in mathematics"))
            #expect((try await teacher.get(path)).contains("Which mathematical words pupils use unprompted"))
        }
    }
}
