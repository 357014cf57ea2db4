import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension GroupSection {
    static func planQuestions(_ context: PageContext) -> [(id: String, label: String)] {
        [
            ("plan_how", context.t("How will we take the course or topic together?")),
            ("plan_support", context.t("Who supports us, and how?")),
            ("plan_challenge", context.t("What challenge do we expect, and what will we do about it?")),
            ("plan_evidence", context.t("How will we know it worked: what will be different in our classrooms?")),
        ]
    }

    static func planList<C: HTML.BodyContext>(_ context: PageContext, _ plan: [String]) -> Node<C> {
        .element(
            named: "dl",
            nodes: [.attribute(named: "class", value: "plan")]
                + zip(planQuestions(context), plan).flatMap { q, answer in
                    [Node<C>.element(named: "dt", text: q.label), .element(named: "dd", text: answer)]
                })
    }

    static func agreementPoints(_ context: PageContext) -> [String] {
        [
            context.t(
                "What members say about their work, their pupils and their colleagues stays in the group. I do not repeat it outside, not even without names."),
            context.t("I describe pupils, parents and colleagues by their role, never by name, in the meetings and in what I write here."),
            context.t("What is written here is read only by the members who agreed to this: not by the school's leaders, not by an administrator."),
            context.t(
                "One exception: where a child may be at risk of harm, the law and the school's safeguarding procedure come first, and I tell the group so."),
            context.t("I may leave the group at any time; what I heard stays confidential after I leave."),
        ]
    }

    static func view(_ context: PageContext, _ page: EngagementPage.Model, _ model: Model) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("lead"), .text(model.purpose)),
            .if(
                model.mustAgree,
                .section(
                    .id("agreement"), .class("privacy-box"), .attribute(named: "aria-labelledby", value: "agreement-title"),
                    .h2(.id("agreement-title"), .text(context.t("Our confidentiality agreement"))),
                    .p(.text(context.t("Before you read or write anything in this group, agree to what every member has agreed to:"))),
                    .ul(.forEach(agreementPoints(context)) { .li(.text($0)) }),
                    .form(
                        .method(.post), .action(SiteURL.engagementAgree(.value(page.id)).path), Components.csrfField(context),
                        .button(.type(.submit), .class("button-primary"), .text(context.t("I agree"))))
                )),
            .section(
                .attribute(named: "aria-labelledby", value: "members-title"),
                .h2(.id("members-title"), .text(context.t("Members"))),
                .ul(
                    .id("members"),
                    .forEach(model.members) { member in
                        .li(
                            .text(
                                member.name + " (" + PracticeNames.role(member.role, context) + ")"
                                    + (model.form.isConfidentialGroup
                                        ? " · " + (member.agreed ? context.t("agreed to confidentiality") : context.t("not yet agreed")) : "")))
                    })
            ),
            .unwrap(model.course) { course in
                .section(
                    .id("group-course"), .attribute(named: "aria-labelledby", value: "group-course-title"),
                    .h2(.id("group-course-title"), .text(context.t("Our course"))),
                    .p(
                        .text(context.t("The group takes the course") + " "), .a(.href(SiteURL.course(.value(course.slug)).path), .text(course.title)),
                        .text(". " + context.t("Each member may show the group how far they have got; answers and reflections stay each person's own."))),
                    .ul(
                        .id("group-course-progress"),
                        .forEach(model.courseProgress) { row in
                            .li(
                                .text(
                                    row.name + ": "
                                        + (row.completed
                                            ? context.t("Completed")
                                            : row.percent.map { context.t("{percent}% done", ["percent": String($0)]) } ?? context.t("not shown"))))
                        }),
                    .unwrap(model.viewerShares) { shares in
                        .form(
                            .id("progress-sharing-form"), .method(.post), .action(SiteURL.courseProgressSharing(.value(course.slug)).path),
                            Components.csrfField(context),
                            .input(.type(.hidden), .name("shared"), .value(shares ? "no" : "yes")),
                            .input(.type(.hidden), .name("return_to"), .value(context.currentPath)),
                            .button(
                                .type(.submit), .class("button-secondary"),
                                .text(shares ? context.t("Stop showing my progress") : context.t("Show my progress to the group"))))
                    })
            },
            .if(model.form == .studyGroup, planSection(context, page, model)),
            .if(model.form.isConfidentialGroup && !model.mustAgree, sessionsSection(context, page, model))
        )
    }

    static func planSection(_ context: PageContext, _ page: EngagementPage.Model, _ model: Model) -> Node<HTML.BodyContext> {
        let draft = model.planDraft ?? model.plan ?? ["", "", "", ""]
        return .section(
            .id("action-plan"), .attribute(named: "aria-labelledby", value: "plan-title"),
            .h2(.id("plan-title"), .text(context.t("Our action plan"))),
            .unwrap(model.plan) { planList(context, $0) },
            .if(model.plan == nil, .p(.text(context.t("Write the plan together at your first meeting: it is what you will look back on at the end.")))),
            .if(
                page.status != .closed,
                .details(
                    .if(model.plan == nil || !model.planErrors.isEmpty, .attribute(named: "open", value: "open")),
                    .summary(.text(model.plan == nil ? context.t("Write the action plan") : context.t("Change the action plan"))),
                    Components.errorSummary(context, Array(Set(model.planErrors.values)).sorted()),
                    .form(
                        .id("plan-form"), .class("stack"), .method(.post), .action(SiteURL.engagementPlan(.value(page.id)).path),
                        Components.csrfField(context),
                        .forEach(Array(zip(planQuestions(context), draft))) { question, value in
                            Components.textArea(
                                id: question.id, label: question.label, hint: nil, value: value, rows: 2,
                                error: model.planErrors[question.id], language: nil)
                        },
                        Components.submit(context.t("Save the plan"))
                    )
                ))
        )
    }

    static func sessionsSection(_ context: PageContext, _ page: EngagementPage.Model, _ model: Model) -> Node<HTML.BodyContext> {
        let d = model.sessionDraft, e = model.sessionErrors
        let candidates = model.members.filter(\.agreed)
        return .section(
            .id("case-sessions"), .attribute(named: "aria-labelledby", value: "sessions-title"),
            .h2(.id("sessions-title"), .text(context.t("Case sessions"))),
            .p(
                .class("hint"),
                .text(
                    context.t(
                        "Each session follows the timed case consultation: opening, presentation, clarifying questions, key question, hypotheses, advice, the case owner's reflection, and a look back. About an hour in all."
                    ))),
            .if(model.sessions.isEmpty, .p(.text(context.t("No case consulted yet.")))),
            .ul(
                .class("card-list"),
                .forEach(model.sessions) { session in
                    .li(
                        .a(.href(SiteURL.caseSession(.value(page.id), .value(session.id)).path), .text(session.title)),
                        .p(
                            .class("meta"),
                            .text(
                                (session.createdAt.map { context.localizer.date($0) + " · " } ?? "")
                                    + (session.finished ? context.t("finished") : context.t("now: {step}", ["step": CaseNames.step(session.step, context)])))))
                }),
            .if(
                model.mayLead && page.status == .active,
                .details(
                    .if(!e.isEmpty, .attribute(named: "open", value: "open")),
                    .summary(.text(context.t("Start a case session"))),
                    .unwrap(model.suggestedFacilitator) {
                        .p(.class("hint"), .text(context.t("Whose turn to facilitate: {name} facilitated least recently.", ["name": $0])))
                    },
                    Components.errorSummary(context, Array(e.values).sorted()),
                    .form(
                        .id("session-form"), .class("stack"), .method(.post), .action(SiteURL.caseSessions(.value(page.id)).path),
                        Components.csrfField(context),
                        Components.field(
                            .init(
                                id: "title", label: context.t("What the case is about, in a line and without names"),
                                value: d?.title ?? "", hint: context.t("For example: a pupil in year 8 who has stopped handing in work."),
                                error: e["title"])),
                        .if(
                            e["title"] != nil && !(d?.title ?? "").isEmpty,
                            .label(
                                .input(.type(.checkbox), .name("no_names"), .value("1")), .text(context.t("It names nobody: save it as it is")))),
                        Components.selectField(
                            id: "case_owner", label: context.t("Who brings the case"),
                            options: candidates.map { ($0.id.uuidString, $0.name) }, selected: d?.owner, error: e["case_owner"]),
                        .p(.class("hint"), .text(context.t("You facilitate this session: you move the group from step to step."))),
                        Components.submit(context.t("Start the session"))
                    )
                ))
        )
    }

    /// Under each meeting of a study group: who was there, and for its facilitator the form
    /// to record it.
    static func attendance(_ context: PageContext, _ page: EngagementPage.Model, _ model: Model, _ meeting: Meeting) -> Node<HTML.BodyContext> {
        guard model.form == .studyGroup, !meeting.cancelled, let meetingID = meeting.id else { return .empty }
        let present = model.attendance[meetingID]
        return .div(
            .class("attendance"),
            .unwrap(present) { people in
                .p(
                    .class("attendance-summary"),
                    .text(
                        context.t("Present: {present} of {total}", ["present": String(people.count), "total": String(model.members.count)])
                            + (people.isEmpty ? "" : " (" + model.members.filter { people.contains($0.id) }.map(\.name).joined(separator: ", ") + ")")))
            },
            .if(
                model.mayLead,
                .details(
                    .summary(.text(present == nil ? context.t("Record attendance") : context.t("Change attendance"))),
                    .form(
                        .class("attendance-form stack"), .method(.post), .action(SiteURL.meetingAttendance(.value(page.id), .value(meetingID)).path),
                        Components.csrfField(context),
                        .fieldset(
                            .class("question"), .element(named: "legend", text: context.t("Who was there")),
                            .div(
                                .class("choices"),
                                .forEach(model.members) { member in
                                    .label(
                                        .input(
                                            .type(.checkbox), .name("present[]"), .value(member.id.uuidString),
                                            .attribute(named: "checked", value: (present?.contains(member.id) ?? true) ? "checked" : nil)),
                                        .text(member.name))
                                })),
                        .button(.type(.submit), .class("button-secondary"), .text(context.t("Save attendance")))
                    )
                ))
        )
    }
}
