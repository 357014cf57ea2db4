import Domain
import Foundation
import Plot

/// One conversation: who takes part, its meetings, the notes each may read, a note to add,
/// closing. Its data is loaded beside it (`EngagementPage+Model.swift`).
extension EngagementPage {
    static func feedbackForm(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .section(
            .class("privacy-box"), .attribute(named: "aria-labelledby", value: "feedback-title"),
            .h2(.id("feedback-title"), .text(context.t("Short feedback for the programme"))),
            .p(.text(context.t("Kept without your name or your pair's; the programme's leader sees it only once at least five people have answered."))),
            .unwrap(model.feedbackError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(
                .id("feedback-form"), .class("stack"), .method(.post), .action(SiteURL.engagementFeedback(.value(model.id)).path),
                Components.csrfField(context),
                usefulnessQuestion(context),
                recommendQuestion(context),
                Components.textArea(
                    id: "improve", label: context.t("One thing the programme could do better (optional)"), hint: nil,
                    value: "", rows: 2, error: nil, language: nil),
                Components.submit(context.t("Send my feedback"))
            )
        )
    }

    static func usefulnessQuestion(_ context: PageContext) -> Node<HTML.FormContext> {
        let labels: [Node<HTML.FormContext>] = (1...5).map { value in
            let hint = value == 1 ? " " + context.t("(not at all)") : (value == 5 ? " " + context.t("(very)") : "")
            return .label(.input(.type(.radio), .name("usefulness"), .value(String(value))), .text(String(value) + hint))
        }
        return .fieldset(
            .class("question"), .element(named: "legend", text: context.t("How useful was the mentoring for you?")),
            .div(.class("choices"), .group(labels)))
    }

    static func recommendQuestion(_ context: PageContext) -> Node<HTML.FormContext> {
        .fieldset(
            .class("question"), .element(named: "legend", text: context.t("Would you recommend it to a colleague?")),
            .div(
                .class("choices"),
                .label(.input(.type(.radio), .name("recommend"), .value("yes")), .text(context.t("Yes"))),
                .label(.input(.type(.radio), .name("recommend"), .value("no")), .text(context.t("No")))))
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let topic = PracticeNames.title(form: model.form, topic: model.topic, context)
        return Layout.page(
            context, title: topic,
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(topic)),
            // A group lists its members in its own section.
            .p(
                .class("meta"),
                .text(
                    ([
                        model.group == nil
                            ? model.participants.map { p in p.name + " (" + PracticeNames.role(p.role, context) + ")" }
                                .joined(separator: ", ") : ""
                    ]
                        + [model.status == .closed ? context.t("Closed") : "", model.status == .paused ? context.t("Paused") : ""])
                        .filter { !$0.isEmpty }.joined(separator: " · "))),
            .p(
                .class("hint"),
                .text(
                    model.group == nil
                        ? context.t(
                            "Shared notes are read by the two of you; a private note by you alone. Nobody else, not a leader, not an administrator, can read them."
                        )
                        : context.t(
                            "Shared notes are read by the group's members; a private note by you alone. Nobody else, not a leader, not an administrator, can read them."
                        ))),
            .unwrap(model.group) { GroupSection.view(context, model, $0) },
            // In a classroom, on a phone: straight to the note form past the protocol and meetings.
            .if(
                model.form == .observation && model.status != .closed,
                .p(.a(.id("jump-to-note"), .class("button-secondary"), .href("#note-form"), .text(context.t("Write a timed note"))))),
            .unwrap(model.observation) { cycle in
                .section(
                    .id("observation-protocol"), .class("privacy-box"),
                    .h2(.text(context.t("Focus and protocol"))),
                    .p(.strong(.text(context.t("Focus:") + " ")), .text(cycle.focus)),
                    .p(.strong(.text(context.t("Protocol:") + " ")), .text(cycle.protocolName)),
                    .ul(.forEach(cycle.lookFors) { .li(.text($0)) }),
                    .p(
                        .class("hint"),
                        .text(
                            context.t(
                                "Steps: a pre-observation talk, the lesson, a post-observation talk (plan each as a meeting), then the observed teacher's written reflection when closing. Write what you see and hear, with the time; never a grade."
                            )))
                )
            },
            .if(model.asksFeedback, feedbackForm(context, model)),
            meetingsSection(context, model),
            .if(model.group?.readsNothing != true, notesSection(context, model))
        )
    }

