import Domain
import Foundation
import Plot

extension CohortListPage {
    static func view(_ context: PageContext, _ m: Model) -> HTML {
        let e = m.errors
        return Layout.page(
            context, title: context.t("Cohorts") + " · " + m.courseTitle,
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.courses.path), .text(context.t("Courses"))), .text(" › "),
                .a(.href(SiteURL.course(.value(m.slug)).path), .text(m.courseTitle))),
            .h1(.text(context.t("Cohorts"))),
            .p(
                .class("lead"),
                .text(context.t("A cohort takes the course together, with dates and a facilitator who follows its progress and reads what its members share."))),
            .if(m.cohorts.isEmpty, .p(.text(context.t("This course has no cohorts yet.")))),
            .if(
                !m.cohorts.isEmpty,
                .table(
                    .id("cohorts"), .class("data-table"),
                    .thead(
                        .tr(
                            .th(.text(context.t("Cohort"))), .th(.text(context.t("Dates"))), .th(.text(context.t("Facilitator"))),
                            .th(.text(context.t("Learners"))), .th(.text(context.t("Completed"))))),
                    .tbody(
                        .forEach(m.cohorts) { c in
                            .tr(
                                .td(.a(.href(SiteURL.cohort(.value(c.id)).path), .text(c.name))), .td(.text(c.dates)), .td(.text(c.facilitator)),
                                .td(.text(String(c.learners))), .td(.text(String(c.completed))))
                        }))),
            .p(.a(.href(SiteURL.courseStatements(.value(m.slug)).path), .text(context.t("Download the learning records (xAPI statements, JSON)")))),
            .h2(.text(context.t("Form a cohort"))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("cohort-form"), .class("stack"), .method(.post), .action(SiteURL.courseCohorts(.value(m.slug)).path),
                Components.csrfField(context),
                Components.field(
                    .init(
                        id: "name", label: context.t("Name"), value: m.form.name ?? "", hint: context.t("For example: Pilot group of counsellors, spring"),
                        error: e["name"])),
                Components.field(.init(id: "starts_on", label: context.t("First day"), type: .date, value: m.form.starts_on ?? "", error: e["starts_on"])),
                Components.field(.init(id: "ends_on", label: context.t("Last day"), type: .date, value: m.form.ends_on ?? "", error: e["ends_on"])),
                .if(
                    m.networks.count > 1,
                    Components.selectField(id: "network", label: context.t("Network"), options: m.networks, selected: m.form.network, error: e["network"])),
                Components.field(
                    .init(
                        id: "facilitator", label: context.t("Facilitator's e-mail address"), type: .email, value: m.form.facilitator ?? "",
                        required: false,
                        hint: context.t("They follow the cohort's progress: someone on the staff of the network's schools, or one of its coordinators."),
                        error: e["facilitator"])),
                Components.textArea(
                    id: "learners", label: context.t("Learners' e-mail addresses"),
                    hint: context.t(
                        "One per line. Staff of the network's schools are enrolled and told so; anyone else is invited and joins only by accepting."),
                    value: m.form.learners ?? "", rows: 6, error: e["learners"], language: nil),
                Components.submit(context.t("Form the cohort and enrol them"))
            )
        )
    }
}
