import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension ProgrammePage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let p = model.programme, id = p.id ?? UUID()
        let me = model.members.first { $0.userID == model.me }
        let mentors = model.members.filter { $0.role == .mentor }
        let weights = p.weights.split(separator: ",").map(String.init)
        return Layout.page(
            context, title: p.name,
            .p(.class("breadcrumb"), .a(.href(SiteURL.mentoring.path), .text(context.t("Mentoring")))),
            .h1(.text(p.name)),
            .p(.class("meta"), .text(p.startsOn + " – " + p.endsOn)),
            .if(!p.goal.isEmpty, .p(.class("lead"), .text(p.goal))),
            .unwrap(me) { me in
                .section(
                    .id("my-part"),
                    .h2(.text(context.t("My part"))),
                    .p(.text(me.role == .mentor ? context.t("You are a mentor in this programme.") : context.t("You are a mentee in this programme."))),
                    .p(
                        .a(
                            .id("profile-link"), .href(SiteURL.programmeProfile(.value(id)).path),
                            .text(me.profileDone ? context.t("Update my profile") : context.t("Fill in my profile")))),
                    .ul(
                        .id("my-pairs"), .class("card-list"),
                        .forEach(model.pairs.filter { $0.mentorID == model.me || $0.menteeID == model.me }) { pair in
                            let mine = pair.mentorID == model.me ? pair.mentorAccepted : pair.menteeAccepted
                            return .li(
                                .p(
                                    .strong(
                                        .text(
                                            pair.mentorID == model.me
                                                ? context.t("Your mentee: {name}", ["name": pair.mentee])
                                                : context.t("Your mentor: {name}", ["name": pair.mentor])))),
                                .p(.class("meta"), .text(statusName(pair.status, context))),
                                .if(
                                    pair.status == .published && !mine,
                                    .div(
                                        .class("row-actions"),
                                        .form(
                                            .class("inline-form"), .method(.post), .action(SiteURL.programmePairAnswer(.value(id), .value(pair.id)).path),
                                            Components.csrfField(context), .input(.type(.hidden), .name("accept"), .value("1")),
                                            .button(.type(.submit), .class("button-primary accept-pair"), .text(context.t("Accept")))),
                                        .form(
                                            .class("inline-form"), .method(.post), .action(SiteURL.programmePairAnswer(.value(id), .value(pair.id)).path),
                                            Components.csrfField(context), .input(.type(.hidden), .name("accept"), .value("0")),
                                            .button(.type(.submit), .class("button-secondary"), .text(context.t("Decline")))))),
                                .unwrap(pair.engagementID) {
                                    .p(.a(.class("pair-link"), .href(SiteURL.engagement(.value($0)).path), .text(context.t("Our meetings and notes"))))
                                }
                            )
                        })
                )
            },
            .if(
                model.isManager,
                .group(
                    .section(
                        .h2(.text(context.t("Members"))),
                        .table(
                            .id("members"), .class("data-table"),
                            .thead(.tr(.th(.text(context.t("Name"))), .th(.text(context.t("Role"))), .th(.text(context.t("Profile"))))),
                            .tbody(
                                .forEach(model.members) { m in
                                    .tr(
                                        .td(.text(m.name)),
                                        .td(
                                            .text(
                                                m.role == .mentor
                                                    ? context.t("Mentor") + " · " + context.localizer.tn("{count} mentee", "{count} mentees", count: m.capacity)
                                                    : context.t("Mentee"))),
                                        .td(.text(m.profileDone ? context.t("Filled in") : context.t("Not yet"))))
                                })),
                        .unwrap(model.inviteError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                        .form(
                            .id("invite-member-form"), .class("stack"), .method(.post), .action(SiteURL.programmeMembers(.value(id)).path),
                            Components.csrfField(context),
                            Components.selectField(
                                id: "person", label: context.t("Invite a colleague"), options: model.candidates.map { ($0.id.uuidString, $0.name) },
                                selected: nil),
                            Components.selectField(
                                id: "role", label: context.t("As"), options: [("mentee", context.t("Mentee")), ("mentor", context.t("Mentor"))],
                                selected: "mentee"),
                            .button(.type(.submit), .class("button-secondary"), .text(context.t("Invite"))))
                    ),
                    .section(
                        .h2(.text(context.t("Pairs"))),
                        .div(
                            .class("row-actions"),
                            .form(
                                .id("propose-form"), .class("inline-form"), .method(.post), .action(SiteURL.programmePropose(.value(id)).path),
                                Components.csrfField(context), .button(.type(.submit), .class("button-primary"), .text(context.t("Propose the best pairs")))),
                            .if(
                                model.pairs.contains { $0.status == .proposed },
                                .form(
                                    .id("publish-form"), .class("inline-form"), .method(.post), .action(SiteURL.programmePublish(.value(id)).path),
                                    Components.csrfField(context),
                                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Publish the proposed pairs")))))),
                        .p(
                            .class("hint"),
                            .text(
                                context.t(
                                    "The matching finds the best set for the whole programme: never a mentee's line manager, always a language in common, never beyond a mentor's places. Accepted pairs are kept when you propose again."
                                ))),
                        .unwrap(model.pairError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                        .div(
                            .class("table-scroll"),
                            .table(
                                .id("pairs"), .class("data-table"),
                                .thead(
                                    .tr(
                                        .th(.text(context.t("Mentee"))), .th(.text(context.t("Mentor"))), .th(.text(context.t("Score"))),
                                        .th(.text(context.t("Why"))), .th(.text(context.t("Status"))), .th(.text(context.t("Action"))))),
                                .tbody(
                                    .forEach(model.pairs) { pair in
                                        .tr(
                                            .td(.text(pair.mentee)), .td(.text(pair.mentor)),
                                            .td(.text(context.localizer.number(Int((pair.total * 100).rounded())) + " / 100")),
                                            .td(.class("pair-why"), why(pair.criteria, weights: p.matchWeights, context)),
                                            .td(.text(statusName(pair.status, context))),
                                            .td(
                                                .if(
                                                    pair.status == .proposed,
                                                    .form(
                                                        .class("inline-form"), .method(.post),
                                                        .action(SiteURL.programmePairExclude(.value(id), .value(pair.id)).path),
                                                        Components.csrfField(context),
                                                        .button(.type(.submit), .class("button-link"), .text(context.t("Rule out"))))))
                                        )
                                    })
                            )),
                        .if(
                            !mentors.isEmpty && model.members.contains { $0.role == .mentee },
                            .form(
                                .id("set-pair-form"), .class("stack"), .method(.post), .action(SiteURL.programmePairs(.value(id)).path),
                                Components.csrfField(context),
                                .h3(.text(context.t("Pair by hand"))),
                                Components.selectField(
                                    id: "mentee", label: context.t("Mentee"),
                                    options: model.members.filter { $0.role == .mentee }.map { ($0.userID.uuidString, $0.name) }, selected: nil),
                                Components.selectField(
                                    id: "mentor", label: context.t("Mentor"), options: mentors.map { ($0.userID.uuidString, $0.name) }, selected: nil),
                                .button(.type(.submit), .class("button-secondary"), .text(context.t("Set this pair")))
                            ))
                    ),
                    .if(
                        !model.quiet.isEmpty,
                        .section(
                            .h2(.text(context.t("Pairs gone quiet"))),
                            .p(
                                .class("hint"),
                                .text(
                                    context.localizer.tn(
                                        "No note and no meeting for {count} day.", "No note and no meeting for {count} days.", count: p.quietDays))),
                            .ul(
                                .id("quiet-pairs"), .class("card-list"),
                                .forEach(model.quiet) { pair in
                                    .li(
                                        .text(pair.mentor + " – " + pair.mentee),
                                        .form(
                                            .class("inline-form"), .method(.post), .action(SiteURL.programmePairNudge(.value(id), .value(pair.id)).path),
                                            Components.csrfField(context),
                                            .button(.type(.submit), .class("button-secondary"), .text(context.t("Send a reminder")))))
                                })
                        )),
                    .section(
                        .id("feedback"),
                        .h2(.text(context.t("Feedback from ended pairs"))),
                        .if(
                            model.feedback.people > 0,
                            .p(
                                .id("feedback-progress"),
                                .text(
                                    context.t(
                                        "{given} of {people} people in ended pairs have given feedback.",
                                        [
                                            "given": context.localizer.number(model.feedback.given),
                                            "people": context.localizer.number(model.feedback.people),
                                        ])))),
                        .p(
                            .class("hint"),
                            .text(
                                context.t(
                                    "The feedback is released in groups of at least 5 new answers and never changes afterwards, so nobody's answer can be worked out from how it moves. Comments appear in groups of at least 10. Your own answers, and those of people who joined the school after the programme began, are not counted."
                                ))),
                        .if(
                            model.feedback.shown,
                            .p(
                                .id("feedback-figures"),
                                .text(
                                    context.t(
                                        "{count} answers. Usefulness: {mean} out of 5. Would recommend it: {share} %.",
                                        [
                                            "count": context.localizer.number(model.feedback.count),
                                            "mean": String(format: "%.1f", model.feedback.meanUsefulness),
                                            "share": context.localizer.number(Int((model.feedback.recommendShare * 100).rounded())),
                                        ]))),
                            else: .p(.id("feedback-figures"), .text(context.t("Nothing released yet.")))),
                        .if(!model.feedback.comments.isEmpty, .ul(.id("feedback-comments"), .forEach(model.feedback.comments) { .li(.text($0)) }))
                    ),
                    .section(
                        .h2(.text(context.t("What the matching weighs"))),
                        .unwrap(model.weightsError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                        .form(
                            .id("weights-form"), .class("stack"), .method(.post), .action(SiteURL.programmeWeights(.value(id)).path),
                            Components.csrfField(context),
                            .forEach(Array(MentoringMatch.Criterion.allCases.enumerated())) { index, criterion in
                                Components.selectField(
                                    id: criterion.rawValue, label: criterionName(criterion, context),
                                    options: weightChoices(context), selected: index < weights.count ? weights[index] : "1")
                            },
                            Components.field(
                                .init(id: "ideal_gap", label: context.t("Experience gap wished for, in years"), type: .number, value: String(p.idealGap))),
                            Components.selectField(
                                id: "same_school", label: context.t("Pairs from"),
                                options: [("same", context.t("The same school")), ("different", context.t("Different schools"))],
                                selected: p.preferSameSchool ? "same" : "different"),
                            .button(.type(.submit), .class("button-secondary"), .text(context.t("Save the weights"))))
                    )
                ))
        )
    }
}