    static func notesSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let together = model.group == nil ? context.t("Both of us") : context.t("The whole group")
        let closeLabel = model.group == nil ? context.t("Close the conversation") : context.t("Close the group")
        let reflectionLabel =
            model.form == .studyGroup
            ? context.t("Your closing reflection: what have you changed in your teaching, measured against the group's plan?")
            : context.t("Your closing reflection: what has changed, what you take with you?")
        return .group(
            .h2(.text(context.t("Notes"))),
            .ol(
                .id("notes"), .class("card-list"),
                .forEach(model.notes) { note in
                    .li(
                        .class(note.shared ? "note" : "note note-private"),
                        .if(note.isReflection, .p(.strong(.text(context.t("Closing reflection"))))),
                        .p(
                            .class("meta"),
                            .text(
                                note.author + (note.createdAt.map { " · " + context.localizer.date($0, time: true) } ?? "")
                                    + " · " + (note.shared ? context.t("shared") : context.t("private, for you alone")))),
                        .p(.class("note-text"), .text(note.text)))
                }),
            .if(
                model.status != .closed,
                .group(
                    .form(
                        .id("note-form"), .class("stack"), .method(.post), .action(SiteURL.engagementNotes(.value(model.id)).path),
                        Components.csrfField(context),
                        .unwrap(model.noteError) { .p(.id("text-error"), .class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                        .if(
                            model.form == .coaching,
                            .fieldset(
                                .class("question grow"),
                                .element(named: "legend", text: context.t("A coaching session (GROW), all optional")),
                                Components.textArea(
                                    id: "grow_goal", label: context.t("Goal: what do you want from this?"), hint: nil, value: "", rows: 2, error: nil,
                                    language: nil),
                                Components.textArea(
                                    id: "grow_reality", label: context.t("Reality: what is happening now?"), hint: nil, value: "", rows: 2, error: nil,
                                    language: nil),
                                Components.textArea(
                                    id: "grow_options", label: context.t("Options: what could you do?"), hint: nil, value: "", rows: 2, error: nil,
                                    language: nil),
                                Components.textArea(
                                    id: "grow_way", label: context.t("Way forward: what will you do, and by when?"), hint: nil, value: "", rows: 2, error: nil,
                                    language: nil)
                            )),
                        .if(
                            model.form == .observation,
                            Components.field(
                                .init(
                                    id: "at", label: context.t("Time in the lesson (optional)"), type: .time,
                                    required: false, hint: context.t("Your note is marked with this time.")))),
                        Components.textArea(
                            id: "text", label: context.t("Add a note"), hint: nil, value: model.draft, rows: 4,
                            error: model.noteError, language: nil),
                        Components.selectField(
                            id: "visibility", label: context.t("Who may read it"),
                            options: [("shared", together), ("private", context.t("Only me"))], selected: "shared"),
                        Components.submit(context.t("Add the note"))
                    ),
                    .form(
                        .id("pause-form"), .class("inline-form"), .method(.post), .action(SiteURL.engagementPause(.value(model.id)).path),
                        Components.csrfField(context),
                        .button(
                            .type(.submit), .class("button-link"),
                            .text(model.status == .paused ? context.t("Take it up again") : context.t("Pause for now")))),
                    .details(
                        .summary(.text(closeLabel)),
                        .form(
                            .id("close-form"), .class("stack"), .method(.post), .action(SiteURL.engagementClose(.value(model.id)).path),
                            Components.csrfField(context),
                            .unwrap(model.group?.plan) { GroupSection.planList(context, $0) },
                            Components.textArea(
                                id: "closing", label: reflectionLabel, hint: context.t("Optional."),
                                value: "", rows: 3, error: nil, language: nil, name: "text"),
                            .input(.type(.hidden), .name("visibility"), .value("shared")),
                            // Opening this fold is the asking (issue 18, point 3): it says
                            // what ends before the button that ends it.
                            .p(
                                .id("close-consequences"), .class("hint"),
                                .text(
                                    context.t(
                                        "Closing ends it for everyone in it and cannot be undone: no new notes or meetings. The notes stay here, and each of you can still add a closing reflection."
                                    ))),
                            .button(.type(.submit), .class("button-secondary"), .text(closeLabel)))
                    )
                ),
                else: .if(
                    !model.notes.contains { $0.mine && $0.isReflection },
                    .form(
                        .id("reflection-form"), .class("stack"), .method(.post), .action(SiteURL.engagementNotes(.value(model.id)).path),
                        Components.csrfField(context),
                        .input(.type(.hidden), .name("reflection"), .value("1")),
                        .unwrap(model.group?.plan) { GroupSection.planList(context, $0) },
                        Components.textArea(id: "text", label: reflectionLabel, hint: nil, value: "", rows: 4, error: model.noteError, language: nil),
                        Components.selectField(
                            id: "visibility", label: context.t("Who may read it"),
                            options: [("shared", together), ("private", context.t("Only me"))], selected: "shared"),
                        Components.submit(context.t("Save my reflection"))
                    )))
        )
    }
}
