import Domain
import Fluent
import Foundation

/// Groups in the demo's Riga school: a study group on formative assessment with a
/// colleague from the Valmiera school, its action plan, fortnightly meetings and recorded
/// attendance; an intervision group of class teachers with one case consulted (Santa has
/// not yet agreed to its confidentiality, so she sees the agreement first); and a
/// supervision group led by the school psychologist.
enum DemoGroups {
    static func seed(on db: any Database, schools: [String: School], now: Date) async throws {
        guard let riga = schools["LV-RIGA-2"] else { return }
        let rigaID = try riga.requireID()
        func user(_ name: String) async throws -> User { try await DemoPractice.rigaUser(name, on: db) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Riga")!
        func wednesday(weeksFromNow weeks: Int, hour: Int) -> Date {
            let next = calendar.nextDate(after: now, matching: DateComponents(hour: hour, minute: 0, weekday: 4), matchingPolicy: .nextTime) ?? now
            return calendar.date(byAdding: .day, value: 7 * weeks, to: next) ?? next
        }
        func group(_ form: Engagement.Form, _ name: String, purpose: String, people: [(User, EngagementParticipant.Role, Bool)]) async throws -> UUID {
            let engagement = Engagement(form: form, status: .active, topic: name, schoolID: rigaID)
            try await engagement.save(on: db)
            let id = try engagement.requireID()
            for (person, role, agreed) in people {
                let participant = EngagementParticipant(engagementID: id, userID: try person.requireID(), role: role)
                participant.agreedAt = agreed ? now.addingTimeInterval(-30 * 86_400) : nil
                try await participant.save(on: db)
            }
            try await PracticeGroup(engagementID: id, purpose: purpose).save(on: db)
            return id
        }

        // The study group: Agnese facilitates; Inese joins from the Valmiera school.
        let agnese = try await user("agnese.zarina"), janis = try await user("janis.ozols"), zane = try await user("zane.jansone")
        let edgars = try await user("edgars.lacis")
        guard let inese = try await User.query(on: db).filter(\.$email == "inese.vitola@valmiera.collegium.example").first() else {
            throw DemoPractice.DemoError.missing("inese.vitola")
        }
        let studyMembers = [agnese, janis, zane, edgars, inese]
        let study = try await group(
            .studyGroup, "Formative assessment in years 7–9",
            purpose:
                "We read the handbook's chapter on study groups together and work through one unit of a short course on formative assessment between meetings: learning intentions, questioning, exit tickets, peer feedback.",
            people: [(agnese, .facilitator, false), (janis, .member, false), (zane, .member, false), (edgars, .member, false), (inese, .member, false)])
        if let plan = try await PracticeGroup.query(on: db).filter(\.$engagement.$id == study).first() {
            plan.planHow = "One unit between meetings, each of us tries one technique in one class and brings an example of pupils' work."
            plan.planSupport = "Inese, the pedagogical adviser in Valmiera, joins online; our deputy head keeps Wednesday's seventh lesson free of meetings."
            plan.planChallenge = "The December tests: we agreed to keep meeting, with a shorter agenda, rather than skip."
            plan.planEvidence = "By March, exit tickets in every member's classes show fewer blank answers, and each of us can show one lesson changed by them."
            plan.planWrittenAt = now.addingTimeInterval(-28 * 86_400)
            try await plan.save(on: db)
        }
        let agendas = [
            "First meeting: what we already do; write the action plan together.",
            "Unit 1 done before: learning intentions. Bring one lesson's intention as pupils saw it.",
            "Unit 2 done before: questioning. Bring three questions you asked and who answered.",
            "Unit 3 done before: exit tickets. Bring a set of tickets (names removed).",
            "Unit 4 done before: peer feedback. Try one protocol with a class.",
            "Looking back: what changed in our classes, measured against our plan.",
        ]
        // Fortnightly on Wednesdays at 15:00; two already held, four ahead.
        for (i, agenda) in agendas.enumerated() {
            let meeting = Meeting(
                engagementID: study, startsAt: wednesday(weeksFromNow: 2 * i - 4, hour: 15), timeZone: "Europe/Riga",
                durationMinutes: 75, place: "Library, second floor", onlineLink: "https://meet.example.org/riga-study-group", agenda: agenda)
            try await meeting.save(on: db)
            guard i < 2 else { continue }
            for person in studyMembers {
                let absent = i == 1 && person.id == edgars.id
                try await Attendance(meetingID: try meeting.requireID(), userID: try person.requireID(), present: !absent).save(on: db)
            }
        }
        for (author, text) in [
            (
                agnese,
                "From the second meeting: most of our learning intentions were about activities (\"we will read…\"), not about what pupils learn. Each of us rewrites two for next time."
            ),
            (
                janis,
                "Tried \"no hands up\" with random names in 7.b. Quieter pupils answered; two asked me afterwards to warn them first. I will give thinking time in pairs before calling on anyone."
            ),
        ] {
            try await EngagementNote(engagementID: study, authorID: try author.requireID(), text: text, visibility: .shared).save(on: db)
        }

        // The intervision group of class teachers: Santa has not agreed yet.
        let anna = try await user("anna.kalnina"), kristaps = try await user("kristaps.vitols"), santa = try await user("santa.karklina")
        let liga = try await user("liga.kalnina")
        let intervision = try await group(
            .intervision, "Class teachers of years 5–6",
            purpose: "Cases from our work as class teachers: pupils who withdraw, conflicts in the class, contact with families.",
            people: [(janis, .member, true), (anna, .member, true), (kristaps, .member, true), (liga, .member, true), (santa, .member, false)])
        let session = CaseSession(
            engagementID: intervision, facilitatorID: try kristaps.requireID(), caseOwnerID: try anna.requireID(),
            title: "A pupil in year 6 who has stopped speaking in class since the autumn break", startedAt: now.addingTimeInterval(-13 * 86_400))
        session.step = .processReflection
        session.stepStartedAt = now.addingTimeInterval(-13 * 86_400 + 52 * 60)
        session.stepMinutes = CaseStep.processReflection.defaultMinutes
        session.finishedAt = now.addingTimeInterval(-13 * 86_400 + 61 * 60)
        try await session.save(on: db)
        let entries: [(User, CaseStep, String)] = [
            (
                anna, .presentation,
                "Until October the pupil answered often and worked in groups. Since the break: no answers, sits alone at breaks, written work still complete. Parents say nothing has changed at home. I have tried asking privately; the answer is \"everything is fine\"."
            ),
            (janis, .questions, "Has anything changed in the class itself: seating, a new pupil, a group chat?"),
            (liga, .questions, "Is the pupil silent in every lesson, or in some more than others?"),
            (anna, .keyQuestion, "How can I keep the door open without pushing, and when should I involve the counsellor?"),
            (kristaps, .hypotheses, "Perhaps something happened among the pupils that adults have not seen, online or at a break."),
            (liga, .hypotheses, "It could be that complete written work is the pupil's way of saying: I am still here, please don't single me out."),
            (
                janis, .advice,
                "In your place I would give a written way to answer in lessons for a few weeks (a mini-whiteboard, an exit ticket) and watch what comes back."
            ),
            (liga, .advice, "A short, low-key talk with the counsellor framed as something every class has, not as a problem."),
            (
                anna, .ownerReflection,
                "I will try the written answers in my subject and ask the counsellor to visit the class for a general session on friendships. Next time I will say what happened."
            ),
        ]
        for (author, step, text) in entries {
            try await CaseEntry(sessionID: try session.requireID(), authorID: try author.requireID(), step: step, text: text).save(on: db)
        }
        try await Meeting(
            engagementID: intervision, startsAt: wednesday(weeksFromNow: 1, hour: 14), timeZone: "Europe/Riga", durationMinutes: 60,
            place: "Room 204", onlineLink: "", agenda: "Opening; a case from whoever brings one; the last case owner says what happened since."
        ).save(on: db)

        // Supervision: the school psychologist supervises three class teachers.
        let dace = try await user("dace.krumina"), laura = try await user("laura.berzina"), gatis = try await user("gatis.freimanis")
        let ieva = try await user("ieva.grinberga")
        let supervision = try await group(
            .supervision, "Supervision for new class teachers",
            purpose: "A monthly space for teachers in their first years as class teachers to look at their own part in difficult situations.",
            people: [(dace, .supervisor, true), (laura, .member, true), (gatis, .member, true), (ieva, .member, true)])
        try await Meeting(
            engagementID: supervision, startsAt: wednesday(weeksFromNow: 2, hour: 16), timeZone: "Europe/Riga", durationMinutes: 90,
            place: "The psychologist's office", onlineLink: "", agenda: "Second session: one case, then the contract after a month."
        ).save(on: db)

        // What Jānis and Santa find new on "My support".
        try await Notifications.notify([try santa.requireID()], kind: .groupInvited, actor: kristaps.fullName, link: .engagement(.value(intervision)), on: db)
        try await Notifications.notify([try janis.requireID()], kind: .groupInvited, actor: agnese.fullName, link: .engagement(.value(study)), on: db)
    }
}
