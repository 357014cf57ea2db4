import Domain
import Plot

extension MemberPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        return Layout.page(
            context, title: model.name,
            .p(.class("breadcrumb"), .a(.href(SiteURL.school(.value(model.schoolID)).path + "#staff-heading"), .text(model.schoolName))),
            .h1(.text(model.name)),
            .dl(
                .class("facts"), .id("member-facts"),
                .dt(.text(context.t("E-mail"))),
                .dd(
                    .a(.href("mailto:\(model.email)"), .text(model.email)),
                    .if(
                        model.undeliverable,
                        .span(.class("badge badge-warning"), .text(" " + context.t("E-mail cannot be delivered: check the address"))))),
                .dt(.text(context.t("Role"))),
                .dd(.text(RoleNames.name(model.role, l))),
                .unwrap(model.joined) { joined in .group(.dt(.text(context.t("Member since"))), .dd(.text(l.date(joined)))) },
                .unwrap(model.roleSince) { since in .group(.dt(.text(context.t("In this role since"))), .dd(.text(l.date(since)))) }
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "role-heading"),
                .h2(.id("role-heading"), .text(context.t("Change the role"))),
                .if(
                    model.onlyLeader,
                    .p(.class("only-leader"), .text(context.t("The school's only leader. Make someone else a leader first; then this role can change."))),
                    else: roleForm(context, model))
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "leave-heading"),
                .h2(.id("leave-heading"), .text(context.t("Removal from the school"))),
                .if(
                    model.onlyLeader,
                    .p(.class("meta only-leader"), .text(context.t("The school's only leader"))),
                    // The link leads to the page that asks first (ConfirmPage).
                    else: .p(
                        .a(
                            .class("button-secondary member-remove"),
                            .href(SiteURL.schoolMemberRemove(.value(model.schoolID), .value(model.membershipID)).path),
                            .text(context.t("Remove {name} from this school", ["name": model.name])))))
            )
        )
    }

    private static func roleForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .form(
            .id("role-form"), .method(.post), .action(SiteURL.schoolMemberRole(.value(model.schoolID), .value(model.membershipID)).path),
            Components.csrfField(context),
            .div(
                .class("field"),
                .label(.for("role"), .text(context.t("Role"))),
                .select(
                    .id("role"), .attribute(named: "name", value: "role"),
                    .forEach(RoleNames.options(context.localizer)) { Components.option($0.value, $0.label, selected: $0.value == model.role.rawValue) })
            ),
            .button(.type(.submit), .class("button-primary"), .text(context.t("Save the role")))
        )
    }
}
