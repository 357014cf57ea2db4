import Domain
import Plot

extension SchoolPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        return Layout.page(
            context, title: model.name,
            .h1(.text(model.name)),
            .p(.class("meta"), .text([model.city, CountryNames.name(model.country, l), model.networkName].compactMap { $0 }.joined(separator: " · "))),
            .unwrap(model.invitations) { _ in
                .p(.class("actions"),
                   .a(.id("invite-link"), .class("button-primary"), .href(SiteURL.schoolInvitationNew(.value(model.id)).path),
                      .text(context.t("Invite a colleague"))),
                   .text(" "),
                   .a(.id("import-link"), .class("button-secondary"), .href(SiteURL.schoolImport(.value(model.id)).path),
                      .text(context.t("Import staff from a file"))))
            },
            .h2(.id("staff-heading"), .text(l.tn("{count} member of staff", "{count} members of staff", count: model.members.count))),
            .table(
                .id("staff"), .class("data-table"),
                .attribute(named: "aria-labelledby", value: "staff-heading"),
                .thead(.tr(.th(.text(context.t("Name"))), .th(.text(context.t("Role"))))),
                .tbody(.forEach(model.members) { member in
                    .tr(.td(.text(member.name)), .td(.text(RoleNames.name(member.role, l))))
                })
            ),
            .unwrap(model.invitations) { invitations in
                .section(
                    .attribute(named: "aria-labelledby", value: "pending-heading"),
                    .h2(.id("pending-heading"), .text(context.t("Invitations not yet accepted"))),
                    .if(invitations.isEmpty,
                        .p(.text(context.t("Everyone invited has joined."))),
                        else: .ul(.id("pending-invitations"), .class("card-list"),
                                  .forEach(invitations) { invitation in
                                      .li(.text("\(invitation.name) <\(invitation.email)> — \(RoleNames.name(invitation.role, l)) — "),
                                          .text(context.t("valid until {date}", ["date": l.date(invitation.expiresAt)])))
                                  }))
                )
            }
        )
    }
}
