import Domain
import Fluent
import Foundation

/// Six months of check-ins, so that a leader sees trends and withheld figures at once:
/// Riga has enough staff for figures, Valmiera is too small (figures withheld), and one
/// Riga teacher keeps his own history with notes.
enum DemoWellbeing {
    /// Extra Riga staff: a believable school needs more than five people.
    static let rigaColleagues = [
        ("Anna", "Kalniņa"), ("Pēteris", "Ozoliņš"), ("Kristaps", "Vītols"), ("Zane", "Jansone"), ("Edgars", "Lācis"),
        ("Laura", "Bērziņa"), ("Mārtiņš", "Eglītis"), ("Agnese", "Zariņa"), ("Raivis", "Kļaviņš"), ("Elīna", "Siliņa"),
        ("Uldis", "Pētersons"), ("Santa", "Kārkliņa"), ("Gatis", "Freimanis"), ("Ieva", "Grīnberga"),
    ]

    static func seed(on db: any Database, schools: [String: School], teacher: User, passwordHash: String, now: Date) async throws {
        guard let riga = schools["LV-RIGA-2"], let valmiera = schools["LV-VALM-1"] else { return }
        let rigaID = try riga.requireID(), valmieraID = try valmiera.requireID()
        try await WellbeingSettings(
            schoolID: rigaID, cadence: .monthly, minimumGroup: 5,
            helpLines: "Emocionālā atbalsta tālrunis (demo ieraksts) — 116 123\nSkolas psiholoģes pieņemšanas laiks: otrdienās 14:00–16:00, 112. kabinetā"
        ).save(on: db)
        try await WellbeingSettings(schoolID: valmieraID).save(on: db)

        var staff: [User] = []
        for (given, family) in rigaColleagues {
            let email = "\(Self.ascii(given)).\(Self.ascii(family))@riga.collegium.example"
            let user = User(email: email, givenName: given, familyName: family, passwordHash: passwordHash, language: "lv")
            try await user.save(on: db)
            try await Membership(userID: try user.requireID(), schoolID: rigaID, role: .teacher).save(on: db)
            staff.append(user)
        }
        let rigaMembers = try await Membership.query(on: db).filter(\.$school.$id == rigaID).all()
        let valmieraMembers = try await Membership.query(on: db).filter(\.$school.$id == valmieraID).all()

        var random = SeededRandom(seed: 2026)
        let cadence = CheckInCadence.monthly
        let current = cadence.period(containing: now)
        var periods: [String] = []
        var month = now
        for _ in 0..<7 {
            periods.insert(cadence.period(containing: month), at: 0)
            month = month.addingTimeInterval(-31 * 86_400)
        }
        periods = Array(Set(periods)).sorted()
        for (index, period) in periods.enumerated() {
            let isOpen = period == current
            // Riga: most staff answer; the winter months are harder.
            let rigaAnswering = isOpen ? Array(rigaMembers.prefix(3)) : rigaMembers.filter { _ in random.next() % 100 < 75 }
            let strain = Double(index % 4) * 4
            var answered = Set<UUID>()
            for member in rigaAnswering where member.$user.id != teacher.id {
                answered.insert(member.$user.id)
                let scores = CheckInScores(
                    wellbeing: Double(min(25, max(0, 16 - Int(strain / 4) + Int(random.next() % 9) - 4))) * 4,
                    burnout: Double(min(100, max(0, 35 + Int(strain) + Int(random.next() % 41) - 20))))
                try await record(scores, member: member, period: period, on: db)
            }
            // Valmiera: three people, too few for figures.
            if !isOpen {
                // People in both schools check in once, for one of them.
                for member in valmieraMembers.filter({ !answered.contains($0.$user.id) }).prefix(3) {
                    try await record(CheckInScores(wellbeing: 60, burnout: 40), member: member, period: period, on: db)
                }
            }
            // Jānis keeps his own history.
            if !isOpen {
                let scores = CheckInScores(wellbeing: [68, 60, 48, 40, 52, 64][index % 6], burnout: [39, 46, 57, 64, 54, 43][index % 6])
                let membership = rigaMembers.first { $0.$user.id == teacher.id }!
                try await record(scores, member: membership, period: period, on: db)
                let notes = [
                    "Labs mācību gada sākums.", "Pārāk daudz vakaru pavadīts, labojot darbus.", "Eksāmenu laiks; slikti guļu.",
                    "Izrunājos ar Līgu (sociālā pedagoģe). Palīdzēja.", "Ar Māri sākām kolēģu stundu vērošanu.", "Vieglāks mēnesis.",
                ]
                try await WellbeingPersonalEntry(
                    userID: try teacher.requireID(), period: period, scores: scores,
                    note: notes[index % 6]
                ).save(on: db)
            }
        }
    }

    private static func record(_ scores: CheckInScores, member: Membership, period: String, on db: any Database) async throws {
        try await WellbeingParticipation(userID: member.$user.id, schoolID: member.$school.id, period: period).save(on: db)
        try await WellbeingAnswer(
            schoolID: member.$school.id, period: period, category: StaffCategory(role: member.role),
            scores: scores
        ).save(on: db)
        // Leaders read these figures: their answers are in them but do not fill the minimum.
        try await WellbeingCells.add(
            scores, schoolID: member.$school.id, category: StaffCategory(role: member.role), period: period,
            byReader: member.role == .leader, on: db)
    }

    static func ascii(_ name: String) -> String {
        name.folding(options: .diacriticInsensitive, locale: Locale(identifier: "en")).lowercased()
    }
}
