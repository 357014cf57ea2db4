import Domain
import Foundation

@testable import App

extension MySupportPage.Model {
    /// A teacher's "My support": a mentoring pair and an observation cycle under way, a
    /// question of her own waiting, a colleague's urgent question she can answer (raised,
    /// since she is a counsellor too), two meetings ahead, and a coaching request of hers.
    static func mock() -> MySupportPage.Model {
        let riga = Mock.id(10)
        var model = MySupportPage.Model(
            conversations: [
                .init(id: Mock.id(300), topic: "Pirmais gads ar 7. klasi", with: ["Līga Kalniņa"], status: .active, form: .mentoring),
                .init(
                    id: Mock.id(301), topic: "Jautājumi, kas liek skolēniem domāt", with: ["Jānis Ozols", "Pēteris Zariņš"], status: .active, form: .observation
                ),
                .init(id: Mock.id(302), topic: "Ātrāka eseju labošana", with: ["Marta Liepa"], status: .closed, form: .consultation),
            ],
            myRequests: [
                .init(
                    id: Mock.id(310), topic: .assessment, urgency: .thisWeek,
                    question: "Kā vienas nedēļas laikā sniegt atgriezenisko saiti par 30 laboratorijas darbiem?",
                    asker: "Anna Bērziņa", school: "Rīgas 45. vidusskola", createdAt: Mock.date(daysFromNow: -2))
            ],
            forMe: [
                .init(
                    id: Mock.id(311), topic: .pupilWellbeing, urgency: .today,
                    question: "Skolēns pēc stundas man pastāstīja kaut ko satraucošu. Kam man vispirms jāpasaka?", asker: nil,
                    school: "Rīgas 45. vidusskola", createdAt: Mock.date(daysFromNow: 0), raised: true)
            ],
            schools: [.init(id: riga, name: "Rīgas 45. vidusskola", mayVolunteer: true, topics: [.assessment, .digitalTools])])
        let talk = Meeting(
            id: Mock.id(320), engagementID: Mock.id(300), startsAt: Mock.date(daysFromNow: 2), timeZone: "Europe/Riga",
            durationMinutes: 45, place: "214. kabinets", onlineLink: "", agenda: "Pirmā vecāku sapulce")
        let visit = Meeting(
            id: Mock.id(321), engagementID: Mock.id(301), startsAt: Mock.date(daysFromNow: 6), timeZone: "Europe/Riga",
            durationMinutes: 40, place: "108. kabinets", onlineLink: "", agenda: "")
        model.nextMeetings = [
            (talk, .mentoring, "Pirmais gads ar 7. klasi", Mock.id(300)),
            (visit, .observation, "Jautājumi, kas liek skolēniem domāt", Mock.id(301)),
        ]
        model.hasFeed = true
        model.coaching.mayRequest = true
        model.coaching.mine = [(id: Mock.id(330), topic: "Mierīgs stundas sākums", coach: "Ilze Kalniņa")]
        return model
    }
}
