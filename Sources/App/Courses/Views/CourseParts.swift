import Domain
import Foundation
import Plot

/// Pieces shared by the course pages.
enum CourseParts {
    static func duration(_ minutes: Int, _ context: PageContext) -> String {
        let hours = minutes / 60, rest = minutes % 60
        if hours == 0 { return context.localizer.tn("About {count} minute", "About {count} minutes", count: rest) }
        if rest == 0 { return context.localizer.tn("About {count} hour", "About {count} hours", count: hours) }
        return context.t("About {hours} h {minutes} min", ["hours": String(hours), "minutes": String(rest)])
    }

    static func kind(_ kind: ActivityKind, _ context: PageContext) -> String {
        switch kind {
        case .lesson: context.t("Lesson")
        case .quiz: context.t("Quiz")
        case .reflection: context.t("Reflection task")
        }
    }

    /// A labelled progress bar with its figure in words (the bar alone is not read out
    /// the same way by every screen reader).
    static func progressBar(id: String, done: Int, total: Int, label: String, _ context: PageContext) -> Node<HTML.BodyContext> {
        let percent = total == 0 ? 100 : done * 100 / total
        return .div(
            .id(id), .class("course-progress"),
            .p(
                .id(id + "-label"),
                .text(
                    label + ": "
                        + context.t(
                            "{percent}% done ({done} of {total} steps)",
                            ["percent": String(percent), "done": String(done), "total": String(total)]))),
            .element(
                named: "progress",
                nodes: [
                    .attribute(named: "max", value: String(max(total, 1))),
                    .attribute(named: "value", value: String(done)),
                    .attribute(named: "aria-labelledby", value: id + "-label"),
                ])
        )
    }

    /// The text in the reader's language where there is one, marked with its language
    /// where it falls back (WCAG 3.1.2).
    static func text(_ texts: LocalizedText, _ context: PageContext) -> (text: String, lang: String?) {
        let language = context.localizer.language.rawValue
        if let t = texts[language], !t.isEmpty { return (t, nil) }
        if let t = texts["en"], !t.isEmpty { return (t, "en") }
        let any = texts.sorted { $0.key < $1.key }.first { !$0.value.isEmpty }
        return (any?.value ?? "", any?.key)
    }
}
