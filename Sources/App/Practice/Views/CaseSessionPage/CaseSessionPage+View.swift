import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension CaseSessionPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let here = SiteURL.caseSession(.value(model.engagementID), .value(model.sessionID)).path
        let left = context.t("Time left: {time}"), over = context.t("Over time by {time}")
        let clock = CaseTimer.clock(abs(model.secondsLeft))
        let groupTitle = PracticeNames.title(form: model.groupForm, topic: model.groupTopic, context)
        return Layout.page(
            context, title: model.title,
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support"))), .text(" › "),
                .a(.href(SiteURL.engagement(.value(model.engagementID)).path), .text(groupTitle))),
            .h1(.text(model.title)),
            .p(
                .class("meta"),
                .text(
                    context.t(
                        "Case owner: {owner} · Facilitator: {facilitator}",
                        [
                            "owner": model.owner ?? context.t("a former member"),
                            "facilitator": model.facilitator ?? context.t("a former member"),
                        ]))),
            .if(
                model.finished, .p(.id("session-finished"), .class("notice"), .text(context.t("This session is finished."))),
                else: .section(
                    .id("current-step"), .attribute(named: "aria-labelledby", value: "step-title"),
                    .h2(.id("step-title"), .text(CaseNames.step(model.step, context))),
                    .p(
                        .id("case-timer"), .class(model.secondsLeft < 0 ? "case-timer over" : "case-timer"), .attribute(named: "role", value: "timer"),
                        .attribute(named: "data-ends-at", value: String(Int(model.stepEndsAt.timeIntervalSince1970 * 1000))),
                        .attribute(named: "data-left", value: left), .attribute(named: "data-over", value: over),
                        .text((model.secondsLeft < 0 ? over : left).replacingOccurrences(of: "{time}", with: clock))),
                    .p(.text(CaseNames.guidance(model.step, context))),
                    model.mayRun
                        ? .form(
                            .id("next-step-form"), .class("row-actions"), .method(.post),
                            .action(SiteURL.caseSessionNext(.value(model.engagementID), .value(model.sessionID)).path),
                            Components.csrfField(context),
                            // The step this form moves on from: a second click, or a second
                            // tab, finds the session moved already and changes nothing.
                            .input(.type(.hidden), .name("from"), .value(String(model.step.rawValue))),
                            .unwrap(model.step.next) { next in
                                Components.field(
                                    .init(
                                        id: "minutes", label: context.t("Minutes for the next step"), type: .number,
                                        value: String(next.defaultMinutes), required: false))
                            },
                            .button(
                                .type(.submit), .class("button-primary"),
                                .text(
                                    model.step.next.map { context.t("Next step: {step}", ["step": CaseNames.step($0, context)]) }
                                        ?? context.t("Finish the session"))))
                        : .p(.a(.id("refresh-step"), .href(here), .text(context.t("See where the group is now"))))
                )),
            .ol(
                .id("case-steps"), .class("case-steps"), .attribute(named: "aria-label", value: context.t("Steps of the case consultation")),
                .forEach(CaseStep.allCases) { step in
                    let current = !model.finished && step == model.step
                    return .li(
                        .class(current ? "current" : (model.finished || step < model.step ? "done" : "")),
                        .if(current, .attribute(named: "aria-current", value: "step")),
                        .text(CaseNames.step(step, context) + " · " + context.localizer.tn("{count} minute", "{count} minutes", count: step.defaultMinutes)))
                }),
            .section(
                .attribute(named: "aria-labelledby", value: "entries-title"),
                .h2(.id("entries-title"), .text(context.t("Notes of the session"))),
                .if(model.entries.isEmpty, .p(.text(context.t("Nothing written yet.")))),
                .forEach(CaseStep.allCases.filter { step in model.entries.contains { $0.step == step } }) { step in
                    .group(
                        .h3(.text(CaseNames.step(step, context))),
                        .ul(
                            .class("card-list case-entries"),
                            .forEach(model.entries.filter { $0.step == step }) { entry in
                                .li(
                                    .class("note"),
                                    .p(.class("meta"), .text(entry.author + (entry.at.map { " · " + context.localizer.date($0, time: true) } ?? ""))),
                                    .p(.class("note-text"), .text(entry.text)))
                            }))
                }
            ),
            .if(
                !model.finished,
                .p(
                    .class("privacy-box"),
                    .text(context.t("What is said here stays in the group. Write without the names of pupils or colleagues: describe people by their role.")))),
            .if(
                !model.finished,
                .form(
                    .id("entry-form"), .class("stack"), .method(.post),
                    .action(SiteURL.caseSessionEntries(.value(model.engagementID), .value(model.sessionID)).path),
                    Components.csrfField(context),
                    Components.textArea(
                        id: "text", label: context.t("A note for this step ({step})", ["step": CaseNames.step(model.step, context)]),
                        hint: context.t("No names: \"a pupil in year 7\", \"a colleague in my department\"."),
                        value: model.draft, rows: 4, error: model.entryError, language: nil),
                    .if(
                        model.entryError != nil && !model.draft.isEmpty,
                        .label(
                            .input(.type(.checkbox), .name("no_names"), .value("1")),
                            .text(context.t("It names nobody: save it as it is")))),
                    Components.submit(context.t("Save the note for the group"))
                ))
        )
    }
}
