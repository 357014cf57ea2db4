import Plot
import Vapor

/// "Are you sure?" as a page, before something that cannot be taken back (issue 18): what
/// will be lost, in words; one button that does it; a link back that keeps everything. The
/// destructive control on a page is a link that opens this page at the action's own URL (a
/// GET; the action is its POST), so it works without JavaScript and a stray tap on a phone,
/// where such a button can sit under "Save", loses nothing.
enum ConfirmPage {
    struct Model {
        var title: String
        /// What will be lost, and what stays, one sentence each.
        var consequences: [String]
        /// Where the button posts: the action itself.
        var action: SiteURL
        var confirmLabel: String
        /// Where "go back" leads: the page the person came from.
        var back: SiteURL
        /// Kept on both addresses (the course editor's `lang`, so the person stays in the
        /// language they were editing).
        var query: KeyValuePairs<String, String> = [:]
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: model.title,
            .h1(.text(model.title)),
            .ul(.id("consequences"), .class("consequences"), .forEach(model.consequences) { .li(.text($0)) }),
            .form(
                .id("confirm-form"), .method(.post), .action(model.action.path(model.query)),
                Components.csrfField(context),
                .div(
                    .class("actions"),
                    .button(.type(.submit), .id("confirm"), .class("button-danger"), .text(model.confirmLabel)),
                    .a(.id("keep"), .class("button-secondary"), .href(model.back.path(model.query)), .text(context.t("Go back, change nothing"))))))
    }
}

extension Request {
    /// Renders the page that asks before `model.action` (`ConfirmPage`).
    func confirm(
        _ title: String, consequences: [String], action: SiteURL, confirmLabel: String, back: SiteURL,
        query: KeyValuePairs<String, String> = [:]
    ) -> Response {
        render(
            ConfirmPage.view(
                pageContext(),
                .init(title: title, consequences: consequences, action: action, confirmLabel: confirmLabel, back: back, query: query)))
    }
}
