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

    private static func header(_ context: PageContext) -> Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .div(
                .class("wrap header-row"),
                .a(.class("brand"), .href(SiteURL.home.path), .text("Collegium")),
                .nav(
                    .attribute(named: "aria-label", value: context.t("Main")),
                    .ul(
                        .class("nav-list"),
                        .li(.a(.href(SiteURL.handbook.path), .text(context.t("Handbook")))),
                        .li(.a(.href(SiteURL.courses.path), .text(context.t("Courses")))),
                        .if(
                            context.isSignedIn,
                            .group(
                                .li(.a(.href(SiteURL.home.path), .text(context.t("My schools")))),
                                .li(
                                    .a(
                                        .href(SiteURL.support.path), .text(context.t("My support")),
                                        .if(
                                            context.unread > 0,
                                            .span(
                                                .class("badge-count"),
                                                .text(" " + context.localizer.tn("({count} new)", "({count} new)", count: context.unread)))))),
                                .li(.a(.href(SiteURL.mentoring.path), .text(context.t("Mentoring")))),
                                .if(context.mayRunSurveys, .li(.a(.href(SiteURL.surveys.path), .text(context.t("Surveys"))))),
                                .li(.a(.href(SiteURL.wellbeing.path), .text(context.t("Well-being")))),
                                .li(.a(.href(SiteURL.account.path), .text(context.t("My account"))))
                            )),
                        .if(context.isAdmin, .li(.a(.href(SiteURL.admin.path), .text(context.t("Administration")))))
                    )
                ),
                languageSwitcher(context),
                .if(
                    context.isSignedIn,
                    .form(
                        .id("logout-form"), .class("inline-form"), .method(.post), .action(SiteURL.logout.path),
                        Components.csrfField(context),
                        .button(.type(.submit), .class("button-link"), .text(context.t("Log out")))
                    ),
                    else: .a(.class("header-login"), .href(SiteURL.login.path), .text(context.t("Log in")))
                )
            )
        )
    }

    private static func languageSwitcher(_ context: PageContext) -> Node<HTML.BodyContext> {
        .form(
            .id("language-form"), .class("inline-form language-form"), .method(.post), .action(SiteURL.language.path),
            Components.csrfField(context),
            .input(.type(.hidden), .name("return_to"), .value(context.currentPath)),
            .label(.for("language-select"), .class("visually-hidden"), .text(context.t("Language"))),
            .select(
                .id("language-select"), .attribute(named: "name", value: "language"),
                .forEach(Domain.Language.allCases) { language in
                    Components.option(
                        value: language.rawValue, label: language.nativeName,
                        selected: language == context.localizer.language,
                        lang: language.rawValue)
                }
            ),
            .button(.type(.submit), .class("button-secondary"), .text(context.t("Change language")))
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
