import Domain
import Foundation

@testable import App

extension SchoolPage.Model {
    /// A Rīga school as its leader sees it: staff, a pending invitation, the counts of support
    /// under way, and a teacher who joined last week and is still in the cooling-off period.
    static func mock() -> SchoolPage.Model {
        var model = SchoolPage.Model(
            id: Mock.id(10), name: "Rīgas 45. vidusskola", code: "R45", city: "Rīga", country: "LV", networkName: "Baltic Schools for Collegial Support",
            members: [
                .init(membershipID: Mock.id(20), name: "Anna Bērziņa", email: "anna@r45.lv", role: .leader),
                .init(membershipID: Mock.id(21), name: "Jānis Ozols", email: "janis@r45.lv", role: .teacher),
                .init(membershipID: Mock.id(22), name: "Līga Kalniņa", email: "liga@r45.lv", role: .teacher),
                .init(membershipID: Mock.id(23), name: "Marta Liepa", email: "marta@r45.lv", role: .counsellor),
                .init(membershipID: Mock.id(24), name: "Pēteris Zariņš", email: "peteris@r45.lv", role: .teacher),
            ],
            invitations: [
                .init(
                    id: Mock.id(30), email: "inese.vitola@r45.lv", name: "Inese Vītola", role: .psychologist,
                    expiresAt: Mock.date(daysFromNow: 12))
            ])
        model.memberCount = model.members.count
        model.showsWellbeing = true
        model.practice = PracticeCounts(active: [.mentoring: 3, .observation: 2, .studyGroup: 1], closed: 4, openQuestions: 2, volunteers: 5)
        model.staffRecord = .init(
            lines: [
                .init(who: "Pēteris Zariņš", kind: .joined, role: .teacher, previousRole: nil, when: Mock.date(daysFromNow: -6), by: "Anna Bērziņa"),
                .init(who: "Marta Liepa", kind: .roleChanged, role: .counsellor, previousRole: .teacher, when: Mock.date(daysFromNow: -40), by: "Anna Bērziņa"),
            ],
            newcomers: [.init(membershipID: Mock.id(24), name: "Pēteris Zariņš", until: Mock.date(daysFromNow: 24))],
            mayClear: false)
        return model
    }
}
