import Domain
import Fluent
import Foundation

/// The demo network's needs survey: the ready questionnaire for school leaders, open for
/// three weeks, with 64 believable responses from four countries, so that every part of
/// the report has something to show (and some groups are too small to be shown).
enum DemoSurveys {
    static let wishes = [
        "Regulāra stunda stundu sarakstā, kas pieder kolēģu sadarbībai, nevis sanāksmēm.",
        "Kāds no malas, kurš to jau ir darījis līdzīgā skolā un var pastāstīt, no kā izvairīties.",
        "Training for three or four teachers who could then lead peer observation here.",
        "Īss materiāls skolotāju sanāksmei: kāpēc mēs to darām un kas tas nav (tā nav pārbaude).",
        "Pašvaldības atbalsts, lai varam samaksāt supervizoram mūsu atbalsta personālam.",
        "Examples of timetables where teachers have a shared free lesson.",
        "Materiāli latviešu valodā, ko varu uzreiz iedot skolotājiem.",
        "A way to show the school board that it makes a difference, with figures.",
        "Mentor training that is recognised as professional development hours.",
        "Less paperwork, so that there is time left for colleagues at all.",
        "A network of schools to visit and see how they do it.",
        "Clear rules on confidentiality, so that teachers believe nothing goes to the director.",
        "Help to start small: one study group this spring, not a whole programme.",
        "An online meeting once a month with other school leaders who are starting the same thing.",
    ]

    /// A code from 1 to `weights.count`, each as likely as its weight.
    static func pick(_ weights: [Int], _ random: inout SeededRandom) -> Int {
        let roll = Int.random(in: 0..<weights.reduce(0, +), using: &random)
        var sum = 0
        for (i, w) in weights.enumerated() { sum += w; if roll < sum { return i + 1 } }
        return weights.count
    }

    static func seed(
        on db: any Database, network: Network, creator: User, schools: [String: School], questionnaires: QuestionnaireTranslations, now: Date
    ) async throws {
        let definition = SurveyTemplates.definition(.leaderNeeds, questionnaires)
        let survey = try Survey(
            definition: definition, schoolID: nil, networkID: try network.requireID(), createdByID: try creator.requireID(),
            slug: "demo-needs-survey-2026", template: SurveyTemplates.Template.leaderNeeds.rawValue)
        // Closed yesterday, so its figures are released (a report shows figures only once a
        // survey has closed; the Rīga staff survey below shows one still open).
        survey.status = .closed
        survey.anonymous = true
        survey.anonymityFixed = true
        survey.opensOn = CalendarDay(now.addingTimeInterval(-21 * 86_400)).description
        survey.closesOn = CalendarDay(now.addingTimeInterval(-86_400)).description
        // Shown on the home page of every leader of the network's schools.
        survey.audienceRoles = SchoolRole.leader.rawValue
        survey.audienceSchools = schools.values.compactMap { $0.id?.uuidString }.sorted().joined(separator: ",")
        try await survey.save(on: db)
        let surveyID = try survey.requireID()
        var random = SeededRandom(seed: 2026)
        func pick(_ weights: [Int]) -> Int { Self.pick(weights, &random) }
        // Countries in the proportions a network of this kind would see; a few answers came
        // through the demo schools' own accounts, the rest through the public link.
        let countries =
            Array(repeating: "LV", count: 26) + Array(repeating: "CZ", count: 17) + Array(repeating: "IT", count: 14) + Array(repeating: "GE", count: 7)
        let riga = schools["LV-RIGA-2"]
        // Two of three answered in their country's language, the rest in English.
        let languageOf = ["LV": "lv", "CZ": "cs", "IT": "it", "GE": "ka"]
        var wishIndex = 0
        for (i, country) in countries.enumerated() {
            var a: SurveyAnswers = [:]
            a["role"] = String(pick([40, 35, 18, 7]))
            a["size"] = String(pick([22, 38, 28, 12]))
            if Int.random(in: 0..<10, using: &random) > 0 { a["years_leading"] = String(Int.random(in: 1...28, using: &random)) }
            // Latvian and Czech schools report a little more going on already.
            let current = country == "GE" ? pick([15, 40, 45]) : pick([32, 45, 23])
            a["support_now"] = String(current)
            if current < 3 {
                var any = false
                for (option, chance) in [(1, 80), (2, 25), (3, 55), (4, 15), (5, 20), (6, 45), (7, 18)] {
                    let yes = Int.random(in: 0..<100, using: &random) < chance
                    any = any || yes
                    a["forms_used_\(option)"] = yes ? "1" : "0"
                }
                if !any { a["forms_used_1"] = "1" }
                a["difference"] = String(current == 1 ? pick([2, 6, 20, 50, 22]) : pick([6, 20, 40, 28, 6]))
            }
            for (row, weights) in [
                ("culture_time", [25, 40, 20, 12, 3]), ("culture_trust", [4, 14, 30, 40, 12]), ("culture_visit", [10, 32, 30, 22, 6]),
                ("culture_start", [8, 26, 30, 28, 8]), ("culture_worth", [1, 3, 14, 46, 36]),
            ] {
                a[row] = String(pick(weights))
            }
            for (option, chance) in [(1, 72), (2, 38), (3, 44), (4, 21), (5, 30), (6, 26)] where Int.random(in: 0..<100, using: &random) < chance {
                a["obstacles_\(option)"] = "1"
            }
            if a.keys.contains(where: { $0.hasPrefix("obstacles_") }) {
                for option in 1...6 where a["obstacles_\(option)"] == nil { a["obstacles_\(option)"] = "0" }
            }
            for option in 1...5 { a["learn_\(option)"] = Int.random(in: 0..<100, using: &random) < [48, 55, 40, 52, 35][option - 1] ? "1" : "0" }
            if i % 4 == 1, wishIndex < wishes.count { a["wish"] = wishes[wishIndex]; wishIndex += 1 }
            let throughSchool = country == "LV" && i % 5 == 0
            let submitted = CalendarDay(now.addingTimeInterval(-Double(Int.random(in: 1...20, using: &random)) * 86_400)).description
            let response = try SurveyResponse(
                surveyID: surveyID, submittedOn: submitted,
                language: languageOf[country].flatMap { i % 3 != 0 && definition.languages.contains($0) ? $0 : nil } ?? "en",
                country: throughSchool ? "LV" : country, role: throughSchool ? "leader" : "",
                schoolID: throughSchool ? riga?.id : nil, userID: nil, answers: definition.pruned(a),
                idempotencyKey: "demo-\(i)")
            response.released = true
            try await response.save(on: db)
        }
        try await SurveyCounts.rebuild(survey, on: db)
    }

