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
                "Mana 7. klase pirmo reizi iesniegs projektus kā koplietojamus dokumentus. Kā jūs sekojat līdzi, kurš ko ir uzrakstījis, netērējot tam katru vakaru?",
            showName: true, askedAt: now.addingTimeInterval(-26 * 3600)
        ).save(on: db)
        try await HelpRequest(
            schoolID: rigaID, askerID: try await user("uldis.petersons").requireID(), topic: .classroomManagement, urgency: .today,
            question:
                "Kopš rudens brīvlaika viena skolēnu grupa katras stundas pirmajās desmit minūtēs sarunājas, kamēr es runāju. Esmu mēģinājis klusējot gaidīt un mainījis sēdvietas. Ko vēl es varētu izmēģināt jau rīt?",
            showName: false, askedAt: now.addingTimeInterval(-6 * 3600)
        ).save(on: db)

        let asked = HelpRequest(
            schoolID: rigaID, askerID: try await user("janis.ozols").requireID(), topic: .parents, urgency: .thisWeek,
            question:
                "Kāds no vecākiem katru vakaru vēlu sūta man garas ziņas un gaida atbildi līdz rītam. Kā novilkt robežas, nesabojājot attiecības?",
            showName: true, askedAt: now.addingTimeInterval(-3 * 86_400))
        try await asked.save(on: db)
        let helper = try await user("martins.eglitis")
        let engagement = try await AskAColleague(db: db).take(asked, helperID: try helper.requireID())
        let id = try engagement.requireID()
        try await EngagementNote(
            engagementID: id, authorID: try helper.requireID(),
            text:
                "Pagājušajā gadā man bija tāpat. Palīdzēja viena ziņa semestra sākumā: kad es lasu ziņas (darbdienās līdz 17:00) un ka steidzamos gadījumos jāsazinās ar skolas kanceleju. Varbūt parunājam kādu dienu pēc 6. stundas?",
            visibility: .shared
        ).save(on: db)
        try await EngagementNote(
            engagementID: id, authorID: asked.$asker.id,
            text: "Rīt man der. Paņemšu līdzi divas no ziņām, bez vārdiem.", visibility: .shared
        ).save(on: db)
        try await EngagementNote(
            engagementID: id, authorID: try helper.requireID(),
            text: "Uz sarunu paņemt līdzi skolas saziņas kārtību (3. lpp.).", visibility: .private
        ).save(on: db)
        // Their talk: tomorrow at 14:30 in Riga, so that the teacher's home shows a meeting
        // tomorrow whenever the demo starts (issue 18: home says what is next).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Riga")!
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
        let talk = calendar.date(bySettingHour: 14, minute: 30, second: 0, of: tomorrow) ?? now.addingTimeInterval(86_400)
        try await Meeting(
            engagementID: id, startsAt: talk, timeZone: "Europe/Riga", durationMinutes: 40, place: "112. kabinets (tad psiholoģes kabinets ir brīvs)",
            onlineLink: "", agenda: "1. Abas ziņas (bez vārdiem)\n2. Ko uzrakstīt semestra sākumā\n3. Ko darīt, ja ziņa ir steidzama"
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
            topics: "jauno skolotāju pirmais gads, klases rutīnas, stress", capacity: 3
        ).save(on: db)
        try await CoachOffer(
            userID: try dace.requireID(), schoolID: schoolID,
            topics: "stress un darba slodze, sarežģītas sarunas ar vecākiem", capacity: 2
        ).save(on: db)
        let anna = try await user("anna.kalnina")
        let request = CoachingRequest(
            schoolID: schoolID, requesterID: try anna.requireID(), coachID: try liga.requireID(),
            topic: "Kā dienas pēdējā stundā noturēt 9. klases uzmanību")
        try await request.save(on: db)
        let engagement = try await Coaching(db: db).accept(request, coachID: try liga.requireID(), actor: liga.fullName)
        let id = try engagement.requireID()
        try await EngagementNote(
            engagementID: id, authorID: try liga.requireID(),
            text: """
                Mērķis: Anna vēlas, lai ceturtdienu pēdējā stunda sāktos un beigtos mierīgi un klase strādātu līdz pašām beigām.
                Realitāte: pēdējā stundā klase ir nogurusi; apmēram desmit minūtes aiziet, kamēr visi nomierinās, un pēdējās desmit – mantu kravāšanai.
                Iespējas: īss, labi redzams stundas plāns uz tāfeles; pastāvīgs ievaduzdevums; divu minūšu pauze stundas vidū; noslēgumā izejas biļete ar vienu jautājumu.
                Tālākā rīcība: nākamās trīs ceturtdienas Anna izmēģinās ievaduzdevumu un izejas biļeti un pierakstīs, kas mainās.
                """, visibility: .shared
        ).save(on: db)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Riga")!
        let next =
            calendar.nextDate(
                after: now.addingTimeInterval(3 * 86_400), matching: DateComponents(hour: 15, minute: 15, weekday: 3),
                matchingPolicy: .nextTime) ?? now.addingTimeInterval(10 * 86_400)
        try await Meeting(
            engagementID: id, startsAt: next, timeZone: "Europe/Riga", durationMinutes: 45, place: "Sociālās pedagoģes kabinets, 1. stāvs",
            onlineLink: "", agenda: "Otrā sesija: kas mainījās šajās trīs ceturtdienās"
        ).save(on: db)
        try await CoachingRequest(
            schoolID: schoolID, requesterID: try await user("peteris.ozolins").requireID(), coachID: nil,
            topic: "Kā sniegt kolēģiem atgriezenisko saiti pēc viņu stundu vērošanas"
        ).save(on: db)
    }

    /// Peer observation: Laura asked Māris to observe her questioning in a Year 8 lesson.
    static func seedObservation(on db: any Database, schoolID: UUID, user: (String) async throws -> User) async throws {
        let laura = try await user("laura.berzina"), maris = try await user("maris.liepa")
        let engagement = Engagement(
            form: .observation, status: .active, topic: "Kuri skolēni atbild uz maniem jautājumiem un kuri – nekad?", schoolID: schoolID)
        try await engagement.save(on: db)
        let id = try engagement.requireID()
        try await EngagementParticipant(engagementID: id, userID: try laura.requireID(), role: .observed).save(on: db)
        try await EngagementParticipant(engagementID: id, userID: try maris.requireID(), role: .observer).save(on: db)
        try await ObservationCycle(
            engagementID: id, focus: "Kuri skolēni atbild uz maniem jautājumiem un kuri – nekad? 8. klase, otrdienas stunda pēc pusdienām.",
            observationProtocol: .questioning
        ).save(on: db)
        for text in [
            "[09:05] 1. jautājums \"Ko mēs noskaidrojām pagājušajā reizē?\" Paceltas rokas: 4, visas pirmajās divās rindās. Atbildēja meitene pie loga.",
            "[09:11] 2. jautājums uzdots visai klasei; pēc apmēram vienas sekundes atbildēja tā pati skolniece.",
            "[09:18] Pirms 3. jautājuma saruna pāros: pēc tam 11 paceltas rokas, arī pēdējā rindā.",
        ] {
            try await EngagementNote(engagementID: id, authorID: try maris.requireID(), text: text, visibility: .shared).save(on: db)
        }
        // The school's own protocol, written by the mathematics teachers for this year's focus.
        try await SchoolProtocol(
            schoolID: schoolID, authorID: try await user("raivis.klavins").requireID(), name: "Saruna matemātikas stundās",
            lookFors: [
                "Kurš klasei skaidro risinājuma paņēmienu un kā skolotājs to aicina darīt",
                "Matemātikas termini, ko skolēni lieto bez pamudinājuma",
                "Kad skolotājs izmanto nepareizu atbildi un ko klase ar to dara",
                "Cik ilgi skolēni runā pāros, pirms skolotājs uzklausa atbildes",
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
