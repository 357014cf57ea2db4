import Domain
import Fluent
import Foundation

/// A mentoring programme in the demo's Riga school, run by its leader: profiles filled in,
/// pairs proposed by the matching and published; Edgars and Māris have accepted and meet
/// next week, Zane has yet to answer.
enum DemoMentoring {
    static func seed(on db: any Database, schools: [String: School], now: Date) async throws {
        guard let riga = schools["LV-RIGA-2"] else { return }
        let rigaID = try riga.requireID()
        func user(_ name: String) async throws -> User { try await DemoPractice.rigaUser(name, on: db) }
        let calendar = Calendar(identifier: .gregorian)
        let year = calendar.component(.year, from: now)
        let programme = MentoringProgramme(
            name: "Pirmais gads mūsu skolā 2026/27",
            goal:
                "Katram kolēģim pirmajā vai otrajā darba gadā ir mentors, ar ko sarunāties vismaz reizi trijās nedēļās, un gadu viņš noslēdz ar paša sastādītu plānu.",
            startsOn: "\(year)-09-01", endsOn: "\(year + 1)-06-15", schoolID: rigaID, networkID: nil)
        try await programme.save(on: db)
        let id = try programme.requireID()
        let profiles: [(String, ProgrammeMember.Role, String, Int, Int, String)] = [
            ("maris.liepa", .mentor, "matemātika, fizika", 22, 2, "planning,classroom,assessment"),
            ("kristaps.vitols", .mentor, "vēsture, sociālās zinības", 15, 1, "parents,classroom"),
            ("edgars.lacis", .mentee, "matemātika", 1, 1, "planning,classroom"),
            ("zane.jansone", .mentee, "vēsture", 2, 1, "parents"),
        ]
        for (name, role, subjects, years, capacity, goals) in profiles {
            let member = ProgrammeMember(programmeID: id, userID: try await user(name).requireID(), schoolID: rigaID, role: role)
            member.subjects = subjects
            member.levels = "pamatskola, vidusskola"
            member.years = years
            member.capacity = capacity
            member.languages = "latviešu, angļu"
            member.goals = goals
            member.availability = "tue-pm,thu-pm"
            member.profileDone = true
            try await member.save(on: db)
        }
        let service = MentoringService(db: db)
        try await service.propose(programme)
        _ = try await service.publish(programme, by: "Ilze Bērziņa")
        let edgars = try await user("edgars.lacis"), maris = try await user("maris.liepa")
        if let pair = try await ProgrammePair.query(on: db).filter(\.$programme.$id == id).filter(\.$mentee.$id == edgars.requireID()).first() {
            try await service.answer(pair, programme: programme, userID: try edgars.requireID(), accept: true, actor: edgars.fullName)
            if let engagementID = try await service.answer(
                pair, programme: programme, userID: try maris.requireID(), accept: true, actor: maris.fullName)
            {
                var riga = Calendar(identifier: .gregorian)
                riga.timeZone = TimeZone(identifier: "Europe/Riga")!
                let tuesday =
                    riga.nextDate(after: now, matching: DateComponents(hour: 14, minute: 0, weekday: 3), matchingPolicy: .nextTime)
                    ?? now.addingTimeInterval(7 * 86_400)
                try await Meeting(
                    engagementID: engagementID, startsAt: tuesday, timeZone: "Europe/Riga", durationMinutes: 45,
                    place: "305. kabinets", onlineLink: "", agenda: "Kā pagāja pirmās nedēļas; kopā plānojam nākamo tēmu"
                ).save(on: db)
            }
        }
        try await DemoMentoringFeedback.seed(on: db, schoolID: rigaID, year: year, now: now)
    }
}
