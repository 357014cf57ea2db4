import Domain
import Fluent
import Vapor

/// A believable instance for a first look: one network of schools in six countries,
/// staff in every role, a coordinator and an admin. Everyone shares one password so the
/// printed logins are easy to try.
enum DemoData {
    static let password = "collegium-demo"

    struct Login {
        var role: String
        var email: String
        var name: String
    }

    private struct Person {
        var given: String
        var family: String
        var email: String
        var language: String?
        var schools: [(code: String, role: SchoolRole)]
    }

    private static let schools: [(name: String, code: String, country: String, city: String, language: String)] = [
        ("Rīgas Valsts 2. ģimnāzija (demo)", "LV-RIGA-2", "LV", "Rīga", "lv"),
        ("Valmieras Pārgaujas sākumskola (demo)", "LV-VALM-1", "LV", "Valmiera", "lv"),
        ("Základní škola Brno, Lesná (demo)", "CZ-BRNO-7", "CZ", "Brno", "cs"),
        ("Istituto Comprensivo Bologna 12 (demo)", "IT-BO-12", "IT", "Bologna", "it"),
        ("თბილისის №51 საჯარო სკოლა (demo)", "GE-TBS-51", "GE", "თბილისი", "ka"),
        // The two partner countries a network of this kind also has (issue 19): a lower
        // secondary school in Nicosia, working in Greek, and a primary school in Galway.
        ("Γυμνάσιο Αγίου Ανδρέα, Λευκωσία (demo)", "CY-LEF-3", "CY", "Λευκωσία", "el"),
        ("Scoil Bhríde, Galway (demo)", "IE-GAL-4", "IE", "Galway", "en"),
    ]

    private static let people: [Person] = [
        Person(given: "Ilze", family: "Bērziņa", email: "ilze.berzina@riga.collegium.example", language: nil, schools: [("LV-RIGA-2", .leader)]),
        Person(given: "Jānis", family: "Ozols", email: "janis.ozols@riga.collegium.example", language: nil, schools: [("LV-RIGA-2", .teacher)]),
        Person(given: "Līga", family: "Kalniņa", email: "liga.kalnina@riga.collegium.example", language: "lv", schools: [("LV-RIGA-2", .counsellor)]),
        Person(
            given: "Māris", family: "Liepa", email: "maris.liepa@riga.collegium.example", language: "lv",
            schools: [("LV-RIGA-2", .teacher), ("LV-VALM-1", .teacher)]),
        Person(given: "Dace", family: "Krūmiņa", email: "dace.krumina@riga.collegium.example", language: "lv", schools: [("LV-RIGA-2", .psychologist)]),
        Person(given: "Andris", family: "Zariņš", email: "andris.zarins@valmiera.collegium.example", language: "lv", schools: [("LV-VALM-1", .leader)]),
        Person(
            given: "Inese", family: "Vītola", email: "inese.vitola@valmiera.collegium.example", language: "lv", schools: [("LV-VALM-1", .pedagogicalAdviser)]),
        Person(given: "Petra", family: "Nováková", email: "petra.novakova@brno.collegium.example", language: "cs", schools: [("CZ-BRNO-7", .leader)]),
        Person(given: "Tomáš", family: "Dvořák", email: "tomas.dvorak@brno.collegium.example", language: "cs", schools: [("CZ-BRNO-7", .teacher)]),
        Person(given: "Lucie", family: "Svobodová", email: "lucie.svobodova@brno.collegium.example", language: "cs", schools: [("CZ-BRNO-7", .psychologist)]),
        Person(given: "Giulia", family: "Romano", email: "giulia.romano@bologna.collegium.example", language: "it", schools: [("IT-BO-12", .leader)]),
        Person(given: "Marco", family: "Bianchi", email: "marco.bianchi@bologna.collegium.example", language: "it", schools: [("IT-BO-12", .teacher)]),
        Person(given: "Chiara", family: "Ferri", email: "chiara.ferri@bologna.collegium.example", language: "it", schools: [("IT-BO-12", .pedagogicalAdviser)]),
        Person(given: "Nino", family: "Beridze", email: "nino.beridze@tbilisi.collegium.example", language: "ka", schools: [("GE-TBS-51", .leader)]),
        Person(given: "Giorgi", family: "Kapanadze", email: "giorgi.kapanadze@tbilisi.collegium.example", language: "ka", schools: [("GE-TBS-51", .teacher)]),
        Person(given: "Tamar", family: "Lomidze", email: "tamar.lomidze@tbilisi.collegium.example", language: "ka", schools: [("GE-TBS-51", .counsellor)]),
        // No language of their own: they start in their school's, Greek and English.
        Person(given: "Ελένη", family: "Γεωργίου", email: "eleni.georgiou@nicosia.collegium.example", language: nil, schools: [("CY-LEF-3", .leader)]),
        Person(
            given: "Ανδρέας", family: "Χριστοδούλου", email: "andreas.christodoulou@nicosia.collegium.example", language: nil,
            schools: [("CY-LEF-3", .teacher)]),
        Person(
            given: "Μαρία", family: "Κωνσταντίνου", email: "maria.konstantinou@nicosia.collegium.example", language: nil, schools: [("CY-LEF-3", .counsellor)]),
        Person(given: "Siobhán", family: "Murphy", email: "siobhan.murphy@galway.collegium.example", language: nil, schools: [("IE-GAL-4", .leader)]),
        Person(given: "Ciarán", family: "O'Brien", email: "ciaran.obrien@galway.collegium.example", language: nil, schools: [("IE-GAL-4", .teacher)]),
        Person(given: "Aoife", family: "Kelly", email: "aoife.kelly@galway.collegium.example", language: nil, schools: [("IE-GAL-4", .pedagogicalAdviser)]),
    ]