    /// The Rīga school's staff questionnaire on collegial culture, made by its leader and shown
    /// to its teachers and support staff: 14 responses so far, some teachers still to answer.
    static func seedStaffCulture(on db: any Database, school: School, leader: User, questionnaires: QuestionnaireTranslations, now: Date) async throws {
        let definition = SurveyTemplates.definition(.staffCulture, questionnaires)
        let survey = try Survey(
            definition: definition, schoolID: try school.requireID(), networkID: nil, createdByID: try leader.requireID(),
            slug: "demo-riga-staff-culture", template: SurveyTemplates.Template.staffCulture.rawValue)
        survey.status = .open
        survey.anonymityFixed = true
        survey.opensOn = CalendarDay(now.addingTimeInterval(-10 * 86_400)).description
        survey.closesOn = CalendarDay(now.addingTimeInterval(14 * 86_400)).description
        survey.audienceRoles = [SchoolRole.teacher, .counsellor, .psychologist].map(\.rawValue).joined(separator: ",")
        survey.audienceSchools = try school.requireID().uuidString
        try await survey.save(on: db)
        var random = SeededRandom(seed: 777)
        func pick(_ weights: [Int]) -> String { String(Self.pick(weights, &random)) }
        // Who has answered, kept apart from the answers: 14 of the school's staff, not Jānis
        // (he finds the survey on his home page).
        let answered = try await Membership.query(on: db).filter(\.$school.$id == school.requireID())
            .filter(\.$role ~~ [.teacher, .counsellor, .psychologist]).with(\.$user).all()
            .filter { $0.user.email != "janis.ozols@riga.collegium.example" }.sorted { $0.user.email < $1.user.email }.prefix(14)
        for member in answered {
            try await SurveyParticipation(surveyID: try survey.requireID(), userID: member.$user.id).save(on: db)
        }
        let easier = [
            "Kopīga brīva stunda reizi divās nedēļās.", "Zināt, ka tas, ko saku par neizdevušos stundu, paliek starp mums.",
            "Kāds, kurš to iesāk: visi piekrīt, ka tas ir labi, bet nevienam nav laika to noorganizēt.",
        ]
        for i in 0..<answered.count {
            var a: SurveyAnswers = [
                "staff_role": pick([80, 15, 5]), "years_here": pick([20, 30, 30, 20]),
                "together_ask": pick([3, 10, 25, 45, 17]), "together_share": pick([2, 8, 20, 45, 25]),
                "together_feedback": pick([15, 35, 30, 15, 5]), "together_visit": pick([15, 30, 30, 20, 5]),
                "together_mistakes": pick([8, 25, 35, 25, 7]), "together_time": pick([25, 40, 20, 12, 3]),
                "together_new": pick([10, 30, 30, 25, 5]), "improved": pick([5, 15, 35, 35, 10]),
            ]
            for option in 1...7 {
                a["took_part_\(option)"] = Int.random(in: 0..<100, using: &random) < [30, 8, 60, 5, 5, 20, 10][option - 1] ? "1" : "0"
                a["would_try_\(option)"] = Int.random(in: 0..<100, using: &random) < [25, 35, 40, 15, 30, 45, 30][option - 1] ? "1" : "0"
            }
            if i < easier.count { a["easier"] = easier[i] }
            try await SurveyResponse(
                surveyID: try survey.requireID(), submittedOn: CalendarDay(now.addingTimeInterval(-Double(i % 9) * 86_400)).description,
                language: "lv", country: "LV", role: "teacher", schoolID: try school.requireID(), userID: nil,
                answers: definition.pruned(a), idempotencyKey: "demo-staff-\(i)"
            ).save(on: db)
        }
        try await SurveyCounts.rebuild(survey, on: db)
    }
}
