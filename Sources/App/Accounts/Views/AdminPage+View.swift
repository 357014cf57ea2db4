import Domain
import Plot

extension AdminPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        let errors = model.networkErrors.merging(model.schoolErrors) { a, _ in a }.merging(model.coordinatorErrors) { a, _ in a }
        return Layout.page(
            context, title: context.t("Administration"),
            .h1(.text(context.t("Administration"))),
            Components.errorSummary(context, errors.keys.sorted().compactMap { errors[$0] }),
            .section(
                .attribute(named: "aria-labelledby", value: "networks-heading"),
                .h2(.id("networks-heading"), .text(context.t("Networks"))),
                .ul(
                    .id("networks"), .class("card-list"),
                    .forEach(model.networks) { network in
                        .li(
                            .strong(.text(network.name)), .text(" — "),
                            .text(l.tn("{count} school", "{count} schools", count: network.schoolCount)),
                            .p(
                                .class("meta"),
                                .text(
                                    network.coordinators.isEmpty
                                        ? context.t("No coordinator yet")
                                        : context.t("Coordinated by {names}", ["names": network.coordinators.joined(separator: ", ")]))))
                    }),
                coordinatorForm(context, model),
                .form(
                    .id("network-form"), .class("stack"), .method(.post), .action(SiteURL.adminNetworks.path),
                    Components.csrfField(context),
                    .h3(.text(context.t("New network"))),
                    Components.field(
                        .init(
                            id: "network_name", label: context.t("Network name"), value: model.networkDraft.name,
                            error: model.networkErrors["network_name"])),
                    Components.field(
                        .init(
                            id: "network_description", label: context.t("Description"),
                            value: model.networkDraft.description, required: false)),
                    Components.submit(context.t("Create network"))
                )
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "schools-heading"),
                .h2(.id("schools-heading"), .text(context.t("Schools"))),
                .table(
                    .id("schools"), .class("data-table"),
                    .attribute(named: "aria-labelledby", value: "schools-heading"),
                    .thead(
                        .tr(
                            .th(.text(context.t("School"))), .th(.text(context.t("Code"))),
                            .th(.text(context.t("Place"))), .th(.text(context.t("Network"))))),
                    .tbody(
                        .forEach(model.schools) { school in
                            .tr(
                                .td(.a(.href(SiteURL.school(.value(school.id)).path), .text(school.name))),
                                .td(.text(school.code)),
                                .td(.text("\(school.city), \(CountryNames.name(school.country, l))")),
                                .td(.text(school.networkName ?? "—")))
                        })
                ),
                schoolForm(context, model)
            )
        )
    }

    private static func coordinatorForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .if(
            !model.networks.isEmpty,
            .form(
                .id("coordinator-form"), .class("stack"), .method(.post), .action(SiteURL.adminCoordinators.path),
                Components.csrfField(context),
                .h3(.text(context.t("Add a coordinator"))),
                Components.field(
                    .init(
                        id: "coordinator_email", label: context.t("Email address of an existing account"), type: .email,
                        value: model.coordinatorDraft.email, autocomplete: "off",
                        error: model.coordinatorErrors["coordinator_email"])),
                Components.selectField(
                    id: "coordinator_network", label: context.t("Network"),
                    options: model.networks.map { ($0.id.uuidString, $0.name) },
                    selected: model.coordinatorDraft.networkID, error: model.coordinatorErrors["coordinator_network"]),
                Components.submit(context.t("Add coordinator"))
            ))
    }

    private static func schoolForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let draft = model.schoolDraft
        let errors = model.schoolErrors
        return .form(
            .id("school-form"), .class("stack"), .method(.post), .action(SiteURL.adminSchools.path),
            Components.csrfField(context),
            .h3(.text(context.t("New school"))),
            Components.field(.init(id: "school_name", label: context.t("School name"), value: draft.name, error: errors["school_name"])),
            Components.field(
                .init(
                    id: "school_code", label: context.t("Code"), value: draft.code,
                    hint: context.t("Short and unique, used in staff files, e.g. LV-RIGA-45."), error: errors["school_code"])),
            Components.field(
                .init(
                    id: "school_country", label: context.t("Country code"), value: draft.country,
                    hint: context.t("Two letters, e.g. LV, CZ, IT, GR, GE, CY."), error: errors["school_country"])),
            Components.field(.init(id: "school_city", label: context.t("City or town"), value: draft.city, error: errors["school_city"])),
            Components.selectField(
                id: "school_language", label: context.t("Language of invitations"),
                options: Domain.Language.allCases.map { ($0.rawValue, $0.nativeName) },
                selected: draft.language, error: errors["school_language"]),
            Components.selectField(
                id: "school_network", label: context.t("Network"),
                options: [("", context.t("No network"))] + model.networks.map { ($0.id.uuidString, $0.name) },
                selected: draft.networkID, error: errors["school_network"]),
            Components.submit(context.t("Create school"))
        )
    }
}
