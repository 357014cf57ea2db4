import Domain
import Fluent
import Foundation
import Plot
import Vapor

extension ObservationProtocolsPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Your school's observation protocols"),
            .p(
                .class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support"))), .text(" › "),
                .a(.href(SiteURL.observationNew.path), .text(context.t("Start a peer observation")))),
            .h1(.text(context.t("Your school's observation protocols"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Besides the ready protocols, a school can write its own: for its development focus, or for what matters in one subject. A protocol says what to look for and write down; it never asks for a score."
                    ))),
            .if(model.protocols.isEmpty, .p(.text(context.t("Your school has not written a protocol yet.")))),
            .ul(
                .id("school-protocols"), .class("card-list"),
                .forEach(model.protocols) { p in
                    .li(
                        .h2(.text(p.name)),
                        .p(
                            .class("meta"),
                            .text(
                                (model.schools.count > 1 ? (model.schools.first { $0.id == p.$school.id }?.name ?? "") + " · " : "")
                                    + context.t("written by {name}", ["name": p.author?.fullName ?? context.t("a former colleague")]))),
                        .ul(.forEach(p.lookFors) { .li(.text($0)) }),
                        .if(
                            p.$author.id == model.userID,
                            // The page that asks first (`ConfirmPage`), not the retiring itself.
                            .a(
                                .class("button-link protocol-retire"), .href(SiteURL.observationProtocolRetire(.value(p.id ?? UUID())).path),
                                .text(context.t("Stop offering this protocol")))))
                }),
            .h2(.text(context.t("Write a protocol"))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("protocol-form"), .class("stack"), .method(.post), .action(SiteURL.observationProtocols.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(
                        id: "school", label: context.t("School"),
                        options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                Components.field(
                    .init(
                        id: "name", label: context.t("Name of the protocol"), value: d.name,
                        hint: context.t("For example: Talk in mathematics lessons."), error: e["name"])),
                Components.textArea(
                    id: "look_fors", label: context.t("What to look for and write down, one per line"),
                    hint: context.t(
                        "Describe what an observer can see or hear, for example \"Who explains a method to the class, and how\". No ratings, no scales."),
                    value: d.lookFors, rows: 6, error: e["look_fors"], language: nil),
                Components.submit(context.t("Offer this protocol to my school"))
            )
        )
    }
}
