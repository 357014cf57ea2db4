import Domain
import Fluent
import Foundation
import Plot
import Vapor

enum CaseNames {
    static func step(_ step: CaseStep, _ req: Request) -> String { name(step) { req.t($0) } }
    static func step(_ step: CaseStep, _ context: PageContext) -> String { name(step) { context.t($0) } }

    private static func name(_ step: CaseStep, _ t: (String) -> String) -> String {
        switch step {
        case .opening: t("Opening")
        case .presentation: t("Case presentation")
        case .questions: t("Clarifying questions")
        case .keyQuestion: t("Key question")
        case .hypotheses: t("Hypotheses")
        case .advice: t("Advice")
        case .ownerReflection: t("The case owner's reflection")
        case .processReflection: t("Looking back on the session")
        }
    }

    /// What happens in the step, as the facilitator reads it out.
    static func guidance(_ step: CaseStep, _ context: PageContext) -> String {
        switch step {
        case .opening: context.t("A short round of how everyone is. The facilitator reminds the group that what is said stays here, and the case is chosen.")
        case .presentation: context.t("The case owner tells what happened, who is involved (by role, not by name), what they have already tried and why it matters now. Nobody interrupts.")
        case .questions: context.t("Open questions about facts only, to understand the situation. \"Have you tried…?\" is advice and waits for its own step.")
        case .keyQuestion: context.t("The case owner completes the sentence \"My question to the group is…\", about what they themselves can do.")
        case .hypotheses: context.t("Members offer possible readings, each beginning \"Perhaps…\", including how the pupil, the parents or the class might see it. The case owner listens and takes notes.")
        case .advice: context.t("Concrete suggestions, one or two sentences each: \"In your place I might…\". Variety, not agreement. The case owner still listens.")
        case .ownerReflection: context.t("The case owner says which readings struck them, which advice they will try and what their next step is. They need not answer every point.")
        case .processReflection: context.t("Did we keep the steps apart? How was it to bring the case? What does each of us take for our own work? Agree the next date and who facilitates.")
        }
    }
}

/// One case session: the protocol's steps, the current one with its timer, what members
/// wrote in each step, and the facilitator's button to move on.
enum CaseSessionPage {
    struct Entry {
        var step: CaseStep
        var author: String
        var text: String
        var at: Date?
    }

    struct Model {
        var engagementID: UUID
        var sessionID: UUID
        var groupTitle: String
        var title: String
        var step: CaseStep
        var stepEndsAt: Date
        var secondsLeft: Int
        var finished: Bool
        var facilitator: String
        var owner: String
        var mayRun: Bool
        var entries: [Entry]
        var entryError: String?
        var draft = ""

