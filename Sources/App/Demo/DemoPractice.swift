import Domain
import Fluent
import Foundation

/// Ask a colleague in the demo's Riga school: colleagues who offer help on topics, two
/// questions waiting (one without a name), and one conversation under way with notes.
enum DemoPractice {
    static func seed(on db: any Database, schools: [String: School], now: Date) async throws {
        guard let riga = schools["LV-RIGA-2"] else { return }
        let rigaID = try riga.requireID()
        func user(_ name: String) async throws -> User { try await DemoPractice.rigaUser(name, on: db) }
        let offers: [(String, [HelpTopic])] = [
            ("martins.eglitis", [.parents, .classroomManagement]),
            ("agnese.zarina", [.digitalTools, .differentiation]),
            ("raivis.klavins", [.assessment, .planning]),
            ("maris.liepa", [.planning, .workload]),
        ]
        for (email, topics) in offers {
            let id = try await user(email).requireID()
            for topic in topics { try await HelpVolunteer(userID: id, schoolID: rigaID, topic: topic).save(on: db) }
        }

        try await HelpRequest(
            schoolID: rigaID, askerID: try await user("elina.silina").requireID(), topic: .digitalTools, urgency: .thisWeek,
            question:
                "My Year 7 class will hand in projects as shared documents for the first time. How do you keep track of who wrote what, without spending every evening on it?",
            showName: true, askedAt: now.addingTimeInterval(-26 * 3600)
        ).save(on: db)
        try await HelpRequest(
            schoolID: rigaID, askerID: try await user("uldis.petersons").requireID(), topic: .classroomManagement, urgency: .today,
            question:
                "Since the autumn break one group talks over me for the first ten minutes of every lesson. I have tried waiting in silence and seating changes. What else could I try tomorrow?",
            showName: false, askedAt: now.addingTimeInterval(-6 * 3600)
        ).save(on: db)

        let asked = HelpRequest(
            schoolID: rigaID, askerID: try await user("janis.ozols").requireID(), topic: .parents, urgency: .thisWeek,
            question:
                "A parent sends me long messages late every evening and expects an answer by morning. How do I set limits without damaging the relationship?",
            showName: true, askedAt: now.addingTimeInterval(-3 * 86_400))
        try await asked.save(on: db)
        let helper = try await user("martins.eglitis")
        let engagement = try await AskAColleague(db: db).take(asked, helperID: try helper.requireID())
        let id = try engagement.requireID()
        try await EngagementNote(
            engagementID: id, authorID: try helper.requireID(),
            text:
                "I had the same last year. What helped: one message at the start of term saying when I read messages (weekdays until 17:00) and that urgent matters go through the school office. Shall we talk one day after the sixth lesson?",
            visibility: .shared
        ).save(on: db)
        try await EngagementNote(
            engagementID: id, authorID: asked.$asker.id,
            text: "Tomorrow works. I will bring two of the messages, without names.", visibility: .shared
        ).save(on: db)
        try await EngagementNote(
            engagementID: id, authorID: try helper.requireID(),
            text: "Bring the school's communication policy (page 3) to the talk.", visibility: .private
        ).save(on: db)
        // Their talk: tomorrow at 14:30 in Riga, so that the teacher's home shows a meeting
        // tomorrow whenever the demo starts (issue 18: home says what is next).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Riga")!
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
        let talk = calendar.date(bySettingHour: 14, minute: 30, second: 0, of: tomorrow) ?? now.addingTimeInterval(86_400)
        try await Meeting(
            engagementID: id, startsAt: talk, timeZone: "Europe/Riga", durationMinutes: 40, place: "Room 112 (the psychologist's office is free then)",
            onlineLink: "", agenda: "1. The two messages (names removed)\n2. What to write at the start of term\n3. What to do when a message is urgent"
        ).save(on: db)

        try await seedCoaching(on: db, schoolID: rigaID, user: user, now: now)
        try await seedObservation(on: db, schoolID: rigaID, user: user)
        // What Jānis finds new when he opens "My support".
        let janisID = asked.$asker.id
        try await Notifications.notify([janisID], kind: .questionTaken, actor: helper.fullName, link: .engagement(.value(id)), on: db)
        try await Notifications.notify([janisID], kind: .meetingPlanned, actor: helper.fullName, link: .engagement(.value(id)), on: db)
    }

