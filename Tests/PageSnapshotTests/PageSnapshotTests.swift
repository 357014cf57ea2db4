import Domain
import Foundation
import SnapshotTesting
import Testing

@testable import App

/// The busiest pages, rendered from mocks in English and Latvian and compared with the HTML in
/// `__Snapshots__/PageSnapshotTests/` (issue 16, point 8). No database and no server: a
/// snapshot changes only when a page's markup or wording does.
@Suite("Page snapshots")
struct PageSnapshotTests {
    @Test("The course page of a learner in a cohort", arguments: snapshotLanguages)
    func coursePage(language: Language) throws {
        let context = Mock.context(language, path: "/courses/leading-collegial-support")
        let html = CoursePage.view(context, try .mock())
        assertSnapshot(of: html.snapshotText, as: .lines, named: language.rawValue, testName: "coursePage")
    }

    @Test("The survey report, whole and broken down by role", arguments: snapshotLanguages)
    func surveyReport(language: Language) throws {
        let context = Mock.context(language, path: "/surveys/\(Mock.id(200))/report", mayRunSurveys: true)
        assertSnapshot(
            of: SurveyReportPage.view(context, try .mock(context)).snapshotText, as: .lines, named: language.rawValue,
            testName: "surveyReport")
        let byRole = Mock.context(language, path: "/surveys/\(Mock.id(200))/report?by=role", mayRunSurveys: true)
        assertSnapshot(
            of: SurveyReportPage.view(byRole, try .mock(byRole, breakdown: .role)).snapshotText, as: .lines,
            named: language.rawValue + "-by-role", testName: "surveyReport")
    }

    @Test("The school page as its leader sees it", arguments: snapshotLanguages)
    func schoolPage(language: Language) throws {
        let context = Mock.context(language, path: "/schools/\(Mock.id(10))", mayRunSurveys: true)
        assertSnapshot(of: SchoolPage.view(context, .mock()).snapshotText, as: .lines, named: language.rawValue, testName: "schoolPage")
    }

    @Test("My support, with conversations, questions, meetings and coaching", arguments: snapshotLanguages)
    func mySupport(language: Language) throws {
        let context = Mock.context(language, path: "/support")
        assertSnapshot(of: MySupportPage.view(context, .mock()).snapshotText, as: .lines, named: language.rawValue, testName: "mySupport")
    }

    @Test("A school's well-being report as its leader reads it", arguments: snapshotLanguages)
    func wellbeingReport(language: Language) throws {
        let context = Mock.context(language, path: "/schools/\(Mock.id(10))/wellbeing")
        assertSnapshot(of: SchoolWellbeingPage.view(context, .mock()).snapshotText, as: .lines, named: language.rawValue, testName: "wellbeingReport")
    }
}