    /// Fills an empty database; returns the logins to print and an API token for the admin.
    /// `questionnaires` words the ready questionnaires the demo's surveys start from in the
    /// languages beyond English and Latvian.
    static func seed(
        on db: any Database, hasher: some PasswordHasher, questionnaires: QuestionnaireTranslations
    ) async throws -> (logins: [Login], adminToken: String) {
        // One hash for everyone: the demo shares one password, and bcrypt is slow on purpose.
        let hash = try hasher.hash(password)
        return try await db.writeTransaction { db in
            let network = Network(
                name: "Collegial Support Network (demo)",
                summary: "Schools in Latvia, Czechia, Italy, Georgia, Cyprus and Ireland that introduce mentoring, coaching and peer observation together.")
            try await network.save(on: db)
            var schoolByCode: [String: School] = [:]
            for entry in schools {
                let school = School(
                    name: entry.name, code: entry.code, country: entry.country, city: entry.city,
                    language: entry.language, networkID: network.id)
                try await school.save(on: db)
                schoolByCode[entry.code] = school
            }

            let admin = User(
                email: "admin@collegium.example", givenName: "Alex", familyName: "Admin",
                passwordHash: hash, isAdmin: true)
            try await admin.save(on: db)
            let coordinator = User(
                email: "coordinator@collegium.example", givenName: "Kristīne", familyName: "Ābele",
                passwordHash: hash)
            try await coordinator.save(on: db)
            try await NetworkCoordinator(userID: try coordinator.requireID(), networkID: try network.requireID()).save(on: db)

            var logins = [
                Login(role: "admin", email: admin.email, name: admin.fullName),
                Login(role: "coordinator", email: coordinator.email, name: coordinator.fullName),
            ]
            for person in people {
                let user = User(
                    email: person.email, givenName: person.given, familyName: person.family,
                    passwordHash: hash, language: person.language)
                try await user.save(on: db)
                for (code, role) in person.schools {
                    // In the staff record since long ago: the demo's staff are settled in their roles.
                    try await StaffRecord.join(
                        userID: try user.requireID(), schoolID: try schoolByCode[code]!.requireID(), role: role,
                        by: nil, at: Date().addingTimeInterval(-400 * 86_400), on: db)
                }
                logins.append(
                    Login(
                        role: person.schools.map { "\($0.role.rawValue) \($0.code)" }.joined(separator: ", "),
                        email: person.email, name: "\(person.given) \(person.family)"))
            }

            // A pending invitation, so a leader sees one waiting on the school page.
            try await Invitation(
                tokenHash: SecretToken.hash(SecretToken.generate()), email: "evita.sproge@riga.collegium.example",
                givenName: "Evita", familyName: "Sproģe", role: .teacher,
                schoolID: try schoolByCode["LV-RIGA-2"]!.requireID(), invitedByID: nil,
                expiresAt: Date().addingTimeInterval(14 * 86_400)
            ).save(on: db)

            let janis = try await User.query(on: db).filter(\.$email == "janis.ozols@riga.collegium.example").first()!
            try await DemoWellbeing.seed(on: db, schools: schoolByCode, teacher: janis, passwordHash: hash, now: Date())

            try await DemoPractice.seed(on: db, schools: schoolByCode, now: Date())
            try await DemoMentoring.seed(on: db, schools: schoolByCode, now: Date())
            try await DemoGroups.seed(on: db, schools: schoolByCode, now: Date())
            try await DemoSurveys.seed(
                on: db, network: network, creator: coordinator, schools: schoolByCode, questionnaires: questionnaires, now: Date())
            if let riga = schoolByCode["LV-RIGA-2"],
                let ilze = try await User.query(on: db).filter(\.$email == "ilze.berzina@riga.collegium.example").first()
            {
                try await DemoSurveys.seedStaffCulture(on: db, school: riga, leader: ilze, questionnaires: questionnaires, now: Date())
            }
            try await DemoHandbook.seed(on: db, coordinator: coordinator)

            // Everything the browser suite, the crash run and schemathesis call, for the longest lifetime.
            let token = try await APITokens.issue(
                name: "Demo API token", for: admin, scopes: .all,
                expiresAt: Date().addingTimeInterval(365 * 86_400), on: db)
            return (logins, token)
        }
    }
}