    /// Coaching: the counsellor and the psychologist coach; Anna is being coached by Līga
    /// (one session written up in the GROW steps); Pēteris waits for any coach.
    static func seedCoaching(on db: any Database, schoolID: UUID, user: (String) async throws -> User, now: Date) async throws {
        let liga = try await user("liga.kalnina"), dace = try await user("dace.krumina")
        try await CoachOffer(
            userID: try liga.requireID(), schoolID: schoolID,
            topics: "new teachers' first year, classroom routines, stress", capacity: 3
        ).save(on: db)
        try await CoachOffer(
            userID: try dace.requireID(), schoolID: schoolID,
            topics: "stress and workload, difficult conversations with parents", capacity: 2
        ).save(on: db)
        let anna = try await user("anna.kalnina")
        let request = CoachingRequest(
            schoolID: schoolID, requesterID: try anna.requireID(), coachID: try liga.requireID(),
            topic: "Keeping my Year 9 class with me in the last lesson of the day")
        try await request.save(on: db)
        let engagement = try await Coaching(db: db).accept(request, coachID: try liga.requireID(), actor: liga.fullName)
        let id = try engagement.requireID()
        try await EngagementNote(
            engagementID: id, authorID: try liga.requireID(),
            text: """
                Goal: Anna wants the last lesson on Thursdays to start and end calmly, with the class still working at the end.
                Reality: By the last lesson the class is tired; about ten minutes go on settling down and the last ten on packing up.
                Options: a short, visible plan on the board; a standing start task; a two-minute pause at the middle; ending with a one-question exit card.
                Way forward: Anna will try the start task and the exit card for the next three Thursdays and note what changes.
                """, visibility: .shared
        ).save(on: db)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Riga")!
        let next =
            calendar.nextDate(
                after: now.addingTimeInterval(3 * 86_400), matching: DateComponents(hour: 15, minute: 15, weekday: 3),
                matchingPolicy: .nextTime) ?? now.addingTimeInterval(10 * 86_400)
        try await Meeting(
            engagementID: id, startsAt: next, timeZone: "Europe/Riga", durationMinutes: 45, place: "Counsellor's room, 1st floor",
            onlineLink: "", agenda: "Second session: what changed on the three Thursdays"
        ).save(on: db)
        try await CoachingRequest(
            schoolID: schoolID, requesterID: try await user("peteris.ozolins").requireID(), coachID: nil,
            topic: "Giving feedback to colleagues after I observe their lessons"
        ).save(on: db)
    }

    /// Peer observation: Laura asked Māris to observe her questioning in a Year 8 lesson.
    static func seedObservation(on db: any Database, schoolID: UUID, user: (String) async throws -> User) async throws {
        let laura = try await user("laura.berzina"), maris = try await user("maris.liepa")
        let engagement = Engagement(form: .observation, status: .active, topic: "Which pupils answer my questions, and which never do?", schoolID: schoolID)
        try await engagement.save(on: db)
        let id = try engagement.requireID()
        try await EngagementParticipant(engagementID: id, userID: try laura.requireID(), role: .observed).save(on: db)
        try await EngagementParticipant(engagementID: id, userID: try maris.requireID(), role: .observer).save(on: db)
        try await ObservationCycle(
            engagementID: id, focus: "Which pupils answer my questions, and which never do? Year 8, the Tuesday lesson after lunch.",
            observationProtocol: .questioning
        ).save(on: db)
        for text in [
            "[09:05] Q1 \"What did we find last time?\" Hands up: 4, all front two rows. Answered by the girl by the window.",
            "[09:11] Q2 asked to the whole class, answered after about one second by the same pupil.",
            "[09:18] Pair talk before Q3: 11 hands up afterwards, including the back row.",
        ] {
            try await EngagementNote(engagementID: id, authorID: try maris.requireID(), text: text, visibility: .shared).save(on: db)
        }
        // The school's own protocol, written by the mathematics teachers for this year's focus.
        try await SchoolProtocol(
            schoolID: schoolID, authorID: try await user("raivis.klavins").requireID(), name: "Talk in mathematics lessons",
            lookFors: [
                "Who explains a method to the class, and how they are asked to",
                "The mathematical words pupils use without being prompted",
                "When a wrong answer is taken up, and what the class does with it",
                "How long pupils talk in pairs before the teacher takes answers",
            ]
        ).save(on: db)
    }

    enum DemoError: Error { case missing(String) }

    /// A demo colleague of the Riga school by the first part of their email ("janis.ozols").
    static func rigaUser(_ name: String, on db: any Database) async throws -> User {
        guard let user = try await User.query(on: db).filter(\.$email == name + "@riga.collegium.example").first() else {
            throw DemoError.missing(name)
        }
        return user
    }
}
