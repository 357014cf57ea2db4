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
            .studyGroup, "Formatīvā vērtēšana 7.–9. klasē",
            purpose:
                "Kopā izlasām rokasgrāmatas nodaļu par mācīšanās grupām un starp tikšanām apgūstam pa vienai tēmai no īsa kursa par formatīvo vērtēšanu: sasniedzamie rezultāti, jautāšana, izejas biļetes, savstarpējā atgriezeniskā saite.",
            people: [(agnese, .facilitator, false), (janis, .member, false), (zane, .member, false), (edgars, .member, false), (inese, .member, false)])
        if let plan = try await PracticeGroup.query(on: db).filter(\.$engagement.$id == study).first() {
            plan.planHow = "Starp tikšanām viena tēma: katrs izmēģina vienu paņēmienu vienā klasē un atnes skolēnu darba piemēru."
            plan.planSupport =
                "Inese, pedagoģiskā konsultante no Valmieras, pievienojas tiešsaistē; skolas vadība trešdienu 7. stundas laikā neplāno citas sanāksmes."
            plan.planChallenge = "Decembra pārbaudes darbi: vienojāmies tikšanās neizlaist, bet rīkot tās ar īsāku darba kārtību."
            plan.planEvidence = "Līdz martam izejas biļetēs visu dalībnieku klasēs ir mazāk tukšu atbilžu, un katrs var parādīt stundu, kas to dēļ mainījusies."
            plan.planWrittenAt = now.addingTimeInterval(-28 * 86_400)
            try await plan.save(on: db)
        }
        let agendas = [
            "Pirmā tikšanās: ko jau darām; kopā uzrakstām rīcības plānu.",
            "Pirms tikšanās apgūta 1. tēma: sasniedzamie rezultāti. Atnesiet vienas stundas sasniedzamo rezultātu tādu, kādu to redzēja skolēni.",
            "Pirms tikšanās apgūta 2. tēma: jautāšana. Atnesiet trīs jautājumus, ko uzdevāt, un pierakstu, kurš uz tiem atbildēja.",
            "Pirms tikšanās apgūta 3. tēma: izejas biļetes. Atnesiet vienas klases biļetes (bez vārdiem).",
            "Pirms tikšanās apgūta 4. tēma: savstarpējā atgriezeniskā saite. Izmēģiniet vienu atgriezeniskās saites protokolu kādā klasē.",
            "Atskats: kas mainījies mūsu klasēs, salīdzinot ar mūsu plānu.",
        ]
        // Fortnightly on Wednesdays at 15:00; two already held, four ahead.
        for (i, agenda) in agendas.enumerated() {
            let meeting = Meeting(
                engagementID: study, startsAt: wednesday(weeksFromNow: 2 * i - 4, hour: 15), timeZone: "Europe/Riga",
                durationMinutes: 75, place: "Bibliotēka, 2. stāvs", onlineLink: "https://meet.example.org/riga-study-group", agenda: agenda)
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
                "Otrās tikšanās secinājums: lielākā daļa mūsu sasniedzamo rezultātu bija par darbībām (\"lasīsim…\"), nevis par to, ko skolēni iemācās. Līdz nākamajai reizei katrs pārraksta divus."
            ),
            (
                janis,
                "Izmēģināju 7.b klasē \"bez paceltām rokām\", saucot skolēnus nejaušā secībā. Atbildēja arī klusākie; divi pēc stundas palūdza, lai es viņus vispirms brīdinu. Turpmāk, pirms aicinu kādu atbildēt, došu laiku padomāt pāros."
            ),
        ] {
            try await EngagementNote(engagementID: study, authorID: try author.requireID(), text: text, visibility: .shared).save(on: db)
        }

        // The intervision group of class teachers: Santa has not agreed yet.
        let anna = try await user("anna.kalnina"), kristaps = try await user("kristaps.vitols"), santa = try await user("santa.karklina")
        let liga = try await user("liga.kalnina")
        let intervision = try await group(
            .intervision, "5.–6. klašu audzinātāji",
            purpose: "Gadījumi no mūsu klases audzinātāju darba: skolēni, kuri noslēdzas sevī, konflikti klasē, sadarbība ar ģimenēm.",
            people: [(janis, .member, true), (anna, .member, true), (kristaps, .member, true), (liga, .member, true), (santa, .member, false)])
        let session = CaseSession(
            engagementID: intervision, facilitatorID: try kristaps.requireID(), caseOwnerID: try anna.requireID(),
            title: "6. klases skolēns, kurš kopš rudens brīvlaika stundās vairs nerunā", startedAt: now.addingTimeInterval(-13 * 86_400))
        session.step = .processReflection
        session.stepStartedAt = now.addingTimeInterval(-13 * 86_400 + 52 * 60)
        session.stepMinutes = CaseStep.processReflection.defaultMinutes
        session.finishedAt = now.addingTimeInterval(-13 * 86_400 + 61 * 60)
        try await session.save(on: db)
        let entries: [(User, CaseStep, String)] = [
            (
                anna, .presentation,
                "Līdz oktobrim skolēns bieži atbildēja un strādāja grupās. Kopš brīvlaika: neatbild, starpbrīžos sēž viens, rakstu darbi joprojām ir pilnībā izpildīti. Vecāki saka, ka mājās nekas nav mainījies. Esmu mēģinājusi jautāt divatā; atbilde ir \"viss ir kārtībā\"."
            ),
            (janis, .questions, "Vai kaut kas ir mainījies pašā klasē: sēdvietas, jauns skolēns, klases sarakstes grupa?"),
            (liga, .questions, "Vai skolēns klusē visās stundās vai dažās vairāk nekā citās?"),
            (anna, .keyQuestion, "Kā atstāt durvis atvērtas, neuzspiežoties, un kad iesaistīt sociālo pedagogu?"),
            (kristaps, .hypotheses, "Varbūt skolēnu starpā ir noticis kaut kas, ko pieaugušie nav pamanījuši – tiešsaistē vai starpbrīdī."),
            (liga, .hypotheses, "Iespējams, pilnībā izpildītie rakstu darbi ir skolēna veids, kā pateikt: es joprojām esmu šeit, lūdzu, neizceliet mani."),
            (
                janis, .advice,
                "Jūsu vietā es dažas nedēļas stundās dotu iespēju atbildēt rakstiski (mazā tāfelīte, izejas biļete) un vērotu, ko skolēns atbild."
            ),
            (liga, .advice, "Īsa, nepiespiesta saruna ar sociālo pedagogu – kā kaut kas, kas notiek katrā klasē, nevis kā problēma."),
            (
                anna, .ownerReflection,
                "Izmēģināšu rakstiskās atbildes savā priekšmetā un palūgšu sociālo pedagogu ienākt klasē uz vispārīgu nodarbību par draudzību. Nākamreiz pastāstīšu, kas notika."
            ),
        ]
        for (author, step, text) in entries {
            try await CaseEntry(sessionID: try session.requireID(), authorID: try author.requireID(), step: step, text: text).save(on: db)
        }
        try await Meeting(
            engagementID: intervision, startsAt: wednesday(weeksFromNow: 1, hour: 14), timeZone: "Europe/Riga", durationMinutes: 60,
            place: "204. kabinets", onlineLink: "",
            agenda: "Ievads; gadījums no tā, kurš tādu atnes; iepriekšējā gadījuma īpašnieks pastāsta, kas mainījies kopš pagājušās reizes."
        ).save(on: db)

        // Supervision: the school psychologist supervises three class teachers.
        let dace = try await user("dace.krumina"), laura = try await user("laura.berzina"), gatis = try await user("gatis.freimanis")
        let ieva = try await user("ieva.grinberga")
        let supervision = try await group(
            .supervision, "Supervīzija jaunajiem klašu audzinātājiem",
            purpose: "Reizi mēnesī laiks skolotājiem pirmajos klases audzinātāja darba gados, lai paraudzītos uz savu lomu sarežģītās situācijās.",
            people: [(dace, .supervisor, true), (laura, .member, true), (gatis, .member, true), (ieva, .member, true)])
        try await Meeting(
            engagementID: supervision, startsAt: wednesday(weeksFromNow: 2, hour: 16), timeZone: "Europe/Riga", durationMinutes: 90,
            place: "Psiholoģes kabinets", onlineLink: "", agenda: "Otrā sesija: viens gadījums; pēc tam pārrunājam, kā pēc mēneša darbojas mūsu vienošanās."
        ).save(on: db)

        // What Jānis and Santa find new on "My support".
        try await Notifications.notify([try santa.requireID()], kind: .groupInvited, actor: kristaps.fullName, link: .engagement(.value(intervision)), on: db)
        try await Notifications.notify([try janis.requireID()], kind: .groupInvited, actor: agnese.fullName, link: .engagement(.value(study)), on: db)
    }
}
