import Domain
import Plot

extension Dashboard {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("My schools"),
            .h1(.text(context.t("Welcome, {name}", ["name": model.givenName]))),
            .unwrap(model.undeliverableEmail) { email in
                .div(
                    .id("undeliverable"), .class("notice notice-warning"), .attribute(named: "role", value: "alert"),
                    .p(
                        .text(
                            context.t(
                                "Mail to {email} cannot be delivered: the mail server refused it. Ask your school's leader to correct your address.",
                                ["email": email]) + " "),
                        .a(.href(SiteURL.accountNotifications.path), .text(context.t("Notifications by e-mail")))))
            },
            .if(
                !model.surveys.isEmpty,
                .section(
                    .id("surveys-for-you"), .class("privacy-box"), .attribute(named: "aria-labelledby", value: "surveys-for-you-title"),
                    .h2(.id("surveys-for-you-title"), .text(context.t("Surveys for you"))),
                    .ul(
                        .forEach(model.surveys) { survey in
                            .li(
                                .a(.href(SiteURL.answer(.value(survey.slug)).path), .text(survey.title)),
                                .if(!survey.closesOn.isEmpty, .text(" · " + context.t("open until {date}", ["date": survey.closesOn]))))
                        })
                )),
            CohortInvitationsSection.view(context, model.cohortInvitations),
            .if(
                !model.courses.isEmpty,
                .section(
                    .id("my-courses"), .attribute(named: "aria-labelledby", value: "my-courses-title"),
                    .h2(.id("my-courses-title"), .text(context.t("My courses"))),
                    .ul(
                        .class("card-list"),
                        .forEach(model.courses) { course in
                            .li(
                                .a(.href(SiteURL.course(.value(course.slug)).path), .text(course.title)),
                                .text(" · " + (course.completed ? context.t("Completed") : context.t("{percent}% done", ["percent": String(course.percent)]))),
                                .if(
                                    !course.completed,
                                    .group(
                                        .text(" · "),
                                        .a(
                                            .href(SiteURL.courseContinue(.value(course.slug)).path),
                                            .text(context.t("Continue where you left off"))))))
                        })
                )),
            .h2(.text(context.t("My schools"))),
            .if(
                model.schools.isEmpty,
                .p(.text(context.t("You do not belong to any school yet. A leader of your school can invite you."))),
                else: .ul(
                    .id("my-schools"), .class("card-list"),
                    .forEach(model.schools) { school in
                        .li(
                            .a(.class("school-link"), .href(SiteURL.school(.value(school.id)).path), .text(school.name)),
                            .text(" "),
                            .span(.class("role"), .text(RoleNames.name(school.role, context.localizer))),
                            .p(.class("meta"), .text("\(school.city), \(CountryNames.name(school.country, context.localizer))"))
                        )
                    }
                )
            ),
            .if(
                !model.coordinatedNetworks.isEmpty,
                .group(
                    .h2(.text(context.t("Networks I coordinate"))),
                    .forEach(model.coordinatedNetworks) { network in
                        .section(
                            .class("network"),
                            .h3(.text(network.name)),
                            .p(.a(.href(SiteURL.networkWellbeing(.value(network.id)).path), .text(context.t("Staff well-being across the network")))),
                            .ul(
                                .class("card-list network-schools"),
                                .forEach(network.schools) { school in
                                    .li(
                                        .a(.class("school-link"), .href(SiteURL.school(.value(school.id)).path), .text(school.name)),
                                        .p(.class("meta"), .text("\(school.city), \(CountryNames.name(school.country, context.localizer))")))
                                })
                        )
                    }
                )),
            .if(
                model.isAdmin,
                .p(.a(.href(SiteURL.admin.path), .text(context.t("Manage networks and schools")))))
        )
    }
}
