import Domain
import Plot

/// The staff list: searchable and filtered by role, one line per person (issue 18, point
/// 10). Those who manage the staff open a person's own page to change a role or remove
/// them; a 90-teacher school is no longer 90 forms on one page.
extension SchoolPage {
    static func staffList(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let l = context.localizer
        let filtered = !model.search.isEmpty || model.roleFilter != nil
        return .section(
            .id("staff-section"), .attribute(named: "aria-labelledby", value: "staff-heading"),
            .h2(.id("staff-heading"), .text(l.tn("{count} member of staff", "{count} members of staff", count: model.memberCount))),
            filterForm(context, model),
            .if(
                filtered,
                .p(
                    .id("staff-shown"), .attribute(named: "role", value: "status"),
                    .text(context.t("{shown} of {count} shown.", ["shown": l.number(model.matchCount), "count": l.number(model.memberCount)]) + " "),
                    .a(.href(SiteURL.school(.value(model.id)).path + "#staff-heading"), .text(context.t("Show everyone"))))),
            .if(
                model.members.isEmpty,
                .p(.id("staff-none"), .text(context.t("Nobody on the staff matches."))),
                else: table(context, model)),
            .if(model.pageCount > 1, pager(context, model))
        )
    }

    /// Earlier and later names of a long list, keeping the search and role chosen.
    private static func pager(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let l = context.localizer
        let range = model.shownRange
        func link(_ page: Int) -> String {
            var query = [("page", String(page))]
            if !model.search.isEmpty { query.insert(("q", model.search), at: 0) }
            if let role = model.roleFilter { query.insert(("role", role.rawValue), at: query.count - 1) }
            return SiteURL.withQuery(SiteURL.school(.value(model.id)).path, query) + "#staff-heading"
        }
        return .nav(
            .class("list-pager"), .attribute(named: "aria-label", value: context.t("Pages of the staff list")),
            .if(
                model.page > 1,
                .a(.class("pager-previous"), .href(link(model.page - 1)), .attribute(named: "rel", value: "prev"), .text(context.t("Previous names")))),
            .span(
                .id("staff-page"),
                .text(
                    context.t(
                        "Names {first}–{last} of {count}",
                        ["first": l.number(range.first), "last": l.number(range.last), "count": l.number(model.matchCount)]))),
            .if(
                model.page < model.pageCount,
                .a(.class("pager-next"), .href(link(model.page + 1)), .attribute(named: "rel", value: "next"), .text(context.t("Next names"))))
        )
    }

    private static func filterForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let manages = model.invitations != nil
        let l = context.localizer
        return .form(
            .id("staff-filter"), .class("filter-form"), .method(.get), .action(SiteURL.school(.value(model.id)).path + "#staff-heading"),
            .div(
                .class("field"),
                .label(.for("staff-search"), .text(manages ? context.t("Name or e-mail") : context.t("Name"))),
                .input(.type(.search), .id("staff-search"), .name("q"), .value(model.search), .attribute(named: "autocomplete", value: "off"))),
            .div(
                .class("field"),
                .label(.for("staff-role"), .text(context.t("Role"))),
                .select(
                    .id("staff-role"), .attribute(named: "name", value: "role"),
                    Components.option("", context.t("All roles"), selected: model.roleFilter == nil),
                    .forEach(RoleNames.options(l)) { Components.option($0.value, $0.label, selected: $0.value == model.roleFilter?.rawValue) })),
            .button(.type(.submit), .class("button-secondary"), .text(context.t("Show")))
        )
    }

    private static func table(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let manages = model.invitations != nil
        let l = context.localizer
        return .table(
            .id("staff"), .class("data-table staff-list"),
            .attribute(named: "aria-labelledby", value: "staff-heading"),
            .thead(.tr(.th(.text(context.t("Name"))), .th(.text(context.t("Role"))))),
            .tbody(
                .forEach(model.members) { member in
                    .tr(
                        .td(
                            .if(
                                manages,
                                .a(
                                    .class("member-link"),
                                    .href(SiteURL.schoolMember(.value(model.id), .value(member.membershipID)).path),
                                    .text(member.name)),
                                else: .text(member.name)),
                            .if(member.undeliverable, undeliverable(context))),
                        .td(.text(RoleNames.name(member.role, l))))
                }))
    }
}
