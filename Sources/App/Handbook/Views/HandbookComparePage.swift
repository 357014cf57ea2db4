import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// Two revisions side by side, line by line.
enum HandbookComparePage {
    static func view(_ context: PageContext, history: HandbookHistoryPage.Model, old: HandbookHistoryPage.Row, new: HandbookHistoryPage.Row) -> HTML {
        let title = context.t("Revision {old} compared with revision {new}", ["old": String(old.number), "new": String(new.number)])
        let lines = TextDiff.lines(
            from: "# " + old.title + "\n\n" + old.summary + "\n\n" + old.body,
            to: "# " + new.title + "\n\n" + new.summary + "\n\n" + new.body)
        let changes = lines.filter { if case .same = $0 { false } else { true } }.count
        return Layout.page(
            context, title: title,
            .p(
                .class("breadcrumb"),
                .a(
                    .href(SiteURL.handbookHistory(.value(history.chapter.slug)).path(["language": history.language.rawValue])),
                    .text(context.t("Back to the revision history")))),
            .h1(.text(title)),
            .p(
                .text(
                    changes == 0
                        ? context.t("The two revisions are the same.")
                        : context.localizer.tn("{count} line differs.", "{count} lines differ.", count: changes))),
            .p(
                .class("legend"), .span(.class("diff-added"), .text("+ " + context.t("added in revision {number}", ["number": String(new.number)]))),
                .text(" "),
                .span(.class("diff-removed"), .text("− " + context.t("removed from revision {number}", ["number": String(old.number)])))),
            .element(
                named: "pre",
                nodes: [
                    .class("diff"), .attribute(named: "lang", value: history.language.rawValue),
                    .forEach(folded(lines)) { line in
                        switch line {
                        case .same(let text): .span(.class("diff-same"), .text("  " + text + "\n"))
                        case .added(let text): .element(named: "ins", nodes: [.class("diff-added"), .text("+ " + text + "\n")])
                        case .removed(let text): .element(named: "del", nodes: [.class("diff-removed"), .text("− " + text + "\n")])
                        case nil: .span(.class("diff-skipped"), .text("  …\n"))
                        }
                    },
                ])
        )
    }
}

extension HandbookComparePage {
    /// The changed lines with two unchanged lines of context around each change; a run of
    /// unchanged lines further away becomes one `nil` (shown as "…").
    static func folded(_ lines: [TextDiff.Line], context: Int = 2) -> [TextDiff.Line?] {
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        guard !changed.isEmpty else { return lines }
        var keep = Set<Int>()
        for index in changed { for near in max(0, index - context)...min(lines.count - 1, index + context) { keep.insert(near) } }
        var result: [TextDiff.Line?] = []
        for index in lines.indices {
            if keep.contains(index) {
                result.append(lines[index])
            } else if result.last.map({ $0 != nil }) ?? true {
                result.append(nil)
            }
        }
        return result
    }
}
