import Domain
import Foundation
import Plot
import Vapor

/// Every text of a survey in one language, beside the base language: for translating, or
/// (in the base language) for correcting the wording, also after publishing.
enum SurveyTranslationsPage {
    struct Entry {
        var key: String
        var base: String
        var value: String
        var long: Bool
    }

    struct Model {
        var surveyID: UUID
        /// The survey's title in each language (the breadcrumb shows the reader's).
        var titles: LocalizedText
        var language: String
        var baseLanguage: String
        var entries: [Entry]
        var problems: [String] = []
        /// Answers have come in: a change needs a reason, shown in the report and codebook.
        var needsReason = false
        var reason = ""
        var reasonError: String?

        init(survey: Survey, language: String) throws {
            let d = try survey.definition
            surveyID = survey.id ?? UUID()
            titles = d.title
            self.language = language
            baseLanguage = d.baseLanguage
            var entries: [Entry] = []
            func add(_ key: String, _ text: LocalizedText, long: Bool = false) {
                entries.append(Entry(key: key, base: text[d.baseLanguage] ?? "", value: text[language] ?? "", long: long))
            }
            add("title", d.title)
            add("introduction", d.introduction, long: true)
            for (s, section) in d.sections.enumerated() {
                add("s\(s + 1)", section.title)
                for q in section.questions {
                    add("q.\(q.variable)", q.text, long: true)
                    if !(q.help[d.baseLanguage] ?? "").isEmpty { add("q.\(q.variable).help", q.help) }
                    for option in q.options { add("q.\(q.variable).o\(option.value)", option.label) }
                    for (r, row) in q.rows.enumerated() { add("q.\(q.variable).r\(r + 1)", row.text) }
                }
            }
            self.entries = entries
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let isBase = model.language == model.baseLanguage
        let name = Language(rawValue: model.language)?.nativeName ?? model.language
        let missing = model.entries.filter { !$0.base.isEmpty && $0.value.isEmpty }.count
        return Layout.page(
            context, title: context.t("Wording: {language}", ["language": name]),
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.surveys.path), .text(context.t("Surveys"))), .text(" › "),
                .a(
                    .href(SiteURL.survey(.value(model.surveyID)).path),
                    .text(model.titles.text(context.localizer.language.rawValue, fallback: model.baseLanguage)))),
            .h1(.text(context.t("Wording: {language}", ["language": name]))),
            .p(
                .class("lead"),
                .text(
                    isBase
                        ? context.t("The survey's own language. Correct any text here; none may be left empty.")
                        : context.localizer.tn(
                            "{count} text is still missing in this language; respondents see the base language there.",
                            "{count} texts are still missing in this language; respondents see the base language there.", count: missing))),
            .nav(
                .attribute(named: "aria-label", value: context.t("Languages")),
                .ul(
                    .class("row-actions"),
                    .forEach(Language.allCases) { l in
                        .li(
                            .a(
                                .href(SiteURL.surveyTranslations(.value(model.surveyID)).path(["language": l.rawValue])),
                                .if(l.rawValue == model.language, .attribute(named: "aria-current", value: "page")), .text(l.nativeName)))
                    })),
            .if(
                !model.problems.isEmpty,
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .ul(.forEach(model.problems) { .li(.text($0)) }))),
            .form(
                .id("translations-form"), .class("stack"), .method(.post), .action(SiteURL.surveyTranslations(.value(model.surveyID)).path),
                Components.csrfField(context),
                .input(.type(.hidden), .name("language"), .value(model.language)),
                .forEach(model.entries) { entry in
                    let id = "t-" + entry.key.replacingOccurrences(of: ".", with: "-")
                    return .div(
                        .class(entry.value.isEmpty && !entry.base.isEmpty ? "field translation missing" : "field translation"),
                        .label(.for(id), .text(isBase ? entry.key : entry.base.isEmpty ? entry.key : entry.base)),
                        .if(entry.value.isEmpty && !entry.base.isEmpty && !isBase, .p(.class("hint"), .text(context.t("Missing")))),
                        entry.long
                            ? .textarea(.id(id), .name(entry.key), .rows(2), .attribute(named: "lang", value: model.language), .text(entry.value))
                            : .input(.type(.text), .id(id), .name(entry.key), .value(entry.value), .attribute(named: "lang", value: model.language))
                    )
                },
                .if(
                    model.needsReason,
                    Components.textArea(
                        id: "reason", label: context.t("Why the wording changes"),
                        hint: context.t(
                            "Answers have already come in, and people who answer after this read the new words. Say what was wrong: the correction and its reason are listed in the report and the codebook."
                        ),
                        value: model.reason, rows: 2, error: model.reasonError, language: nil)),
                Components.submit(context.t("Save the texts"))
            )
        )
    }
}
