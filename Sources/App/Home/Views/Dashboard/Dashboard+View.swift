import Domain
import Plot

extension Dashboard {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Home"),
            // No greeting by name: Latvian (and Czech, Greek, Georgian) would need the
            // vocative, which a template cannot give (issue 18, point 8). The day is the heading.
            .h1(.text(context.t("Today"))),
            .p(
                .class("lead today-date"),
                .text(
                    capitalizedFirst(
                        FormatterCache.shared.date(
                            model.now, locale: context.localizer.language.localeIdentifier, timeZone: model.timeZone, style: .template("EEEEdMMMM"))))),
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
            // Someone with no school and nothing next (an administrator, a coordinator) gets
            // no empty "What's next" region.
            .if(model.hasNext, nextSection(context, model)),
            CohortInvitationsSection.view(context, model.cohortInvitations),
            waitingSection(context, model),
            // An administrator or coordinator who belongs to no school is not told to ask
            // for an invitation: their home is the networks and the administration.
            .if(
                !model.schools.isEmpty || (model.coordinatedNetworks.isEmpty && !model.isAdmin),
                .group(
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
                    )
                )),
            .if(
                !model.coordinatedNetworks.isEmpty,
                .group(
                    .h2(.text(context.t("Networks I coordinate"))),
                    .forEach(model.coordinatedNetworks) { network in
                        .section(
                            .class("network"),
                            .h3(.text(network.name)),
                            .ul(
                                .class("row-actions"),
                                .li(.a(.href(SiteURL.networkWellbeing(.value(network.id)).path), .text(context.t("Staff well-being across the network")))),
                                .li(
                                    .a(
                                        .class("network-settings"), .href(SiteURL.networkSettings(.value(network.id)).path),
                                        .text(context.t("Network settings"))))),
                            .p(
                                .class("meta network-glance"),
                                .text(
                                    context.localizer.tn("{count} school", "{count} schools", count: network.schools.count) + " · "
                                        + context.localizer.tn(
                                            "{count} staff member", "{count} staff members",
                                            count: network.glance.values.reduce(0) { $0 + $1.staff }) + " · "
                                        + context.t(
                                            "collegial support under way: {count}",
                                            ["count": context.localizer.number(network.glance.values.reduce(0) { $0 + $1.activeSupport })]))),
                            .ul(
                                .class("card-list network-schools"),
                                .forEach(network.schools) { school in
                                    .li(
                                        .a(.class("school-link"), .href(SiteURL.school(.value(school.id)).path), .text(school.name)),
                                        .p(.class("meta"), .text("\(school.city), \(CountryNames.name(school.country, context.localizer))")),
                                        .unwrap(network.glance[school.id]) { glance in
                                            .p(
                                                .class("meta"),
                                                .text(
                                                    context.localizer.tn("{count} staff member", "{count} staff members", count: glance.staff) + " · "
                                                        + context.t(
                                                            "collegial support under way: {count}",
                                                            ["count": context.localizer.number(glance.activeSupport)])))
                                        })
                                })
                        )
                    }
                )),
            .if(
                model.isAdmin,
                .p(.a(.href(SiteURL.admin.path), .text(context.t("Manage networks and schools")))))
        )
    }

    /// "ceturtdiena, 3. decembris" stands alone under the heading, so it begins with a capital.
    static func capitalizedFirst(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