        static func load(_ session: CaseSession, engagement: Engagement, participants: [EngagementParticipant], req: Request) async throws -> Model {
            let principal = try await req.principal()
            let names = Dictionary(participants.map { ($0.$user.id, $0.user.fullName) }, uniquingKeysWith: { a, _ in a })
            let access = Policy.GroupAccess.of(engagement, participants) ?? .init(confidential: true, agreed: [], leads: [])
            let sessionID = try session.requireID()
            let entries = try await CaseEntry.query(on: req.db).filter(\.$session.$id == sessionID).with(\.$author).sort(\.$createdAt).all()
                .filter { Policy.allows(principal, .readNote, .engagementNote(participants: Set(names.keys), authorID: $0.$author.id,
                                                                               shared: true, group: access)) }
            let context = req.pageContext()
            return Model(
                engagementID: try engagement.requireID(), sessionID: sessionID,
                groupTitle: PracticeNames.title(form: engagement.form, topic: engagement.topic, context), title: session.title,
                step: session.step, stepEndsAt: session.stepStartedAt.addingTimeInterval(TimeInterval(session.stepMinutes * 60)),
                secondsLeft: CaseTimer.secondsLeft(stepStartedAt: session.stepStartedAt, minutes: session.stepMinutes, now: req.now),
                finished: session.finishedAt != nil,
                facilitator: session.$facilitator.id.flatMap { names[$0] } ?? context.t("a former member"),
                owner: session.$caseOwner.id.flatMap { names[$0] } ?? context.t("a former member"),
                mayRun: Policy.allows(principal, .runCaseSession, .caseSession(facilitatorID: session.$facilitator.id, group: access)),
                entries: entries.map { Entry(step: $0.step, author: $0.author.fullName, text: $0.text, at: $0.createdAt) })
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let here = SiteURL.caseSession(.value(model.engagementID), .value(model.sessionID)).path
        let left = context.t("Time left: {time}"), over = context.t("Over time by {time}")
        let clock = CaseTimer.clock(abs(model.secondsLeft))
        return Layout.page(
            context, title: model.title,
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support"))), .text(" › "),
               .a(.href(SiteURL.engagement(.value(model.engagementID)).path), .text(model.groupTitle))),
            .h1(.text(model.title)),
            .p(.class("meta"), .text(context.t("Case owner: {owner} · Facilitator: {facilitator}",
                                               ["owner": model.owner, "facilitator": model.facilitator]))),
            .if(model.finished, .p(.id("session-finished"), .class("notice"), .text(context.t("This session is finished."))),
                else: .section(
                    .id("current-step"), .attribute(named: "aria-labelledby", value: "step-title"),
                    .h2(.id("step-title"), .text(CaseNames.step(model.step, context))),
                    .p(.id("case-timer"), .class(model.secondsLeft < 0 ? "case-timer over" : "case-timer"), .attribute(named: "role", value: "timer"),
                       .attribute(named: "data-ends-at", value: String(Int(model.stepEndsAt.timeIntervalSince1970 * 1000))),
                       .attribute(named: "data-left", value: left), .attribute(named: "data-over", value: over),
                       .text((model.secondsLeft < 0 ? over : left).replacingOccurrences(of: "{time}", with: clock))),
                    .p(.text(CaseNames.guidance(model.step, context))),
                    model.mayRun
                        ? .form(.id("next-step-form"), .class("row-actions"), .method(.post),
                                .action(SiteURL.caseSessionNext(.value(model.engagementID), .value(model.sessionID)).path),
                                Components.csrfField(context),
                                .unwrap(model.step.next) { next in
                                    Components.field(.init(id: "minutes", label: context.t("Minutes for the next step"), type: .number,
                                                           value: String(next.defaultMinutes), required: false))
                                },
                                .button(.type(.submit), .class("button-primary"),
                                        .text(model.step.next.map { context.t("Next step: {step}", ["step": CaseNames.step($0, context)]) }
                                              ?? context.t("Finish the session"))))
                        : .p(.a(.id("refresh-step"), .href(here), .text(context.t("See where the group is now"))))
                )),
            .ol(.id("case-steps"), .class("case-steps"), .attribute(named: "aria-label", value: context.t("Steps of the case consultation")), .forEach(CaseStep.allCases) { step in
                let current = !model.finished && step == model.step
                return .li(.class(current ? "current" : (model.finished || step < model.step ? "done" : "")),
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
                        .ul(.class("card-list case-entries"), .forEach(model.entries.filter { $0.step == step }) { entry in
                            .li(.class("note"), .p(.class("meta"), .text(entry.author + (entry.at.map { " · " + context.localizer.date($0, time: true) } ?? ""))),
                                .p(.class("note-text"), .text(entry.text)))
                        }))
                }
            ),
            .if(!model.finished, .p(.class("privacy-box"), .text(context.t("What is said here stays in the group. Write without the names of pupils or colleagues: describe people by their role.")))),
            .if(!model.finished, .form(
                .id("entry-form"), .class("stack"), .method(.post),
                .action(SiteURL.caseSessionEntries(.value(model.engagementID), .value(model.sessionID)).path),
                Components.csrfField(context),
                Components.textArea(id: "text", label: context.t("A note for this step ({step})", ["step": CaseNames.step(model.step, context)]),
                                    hint: context.t("No names: \"a pupil in year 7\", \"a colleague in my department\"."),
                                    value: model.draft, rows: 4, error: model.entryError, language: nil),
                .if(model.entryError != nil && !model.draft.isEmpty, .label(
                    .input(.type(.checkbox), .name("no_names"), .value("1")),
                    .text(context.t("It names nobody: save it as it is")))),
                Components.submit(context.t("Save the note for the group"))
            ))
        )
    }
}
