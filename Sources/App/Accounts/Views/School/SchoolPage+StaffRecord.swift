import Domain
import Foundation
import Plot

/// "Changes to the staff": who joined the school, took another role or left, when and by
/// whose hand, for every member to see; and who is still new in a role (colleagues' waiting
/// questions do not reach them yet), with the button a network coordinator uses to end
/// the wait. So a leader's second account, or a new "counsellor", cannot go unnoticed
/// (issue 14, class 5).
extension SchoolPage {
    static func staffRecord(_ context: PageContext, schoolID: UUID, _ model: StaffRecordModel) -> Node<HTML.BodyContext> {
        let l = context.localizer
        return .section(
            .id("staff-changes"), .attribute(named: "aria-labelledby", value: "staff-changes-heading"),
            .h2(.id("staff-changes-heading"), .text(context.t("Changes to the staff"))),
            .p(
                .class("hint"),
                .text(
                    context.t(
                        "Everyone in the school sees who joined, who took another role and who made the change. Someone new in a role sees colleagues' waiting questions only after 14 days, or once a coordinator of the network has confirmed them."
                    ))),
            .if(model.lines.isEmpty, .p(.text(context.t("No changes recorded yet.")))),
            // The latest few open, the rest folded: a school's record grows with every change,
            // and the page must stay short on a phone (issue 18).
            .if(!model.lines.isEmpty, changesTable(context, Array(model.lines.prefix(Self.recentChanges)))),
            .if(
                model.lines.count > Self.recentChanges,
                .details(
                    .id("earlier-staff-changes"),
                    .summary(.text(l.tn("{count} earlier change", "{count} earlier changes", count: model.lines.count - Self.recentChanges))),
                    changesTable(context, Array(model.lines.dropFirst(Self.recentChanges))))),
            .if(
                !model.newcomers.isEmpty,
                .group(
                    .h3(.id("newcomers-heading"), .text(context.t("New in their role"))),
                    .ul(
                        .id("newcomers"), .class("card-list"),
                        .forEach(model.newcomers) { person in
                            .li(
                                .text(
                                    context.t(
                                        "{name}: colleagues' waiting questions reach them from {date}", ["name": person.name, "date": l.date(person.until)])),
                                .if(
                                    model.mayClear,
                                    .form(
                                        .class("inline-form"), .method(.post),
                                        .action(SiteURL.schoolMemberClear(.value(schoolID), .value(person.membershipID)).path),
                                        Components.csrfField(context),
                                        .button(
                                            .type(.submit), .class("button-link"),
                                            .text(context.t("Confirm {name} now", ["name": person.name]))))))
                        })))
        )
    }

    /// Removed in the last 30 days, each with the button that restores them (for those who
    /// manage the staff: the list is empty for anyone else). Right under the staff list, where
    /// the leader who has just removed someone looks for them.
    static func removedMembers(_ context: PageContext, schoolID: UUID, _ model: StaffRecordModel) -> Node<HTML.BodyContext> {
        let l = context.localizer
        return .if(
            !model.removed.isEmpty,
            .section(
                .id("removed-members"), .attribute(named: "aria-labelledby", value: "removed-heading"),
                .h2(.id("removed-heading"), .text(context.t("Removed in the last 30 days"))),
                .p(.class("hint"), .text(context.t("Restoring gives them back their place and the role they left with."))),
                .ul(
                    .id("removed"), .class("card-list"),
                    .forEach(model.removed) { person in
                        .li(
                            .class("removed-member"),
                            .span(
                                .class("removed-name"),
                                .text(
                                    context.t(
                                        "{name} ({role}), removed on {date}",
                                        ["name": person.name, "role": RoleNames.name(person.role, l), "date": l.date(person.when)]))),
                            .form(
                                .class("inline-form member-restore"), .method(.post),
                                .action(SiteURL.schoolMemberRestore(.value(schoolID), .value(person.changeID)).path),
                                Components.csrfField(context),
                                .button(
                                    .type(.submit), .class("button-secondary"),
                                    .text(context.t("Restore {name}", ["name": person.name])))))
                    })))
    }

    /// How many of the newest changes show before the fold.
    static let recentChanges = 5

    static func changesTable<Context: HTML.BodyContext>(_ context: PageContext, _ lines: [StaffRecordModel.Line]) -> Node<Context> {
        let l = context.localizer
        return .table(
            .class("data-table"), .attribute(named: "aria-labelledby", value: "staff-changes-heading"),
            .thead(.tr(.th(.text(context.t("When"))), .th(.text(context.t("Who"))), .th(.text(context.t("Change"))), .th(.text(context.t("By"))))),
            .tbody(
                .forEach(lines) { line in
                    .tr(
                        .td(.text(l.date(line.when, time: true))), .td(.text(line.who)),
                        .td(.text(describe(line, l))), .td(.text(line.by ?? "—")))
                }))
    }

    static func describe(_ line: StaffRecordModel.Line, _ l: Localizer) -> String {
        let role = RoleNames.name(line.role, l)
        switch line.kind {
        case .joined: return l.t("joined as {role}", ["role": role])
        case .roleChanged:
            return l.t("changed from {previous} to {role}", ["previous": line.previousRole.map { RoleNames.name($0, l) } ?? "—", "role": role])
        case .left: return l.t("left the school ({role})", ["role": role])
        case .cleared: return l.t("confirmed as {role} by the network: sees colleagues' waiting questions", ["role": role])
        case .restored: return l.t("restored to the school ({role})", ["role": role])
        }
    }
}
