import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension CoachingSection {
    static func view(_ context: PageContext, _ model: Model, error: String?) -> Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "coaching-title"),
            .h2(.id("coaching-title"), .text(context.t("Coaching"))),
            .if(
                model.mayRequest,
                .p(.a(.id("coaching-link"), .class("button-secondary"), .href(SiteURL.coachingRequestNew.path), .text(context.t("Ask for coaching"))))),
            .if(
                !model.mine.isEmpty,
                .ul(
                    .id("my-coaching-requests"), .class("card-list"),
                    .forEach(model.mine) { item in
                        .li(
                            .p(.text(item.topic)),
                            .p(
                                .class("meta"),
                                .text(
                                    item.coach.map { context.t("Waiting for {name} to answer", ["name": $0]) }
                                        ?? context.t("Waiting for a coach with a free place"))),
                            // The page that asks first (`ConfirmPage`).
                            .a(
                                .class("button-secondary coaching-withdraw"), .href(SiteURL.coachingWithdraw(.value(item.id)).path),
                                .text(context.t("Withdraw"))))
                    })),
            .if(
                !model.forMe.isEmpty,
                .group(
                    .h3(.text(context.t("Requests for you as a coach"))),
                    .ul(
                        .id("coaching-requests-for-me"), .class("card-list"),
                        .forEach(model.forMe) { request in
                            .li(
                                .p(
                                    .strong(.text(request.requester)),
                                    .text(request.addressedToMe ? " · " + context.t("asks you") : " · " + context.t("asks any coach"))),
                                .p(.class("question-text"), .text(request.topic)),
                                .unwrap(request.suggestedBy) { .p(.class("meta"), .text(context.t("Suggested to you by {name}", ["name": $0]))) },
                                .div(
                                    .class("row-actions"),
                                    .form(
                                        .class("inline-form"), .method(.post), .action(SiteURL.coachingAccept(.value(request.id)).path),
                                        Components.csrfField(context), .button(.type(.submit), .class("button-primary"), .text(context.t("Accept")))),
                                    .form(
                                        .class("inline-form"), .method(.post), .action(SiteURL.coachingPass(.value(request.id)).path),
                                        Components.csrfField(context),
                                        .label(.for("pass-\(request.id.uuidString)"), .text(context.t("Pass to"))),
                                        .select(
                                            .id("pass-\(request.id.uuidString)"), .attribute(named: "name", value: "coach"),
                                            Components.option("anyone", context.t("Any coach"), selected: true),
                                            .forEach(model.colleagues[model.requestSchool[request.id] ?? UUID()] ?? []) {
                                                Components.option($0.id.uuidString, $0.name, selected: false)
                                            }),
                                        .button(.type(.submit), .class("button-secondary"), .text(context.t("Pass on"))))))
                        })
                )),
            .unwrap(error) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .forEach(model.offers) { offer in
                .form(
                    .class("stack coaching-offer"), .method(.post), .action(SiteURL.coachingOffer.path),
                    Components.csrfField(context),
                    .input(.type(.hidden), .name("school"), .value(offer.schoolID.uuidString)),
                    .h3(.text(context.t("I coach colleagues in {school}", ["school": offer.schoolName]))),
                    .div(
                        .class("field"),
                        .label(.for("topics-\(offer.schoolID.uuidString)"), .text(context.t("What I can coach on"))),
                        .p(
                            .id("topics-hint-\(offer.schoolID.uuidString)"), .class("hint"),
                            .text(context.t("For example: new teachers' first year, classroom routines, stress and workload."))),
                        .input(
                            .type(.text), .id("topics-\(offer.schoolID.uuidString)"), .name("topics"), .value(offer.topics),
                            .attribute(named: "aria-describedby", value: "topics-hint-\(offer.schoolID.uuidString)"))),
                    .div(
                        .class("field"),
                        .label(.for("capacity-\(offer.schoolID.uuidString)"), .text(context.t("Colleagues at a time"))),
                        .if(offer.active, .p(.class("hint"), .text(context.t("{count} free now", ["count": String(offer.freePlaces)])))),
                        .input(
                            .type(.number), .id("capacity-\(offer.schoolID.uuidString)"), .name("capacity"), .value(String(offer.capacity)),
                            .attribute(named: "min", value: "1"), .attribute(named: "max", value: "10"))),
                    .div(
                        .class("field checkbox-field"),
                        .input(
                            .type(.checkbox), .id("active-\(offer.schoolID.uuidString)"), .name("active"), .value("1"),
                            .attribute(named: "checked", value: offer.active ? "checked" : nil)),
                        .label(.for("active-\(offer.schoolID.uuidString)"), .text(context.t("I take new coachees")))),
                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Save my coaching offer")))
                )
            }
        )
    }
}
