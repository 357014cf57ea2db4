import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension GroupNewPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        let study = model.kind == .studyGroup
        let title = study ? context.t("Start a study group") : context.t("Start a supervision or intervision group")
        return Layout.page(
            context, title: title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(title)),
            .p(
                .class("lead"),
                .text(
                    study
                        ? context.t(
                            "Colleagues take a course or a topic together: a facilitator, a schedule of meetings, an action plan at the start and a shared reflection at the end on what changed in your teaching."
                        )
                        : context.t(
                            "Colleagues bring cases from their work and think them through together, step by step, in a set time. In supervision a supervisor leads; in intervision the members take turns. What is said stays in the group."
                        ))),
            .p(
                study
                    ? .a(.href(SiteURL.handbookChapter(.value("study-groups")).path), .text(context.t("How study groups work (handbook)")))
                    : .group(
                        .a(.href(SiteURL.handbookChapter(.value("supervision")).path), .text(context.t("How supervision works (handbook)"))),
                        .text(" · "),
                        .a(.href(SiteURL.handbookChapter(.value("intervision")).path), .text(context.t("How intervision works (handbook)"))))),
            .if(
                model.schools.count > 1,
                .form(
                    .class("inline-form"), .method(.get), .action(SiteURL.groupNew.path),
                    .input(.type(.hidden), .name("kind"), .value(model.kind.rawValue)),
                    Components.selectField(
                        id: "school-choice", label: context.t("School"),
                        options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) },
                        selected: model.selectedSchool?.id?.uuidString),
                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Show its colleagues")))
                )),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("group-form"), .class("stack"), .method(.post), .action(SiteURL.groupNew.path),
                Components.csrfField(context),
                .input(.type(.hidden), .name("school"), .value(model.selectedSchool?.id?.uuidString ?? "")),
                study
                    ? .input(.type(.hidden), .name("kind"), .value(model.kind.rawValue))
                    : .fieldset(
                        .class("question"), .element(named: "legend", text: context.t("Kind of group")),
                        .div(
                            .class("choices"),
                            .label(
                                .input(
                                    .type(.radio), .name("kind"), .value("intervision"),
                                    .attribute(named: "checked", value: model.kind == .intervision ? "checked" : nil)),
                                .text(context.t("Intervision: members take turns to facilitate"))),
                            .label(
                                .input(
                                    .type(.radio), .name("kind"), .value("supervision"),
                                    .attribute(named: "checked", value: model.kind == .supervision ? "checked" : nil)),
                                .text(context.t("Supervision: a supervisor leads"))))),
                Components.field(.init(id: "name", label: context.t("Name of the group"), value: d.name, error: e["name"])),
                Components.textArea(
                    id: "purpose", label: study ? context.t("The course or topic you follow") : context.t("What the group is for"),
                    hint: study
                        ? context.t("For example: formative assessment in years 5 to 9, one handbook chapter a month.")
                        : context.t("For example: difficult conversations with parents; pupils who stop coming."),
                    value: d.purpose, rows: 3, error: e["purpose"], language: nil),
                .if(
                    study && !model.courses.isEmpty,
                    Components.selectField(
                        id: "course", label: context.t("A course of Collegium the group takes together (optional)"),
                        options: [("", context.t("None: our own topic"))] + model.courses.map { ($0.slug, $0.title) },
                        selected: d.course ?? "")),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("Members (2 to 12 colleagues)")),
                    .unwrap(e["members"]) { .p(.class("field-error"), .text($0)) },
                    .if(model.candidates.isEmpty, .p(.text(context.t("Nobody else in this school can be invited yet.")))),
                    .div(
                        .class("choices observers"),
                        .forEach(model.candidates) { person in
                            .label(
                                .input(
                                    .type(.checkbox), .name("members[]"), .value(person.id.uuidString),
                                    .attribute(named: "checked", value: d.members.contains(person.id) ? "checked" : nil)),
                                .text(person.name + (person.school == model.selectedSchool?.name || person.school.isEmpty ? "" : " (" + person.school + ")")))
                        })),
                .if(
                    !study,
                    Components.selectField(
                        id: "supervisor", label: context.t("Supervisor (for supervision only)"),
                        options: [(model.userID.uuidString, model.userName)] + model.candidates.map { ($0.id.uuidString, $0.name) },
                        selected: d.supervisor?.uuidString, error: e["supervisor"])),
                Components.submit(study ? context.t("Start the study group") : context.t("Start the group"))
            )
        )
    }
}
