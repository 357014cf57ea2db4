import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Surveys for leaders, not statisticians (issue 18, point 5): a ready questionnaire in the
/// leader's language under her title, titles in the reader's language, breakdowns named in
/// words, tables folded under their charts, and a CSV a Latvian spreadsheet opens cleanly.
extension SurveyPageTests {
    /// A published survey of school A in English; `sections` are (title, [(variable, kind, text)]).
    static func publishedSurvey(
        _ ctx: TestContext, _ app: Application, sections: [(String, [(String, String, String)])], anonymous: Bool = true
    ) async throws -> (leader: Browser, path: String) {
        let leader = ctx.browser()
        try await leader.login(Fixtures.leaderA)
        let path = try #require(
            try await leader.post("/surveys", form: ["scope": "school:\(ctx.fixtures.schoolA)", "title": "Staff needs", "language": "en", "template": ""])
                .location)
        for (index, section) in sections.enumerated() {
            #expect(try await leader.post(path + "/sections", form: ["section_title": section.0]).status == .seeOther)
            for (variable, kind, text) in section.1 {
                let form = ["section": String(index), "kind": kind, "variable": variable, "text": text, "options": kind == "single_choice" ? "Yes\nNo" : ""]
                #expect(try await leader.post(path + "/questions", form: form).status == .seeOther)
            }
        }
        #expect(try await leader.post(path + "/publish", form: anonymous ? ["anonymous": "1"] : [:]).status == .seeOther)
        return (leader, path)
    }

    @Test("A ready questionnaire is copied in the leader's language under the title she typed; without that language it says so and keeps hers")
    func readyQuestionnaireInLeadersLanguage() async throws {
        try await withApp { app, ctx in
            let latvian = ctx.browser(language: "lv"), english = ctx.browser(language: "en"), czech = ctx.browser(language: "cs")
            for browser in [latvian, english, czech] { try await browser.login(Fixtures.leaderA) }
            let scope = "school:\(ctx.fixtures.schoolA)"
            let made = try await latvian.post(
                "/surveys", form: ["scope": scope, "template": "leader_needs", "language": "lv", "title": "Mūsu kolēģu atbalsts 2026"])
            let path = try #require(made.location)
            let survey = try #require(try await Survey.query(on: app.db).filter(\.$template == "leader_needs").first())
            let definition = try survey.definition
            #expect(
                definition.baseLanguage == "lv" && definition.languages == ["lv", "en", "cs", "it", "el", "ka"],
                "written in Latvian, the other five kept as translations")
            #expect(definition.title["lv"] == "Mūsu kolēģu atbalsts 2026")
            #expect(definition.title["en"] == "Collegial support in your school: experience and needs", "the other language keeps the template's")
            #expect(definition.problems(supportedLanguages: Surveys.supportedLanguages).isEmpty, "ready to publish as it is")
            // She finds it under her title, in Latvian; the design page shows her title and
            // the questions in Latvian.
            #expect((try await latvian.get("/surveys")).contains(">Mūsu kolēģu atbalsts 2026</a>"))
            let design = try await latvian.get(path)
            #expect(design.contains("<h1>Mūsu kolēģu atbalsts 2026</h1>"))
            #expect(design.contains("Kāda ir jūsu loma skolā?"))
            // A reader in English sees the English title, and the form says which languages the
            // ready questionnaires are in: all six.
            let list = try await english.get("/surveys")
            #expect(list.contains(">Collegial support in your school: experience and needs</a>"))
            #expect(list.contains("where it is written in it (English, Latviešu, Čeština, Italiano, Ελληνικά, ქართული)"))

            // The staff questionnaire in Czech (Resources/Questionnaires/cs.json): written in
            // Czech under her title, every other language kept as a translation.
            let czechMade = try await english.post(
                "/surveys", form: ["scope": scope, "template": "staff_culture", "language": "cs", "title": "Učíme se od kolegů"])
            let czechPath = try #require(czechMade.location)
            let staff = try #require(try await Survey.query(on: app.db).filter(\.$template == "staff_culture").first())
            #expect(try staff.definition.baseLanguage == "cs" && staff.definition.languages == ["cs", "en", "lv", "it", "el", "ka"])
            #expect(try staff.definition.title["cs"] == "Učíme se od kolegů")
            #expect(try staff.definition.problems(supportedLanguages: Surveys.supportedLanguages).isEmpty)
            #expect(try await english.get(czechPath).contains("The ready questionnaire is copied into a new survey."))
            #expect(try await czech.get(czechPath).contains("Jakou práci ve škole vykonáváte?"), "the questions in Czech")
            #expect((try await czech.get("/surveys")).contains(">Učíme se od kolegů</a>"), "her title, in the language she reads")
            #expect((try await english.get("/surveys")).contains(">Learning from colleagues in our school</a>"))

            // Where a language has no wording (a server without its file), the copy stays in
            // English, the notice says so, and her title is kept for her language.
            app.questionnaireTranslations = .none
            let plain = try await english.post(
                "/surveys", form: ["scope": scope, "template": "leader_needs", "language": "cs", "title": "Podpora kolegů 2027"])
            let plainPath = try #require(plain.location)
            let plainSurvey = try #require(try await Survey.find(UUID(uuidString: String(plainPath.split(separator: "/").last ?? "")), on: app.db))
            #expect(try plainSurvey.definition.baseLanguage == "en" && plainSurvey.definition.languages == ["en", "lv"])
            #expect(try plainSurvey.definition.title["cs"] == "Podpora kolegů 2027")
            let notice = try await english.get(plainPath)
            #expect(notice.contains("The ready questionnaire is not written in “Čeština”, so the new survey is in “English”."))
            #expect(notice.contains("Your title is kept as its title in “Čeština”."))

            // No title: the template's own, in the chosen language. A title too long is refused
            // with what she chose kept.
            let untitled = try await english.post("/surveys", form: ["scope": scope, "template": "course_evaluation", "language": "lv", "title": ""])
            #expect(untitled.status == .seeOther)
            let course = try #require(try await Survey.query(on: app.db).filter(\.$template == "course_evaluation").first())
            #expect(course.title == "Kāds bija kurss? Kolēģu atbalsta vadīšana jūsu skolā")
            let long = try await english.post(
                "/surveys", form: ["scope": scope, "template": "staff_culture", "language": "lv", "title": String(repeating: "x", count: 201)])
            #expect(long.status == .unprocessableEntity)
            #expect(long.contains("Give the survey a title (under 200 characters)."))
            #expect(long.contains(#"value="staff_culture" checked="checked""#))
            #expect(long.contains(#"<option value="lv" selected="selected">"#))
        }
    }

    @Test("Lists, breadcrumbs and the report's title show the survey's title in the reader's language, else its own")
    func titlesInReadersLanguage() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Self.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            #expect(try await leader.post(path + "/translations", form: ["language": "lv", "title": "Darbinieku vajadzības"]).status == .seeOther)
            #expect(try await leader.post(path + "/close").status == .seeOther)
            let latvian = ctx.browser(language: "lv"), czech = ctx.browser(language: "cs")
            try await latvian.login(Fixtures.leaderA)
            try await czech.login(Fixtures.leaderA)
            #expect((try await latvian.get("/surveys")).contains(">Darbinieku vajadzības</a>"))
            let report = try await latvian.get(path + "/report")
            #expect(report.contains("Darbinieku vajadzības</a></p>"), "the breadcrumb")
            let head = report.body.components(separatedBy: "</title>").first ?? ""
            #expect(head.components(separatedBy: "<title>").last?.contains("Darbinieku vajadzības") == true, "the window's title")
            #expect((try await latvian.get(path + "/translations?language=cs")).contains("Darbinieku vajadzības</a></p>"))
            #expect((try await latvian.get(path)).contains("<h1>Darbinieku vajadzības</h1>"))
            // No Czech title: the base language's.
            #expect((try await czech.get("/surveys")).contains(">Staff needs</a>"))
        }
    }

    @Test("Break down by: each question by its whole text, never its variable; the same text told apart by its section")
    func breakdownInWords() async throws {
        try await withApp { app, ctx in
            let long = "Did the colleague who observed your lesson give you feedback that you could use in the following weeks?"
            let (leader, path) = try await Self.publishedSurvey(
                ctx, app,
                sections: [
                    (
                        "Mentoring",
                        [("m_useful", "single_choice", "Was it useful?"), ("feedback", "single_choice", long), ("role", "single_choice", "Your role?")]
                    ),
                    ("Peer observation", [("o_useful", "single_choice", "Was it useful?"), ("o_again", "likert", "I would do it again.")]),
                ])
            #expect(try await leader.post(path + "/close").status == .seeOther)
            let report = try await leader.get(path + "/report")
            #expect(report.contains(#"<option value="m_useful">Was it useful? — Mentoring</option>"#))
            #expect(report.contains(#"<option value="o_useful">Was it useful? — Peer observation</option>"#))
            #expect(report.contains(#"<option value="feedback">\#(long)</option>"#), "no cut-off")
            #expect(report.contains(#"<option value="o_again">I would do it again.</option>"#))
            #expect(!report.contains("m_useful:") && !report.contains(">o_again"), "no variable names in the choices")
            // A question named like a background breakdown keeps a value of its own.
            #expect(report.contains(#"<option value="role">Role</option>"#) && report.contains(#"<option value="q:role">Your role?</option>"#))
            #expect((try await leader.get(path + "/report?by=q:role")).contains(#"<option value="q:role" selected="selected">"#))
            let byQuestion = try await leader.get(path + "/report?by=o_useful")
            #expect(byQuestion.contains(#"<option value="o_useful" selected="selected">Was it useful? — Peer observation</option>"#))
        }
    }

    @Test("Each question's table is folded under its chart, also when broken down, where its summary says the groups are in it")
    func tableFoldedUnderChart() async throws {
        try await withApp { app, ctx in
            let (leader, survey) = try await Self.publishedSurvey(ctx, app)
            let path = "/surveys/\(try survey.requireID())"
            for _ in 0..<6 { try await Self.answer(ctx, survey, hadMentor: "1", useful: "4") }
            #expect(try await leader.post(path + "/close").status == .seeOther)
            let report = SurveyPrivacyTests.figures(try await leader.get(path + "/report"))
            let chart = try #require(report.range(of: "<svg"))
            let fold = try #require(report.range(of: #"<details class="figures print-open"><summary>Figures as a table</summary>"#))
            #expect(chart.lowerBound < fold.lowerBound, "the chart first, the table under it")
            #expect(report[fold.upperBound...].contains("6 (100%)"), "the figures are in the table")
            #expect(report.contains(#"class="data-table report-table sticky-first""#))
            #expect(report.contains(#"class="chart chart-narrow""#), "a chart drawn for a phone too")
            let byRole = SurveyPrivacyTests.figures(try await leader.get(path + "/report?by=role"))
            #expect(byRole.contains(#"<details class="figures print-open"><summary>Figures for each group, as a table</summary>"#))
        }
    }

    @Test("Responses (CSV for Excel): a byte order mark, the language's separator and decimal mark, CRLF, and a field with both quoted")
    func csvForExcel() async throws {
        try await withApp { app, ctx in
            let (leader, path) = try await Self.publishedSurvey(
                ctx, app, sections: [("Time", [("hours", "number", "Hours a month you could give"), ("wish", "long_text", "What would help?")])])
            let survey = try #require(try await Survey.query(on: app.db).first())
            let wish = "Jā; nē, \"varbūt\"\nvēlāk"
            for i in 0..<10 {
                let visitor = ctx.browser()
                let base = "/s/\(survey.slug)"
                #expect(try await visitor.post(base + "/start").location == base + "/1")
                let answers = ["hours": i == 0 ? "2,5" : String(i), "wish": wish, "action": "send", "submission": UUID().uuidString]
                #expect(try await visitor.post(base + "/1", form: answers).location == base + "/thanks")
            }
            #expect(try await leader.post(path + "/close").status == .seeOther)
            let report = try await leader.get(path + "/report")
            #expect(report.contains("Responses (CSV for Excel)"))

            let latvian = ctx.browser(language: "lv")
            try await latvian.login(Fixtures.leaderA)
            let file = try await latvian.get(path + "/downloads/responses-for-excel.csv")
            #expect(file.status == .ok)
            #expect(file.headers.first(name: .contentDisposition) == #"attachment; filename="responses-for-excel.csv""#)
            #expect(file.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            let bytes = Array(file.body.utf8)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 with a byte order mark")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("response;meta_country;meta_role;meta_language;meta_month;meta_school;hours;wish\r\n"))
            #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
            #expect(text.contains(";2,5;"), "the Latvian decimal mark")
            #expect(text.contains(";\"Jā; nē, \"\"varbūt\"\"\nvēlāk\"\r\n"), "the separator, a quote and a line break inside one quoted field")
            #expect(text.components(separatedBy: "\r\n").count == 12, "a header, ten rows and the end")

            // The same rows as the plain CSV, which stays as R and SPSS read it.
            let plain = try await latvian.get(path + "/downloads/responses.csv")
            #expect(!plain.body.hasPrefix("\u{FEFF}"))
            #expect(plain.body.hasPrefix("response,meta_country,"))
            #expect(plain.contains(",2.5,"))
            // In English: commas and a decimal point, still with the byte order mark.
            let english = try await leader.get(path + "/downloads/responses-for-excel.csv")
            #expect(english.body.hasPrefix("\u{FEFF}response,meta_country,"))
            #expect(english.contains(",2.5,"))
            let codebook = try await latvian.get(path + "/downloads/codebook-for-excel.csv")
            #expect(codebook.body.hasPrefix("\u{FEFF}variable;label;type;values;missing\r\n"))
            #expect(codebook.contains(#"hours;Hours a month you could give;number;;"'-99=not answered; -98=not asked (its condition was not met)""#))
            #expect(codebook.contains("\r\n\"# The survey is anonymous: no names, addresses or times of day are kept; dates are given as months.\"\r\n"))
        }
    }

    @Test("The spreadsheet format follows the language's decimal mark", arguments: Language.allCases)
    func spreadsheetSeparators(language: Language) {
        let format = SurveyExport.CSVFormat.spreadsheet(language)
        #expect(format.byteOrderMark)
        #expect(format.separator == (language == .en ? "," : ";"))
        #expect(format.decimalMark == (language == .en ? "." : ","))
        #expect(format.quote("-1,5") == (language == .en ? "\"'-1,5\"" : "-1,5"), "a negative number stays a number")
        #expect(format.quote("-cmd") == "\"'-cmd\"", "a formula does not run")
    }
}
