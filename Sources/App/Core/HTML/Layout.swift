import Domain
import Plot
import Vapor

/// The frame of every page: skip link, header with navigation and language switcher,
/// one `main` landmark, footer (WCAG 2.2: 2.4.1 bypass blocks, 1.3.1 landmarks,
/// 3.1.1 language of page).
enum Layout {
    static func page(_ context: PageContext, title: String, _ content: Node<HTML.BodyContext>...) -> HTML {
        HTML(
            .attribute(named: "lang", value: context.localizer.language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Collegium"),
                .link(.rel(.stylesheet), .href("/css/app.css")),
                .link(.rel(.icon), .href("/favicon.svg"), .type("image/svg+xml")),
                .script(.src("/js/app.js"), .attribute(named: "defer", value: "defer"))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .text(context.t("Skip to main content"))),
                header(context),
                .main(
                    .id("main"),
                    .attribute(named: "tabindex", value: "-1"),
                    .div(
                        .class("wrap"),
                        .unwrap(context.notice) { notice in
                            .p(.class("notice"), .attribute(named: "role", value: "status"), .text(notice))
                        },
                        .group(content)
                    )
                ),
                .footer(
                    .class("site-footer"),
                    .div(
                        .class("wrap"),
                        .p(.text(context.t("Collegium helps colleagues support one another: mentoring, coaching, peer observation, study groups and more.")))
                    )
                )
            )
        )
    }

    /// One row at every width (issue 18): on a wide screen the main links, with the
    /// learning pages grouped in a menu; on a phone one "Menu"; the account, language and
    /// log-out in one menu at the right. The menus are `<details>`, so they open without
    /// JavaScript (app.js only closes an open one on a click elsewhere or Escape). The wide
    /// and the phone list hold the same links; CSS shows one of them (`display: none` also
    /// takes the other out of the accessibility tree, so nothing is read twice).
    private static func header(_ context: PageContext) -> Node<HTML.BodyContext> {
        let links = navigation(context)
        return .header(
            .class("site-header"),
            .div(
                .class("wrap header-row"),
                .a(.class("brand"), .href(SiteURL.home.path), .text("Collegium")),
                .nav(
                    .class("main-nav"),
                    .attribute(named: "aria-label", value: context.t("Main")),
                    .ul(
                        .class("nav-list"),
                        .forEach(links.primary) { link in .li(navLink(link, context)) },
                        .li(
                            .details(
                                .class("menu learning-menu" + (links.learning.contains { isCurrent($0, context) } ? " current" : "")),
                                .summary(.text(context.t("Learning"))),
                                .ul(.class("menu-panel"), .forEach(links.learning) { link in .li(navLink(link, context)) })))
                    ),
                    .details(
                        .class("menu nav-menu"),
                        .summary(.text(context.t("Menu"))),
                        .ul(
                            .class("menu-panel"), .forEach(links.primary + links.learning) { link in .li(navLink(link, context)) },
                            // A visitor's phone header has no room for "Log in" beside the
                            // language: it is the menu's last entry there.
                            .if(!context.isSignedIn, .li(.a(.href(SiteURL.login.path), .text(context.t("Log in")))))))
                ),
                .if(
                    context.isSignedIn,
                    accountMenu(context),
                    else: .group(
                        .details(
                            .class("menu language-menu"),
                            .summary(
                                .span(.class("visually-hidden"), .text(context.t("Language") + ": ")),
                                .text(context.localizer.language.nativeName)),
                            .div(.class("menu-panel"), languageSwitcher(context))),
                        .a(.class("header-login"), .href(SiteURL.login.path), .text(context.t("Log in"))))
                )
            )
        )
    }

    private struct NavLink {
        var path: String
        var label: String
        var badge: Int = 0
    }

    private static func navigation(_ context: PageContext) -> (primary: [NavLink], learning: [NavLink]) {
        let learning = [
            NavLink(path: SiteURL.courses.path, label: context.t("Courses")),
            NavLink(path: SiteURL.handbook.path, label: context.t("Handbook")),
        ]
        guard context.isSignedIn else { return ([], learning) }
        var primary = [
            NavLink(path: SiteURL.home.path, label: context.t("Home")),
            NavLink(path: SiteURL.support.path, label: context.t("My support"), badge: context.unread),
            NavLink(path: SiteURL.mentoring.path, label: context.t("Mentoring")),
        ]
        if context.mayRunSurveys { primary.append(NavLink(path: SiteURL.surveys.path, label: context.t("Surveys"))) }
        primary.append(NavLink(path: SiteURL.wellbeing.path, label: context.t("Well-being")))
        return (primary, learning)
    }

    /// A header link; the one of the section the reader is in says so (`aria-current`).
    private static func navLink(_ link: NavLink, _ context: PageContext) -> Node<HTML.BodyContext> {
        .a(
            .href(link.path),
            .if(isCurrent(link, context), .attribute(named: "aria-current", value: "page")),
            .text(link.label),
            .if(
                link.badge > 0,
                .group(
                    .span(.class("badge-count"), .attribute(named: "aria-hidden", value: "true"), .text(String(link.badge))),
                    .span(.class("visually-hidden"), .text(" " + context.localizer.tn("({count} new)", "({count} new)", count: link.badge)))))
        )
    }

    private static func isCurrent(_ link: NavLink, _ context: PageContext) -> Bool {
        let path = context.currentPath.split(separator: "?").first.map(String.init) ?? ""
        return link.path == "/" ? path == "/" : (path == link.path || path.hasPrefix(link.path + "/"))
    }

    private static func accountMenu(_ context: PageContext) -> Node<HTML.BodyContext> {
        .details(
            .class("menu account-menu"),
            .summary(
                .span(.class("visually-hidden"), .text(context.t("Account") + ": ")),
                .span(.class("account-name"), .text(context.givenName ?? context.userName ?? ""))),
            .div(
                .class("menu-panel"),
                .ul(
                    .li(.a(.href(SiteURL.account.path), .text(context.t("My account")))),
                    .li(.a(.href(SiteURL.accountNotifications.path), .text(context.t("Notifications by e-mail")))),
                    .if(context.isAdmin, .li(.a(.href(SiteURL.admin.path), .text(context.t("Administration")))))
                ),
                languageSwitcher(context),
                .form(
                    .id("logout-form"), .method(.post), .action(SiteURL.logout.path),
                    Components.csrfField(context),
                    .button(.type(.submit), .class("button-link"), .text(context.t("Log out")))
                )
            )
        )
    }

    /// One button per language: a choice is one tap, with no script and no separate
    /// "change" step. Each name is written in its own language (and marked so).
    private static func languageSwitcher<Context: HTML.BodyContext>(_ context: PageContext) -> Node<Context> {
        .form(
            .id("language-form"), .class("language-form"), .method(.post), .action(SiteURL.language.path),
            Components.csrfField(context),
            .input(.type(.hidden), .name("return_to"), .value(context.currentPath)),
            .p(.id("language-heading"), .class("menu-heading"), .text(context.t("Language"))),
            .div(
                .attribute(named: "role", value: "group"), .attribute(named: "aria-labelledby", value: "language-heading"),
                .ul(
                    .forEach(Domain.Language.allCases) { language in
                        .li(
                            .button(
                                .type(.submit), .name("language"), .value(language.rawValue),
                                .class("button-link"),
                                .attribute(named: "lang", value: language.rawValue),
                                .if(language == context.localizer.language, .attribute(named: "aria-current", value: "true")),
                                .text(language.nativeName)))
                    }))
        )
    }
}

extension Request {
    /// Renders a page with the right status and content type.
    func render(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }
}
