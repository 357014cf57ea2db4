import Domain
import Foundation

@testable import App

extension CoursePage.Model {
    /// A teacher two steps into a two-module course, taking it with a cohort: one lesson read,
    /// the quiz passed, an optional step and the second module still ahead.
    static func mock() throws -> CoursePage.Model {
        let courseID = Mock.id(100), one = Mock.id(101), two = Mock.id(102)
        let course = try Course(
            id: courseID, slug: "leading-collegial-support",
            texts: .init(
                title: ["en": "Leading collegial support", "lv": "Koleģiāla atbalsta vadīšana"],
                summary: [
                    "en": "How a school makes mentoring, observation and study groups part of its week.",
                    "lv": "Kā skola padara mentoringu, vērošanu un mācību grupas par savas nedēļas daļu.",
                ],
                audience: ["en": "School leaders and support coordinators", "lv": "Skolu vadītāji un atbalsta koordinatori"],
                outcomes: [
                    "en": ["Choose the form of support that fits a need", "Plan a term of peer observation"],
                    "lv": ["Izvēlēties vajadzībai atbilstošu atbalsta formu", "Plānot semestri kolēģu vērošanai"],
                ]),
            status: .published, createdByID: nil)
        course.outlineVersion = 1
        let sections = [
            try CourseSection(
                id: one, courseID: courseID, key: "why", position: 0,
                texts: .init(
                    title: ["en": "Why colleagues", "lv": "Kāpēc kolēģi"],
                    summary: ["en": "What teachers gain from each other, and what stops them.", "lv": "Ko skolotāji iegūst cits no cita un kas viņus aptur."])),
            try CourseSection(
                id: two, courseID: courseID, key: "how", position: 1,
                texts: .init(
                    title: ["en": "Forms of support", "lv": "Atbalsta formas"],
                    summary: [
                        "en": "Mentoring, coaching, observation and study groups side by side.",
                        "lv": "Mentorings, koučings, vērošana un mācību grupas līdzās.",
                    ])),
        ]
        func step(_ n: Int, _ section: UUID, _ key: String, _ kind: ActivityKind, _ minutes: Int, _ en: String, _ lv: String) throws -> CourseActivity {
            try CourseActivity(
                id: Mock.id(n), courseID: courseID, sectionID: section, key: key, position: n, kind: kind, minutes: minutes,
                title: ["en": en, "lv": lv], body: [:], quiz: nil)
        }
        let steps = [
            try step(110, one, "alone", .lesson, 20, "Alone behind a closed door", "Vieni aiz slēgtām durvīm"),
            try step(111, one, "check", .quiz, 10, "Check your understanding", "Pārbaudiet izpratni"),
            try step(112, one, "your-school", .reflection, 15, "Where teachers are alone in your school", "Kur jūsu skolā skolotāji ir vieni"),
            try step(120, two, "forms", .lesson, 25, "Four forms, four purposes", "Četras formas, četri mērķi"),
            try step(121, two, "choose", .reflection, 20, "Choose for a colleague", "Izvēlieties kolēģim"),
        ]
        steps[2].required = false
        let outline = CourseOutline(course: course, sections: sections, activities: steps)
        let enrolment = CourseEnrolment(id: Mock.id(130), courseID: courseID, userID: Mock.id(1), cohortID: Mock.id(140))
        let done: Set<UUID> = [Mock.id(110), Mock.id(111)]
        return CoursePage.Model(
            outline: outline,
            state: LearnerState(
                enrolment: enrolment, done: done,
                progress: CourseProgress(activities: outline.progressActivities, done: done, lastVisited: Mock.id(111))),
            cohort: (name: "Rīgas grupa, 2027. gada pavasaris", startsOn: "2027-01-11", endsOn: "2027-03-26", facilitator: "Ilze Kalniņa"),
            credentialID: nil, bestScores: [Mock.id(111): 80], mayManageCohorts: false, followedCohorts: [])
    }
}
