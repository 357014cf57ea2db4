import Domain
import Fluent
import Foundation
import Plot
import Vapor

enum ObservationNames {
    static func name(_ p: ObservationProtocol, _ context: PageContext) -> String {
        switch p {
        case .questioning: context.t("Questioning")
        case .engagement: context.t("Pupil engagement")
        case .feedback: context.t("Feedback")
        case .differentiation: context.t("Differentiation")
        }
    }

    /// The protocol's look-fors in the reader's language.
    static func lookFors(_ p: ObservationProtocol, _ context: PageContext) -> [String] {
        p.lookFors.map { context.t($0) }
    }

    /// A cycle's protocol: a ready one in the reader's language, or the school's own as
    /// its authors wrote it. `schoolProtocol` must be loaded.
    static func describe(_ cycle: ObservationCycle, _ context: PageContext) -> (name: String, lookFors: [String]) {
        if let ready = cycle.readyProtocol { return (name(ready, context), lookFors(ready, context)) }
        guard let own = cycle.schoolProtocol else { return (context.t("A protocol the school no longer keeps"), []) }
        return (own.name, own.lookFors)
    }
}

/// Starting a peer observation cycle.
enum ObservationPage {
    struct Colleague {
        var id: UUID
        var schoolID: UUID
        var name: String
    }

    struct Draft {
        var school = ""
        var observers: Set<UUID> = []
        var focus = ""
        var `protocol` = ""
    }

    struct Model {
        var schools: [School]
        var colleagues: [Colleague]
        /// The schools' own protocols still offered.
        var schoolProtocols: [SchoolProtocol] = []
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(for user: User, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
                .filter { Policy.allows(principal, .startObservation, $0.policyResource) }
            let memberships = try await Membership.query(on: req.db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$role != .leader).with(\.$user).all()
            var model = Model(schools: schools, colleagues: memberships.filter { $0.$user.id != principal.userID }
                .map { Colleague(id: $0.$user.id, schoolID: $0.$school.id, name: $0.user.fullName) }.sorted { $0.name < $1.name })
            model.schoolProtocols = try await SchoolProtocol.query(on: req.db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$retiredAt == nil).sort(\.$name).all()
            return model
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Start a peer observation"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(context.t("Start a peer observation"))),
            .p(.class("lead"), .text(context.t("You choose what you want to learn about your own teaching; a colleague observes with that focus and writes down what happens, never a grade. You talk before and after, then you write what you will try next."))),
            .p(.a(.href(SiteURL.handbookChapter(.value("peer-observation")).path), .text(context.t("How peer observation works (handbook)")))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("observation-form"), .class("stack"), .method(.post), .action(SiteURL.observationNew.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(id: "school", label: context.t("School"),
                                             options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                .fieldset(.class("question"), .element(named: "legend", text: context.t("Who observes (one, or two for a triad)")),
                          .unwrap(e["observers"]) { .p(.class("field-error"), .text($0)) },
                          .div(.class("choices observers"), .forEach(model.colleagues) { colleague in
                              .label(.input(.type(.checkbox), .name("observers[]"), .value(colleague.id.uuidString),
                                            .attribute(named: "checked", value: d.observers.contains(colleague.id) ? "checked" : nil)),
                                     .text(colleague.name))
                          })),
                Components.textArea(id: "focus", label: context.t("My focus: what I want to learn about my teaching"),
                                          hint: context.t("For example: which pupils answer my questions, and which never do?"),
                                          value: d.focus, rows: 3, error: e["focus"], language: nil),
                .fieldset(.class("question"), .element(named: "legend", text: context.t("Protocol")),
                          .unwrap(e["protocol"]) { .p(.class("field-error"), .text($0)) },
                          .forEach(ObservationProtocol.allCases) { p in
                              .div(.class("protocol-choice"),
                                   .label(.input(.type(.radio), .name("protocol"), .value(p.rawValue),
                                                 .attribute(named: "checked", value: d.protocol == p.rawValue ? "checked" : nil)),
                                          .strong(.text(ObservationNames.name(p, context)))),
                                   .ul(.class("hint"), .forEach(ObservationNames.lookFors(p, context)) { .li(.text($0)) }))
                          },
                          .forEach(model.schoolProtocols) { p in
                              let value = "school:" + (p.id?.uuidString ?? "")
                              let school = model.schools.count > 1 ? model.schools.first { $0.id == p.$school.id }?.name : nil
                              return .div(.class("protocol-choice"),
                                          .label(.input(.type(.radio), .name("protocol"), .value(value),
                                                        .attribute(named: "checked", value: d.protocol == value ? "checked" : nil)),
                                                 .strong(.text(p.name)),
                                                 .text(" (" + (school.map { context.t("written by {school}", ["school": $0]) } ?? context.t("written by your school")) + ")")),
                                          .ul(.class("hint"), .forEach(p.lookFors) { .li(.text($0)) }))
                          },
                          .p(.a(.id("school-protocols-link"), .href(SiteURL.observationProtocols.path),
                                .text(context.t("Your school's own protocols: see them or write one"))))),
                Components.submit(context.t("Start the cycle"))
            )
        )
    }
}


/// A school's own observation protocols: those offered, who wrote them, and a form to write one.
enum ObservationProtocolsPage {
    struct Draft {
        var school = ""
        var name = ""
        var lookFors = ""
    }

    struct Model {
        var schools: [School]
        var protocols: [SchoolProtocol]
        var userID: UUID
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(for user: User, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
                .filter { Policy.allows(principal, .addObservationProtocol, $0.policyResource) }
            let protocols = try await SchoolProtocol.query(on: req.db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$retiredAt == nil).with(\.$author).sort(\.$name).all()
            return Model(schools: schools, protocols: protocols, userID: principal.userID)
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Your school's observation protocols"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support"))), .text(" › "),
               .a(.href(SiteURL.observationNew.path), .text(context.t("Start a peer observation")))),
            .h1(.text(context.t("Your school's observation protocols"))),
            .p(.class("lead"), .text(context.t("Besides the ready protocols, a school can write its own: for its development focus, or for what matters in one subject. A protocol says what to look for and write down; it never asks for a score."))),
            .if(model.protocols.isEmpty, .p(.text(context.t("Your school has not written a protocol yet.")))),
            .ul(.id("school-protocols"), .class("card-list"), .forEach(model.protocols) { p in
                .li(.h2(.text(p.name)),
                    .p(.class("meta"), .text((model.schools.count > 1 ? (model.schools.first { $0.id == p.$school.id }?.name ?? "") + " · " : "")
                                             + context.t("written by {name}", ["name": p.author?.fullName ?? context.t("a former colleague")]))),
                    .ul(.forEach(p.lookFors) { .li(.text($0)) }),
                    .if(p.$author.id == model.userID, .form(
                        .class("inline-form"), .method(.post), .action(SiteURL.observationProtocolRetire(.value(p.id ?? UUID())).path),
                        Components.csrfField(context),
                        .button(.type(.submit), .class("button-link"), .text(context.t("Stop offering this protocol"))))))
            }),
            .h2(.text(context.t("Write a protocol"))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("protocol-form"), .class("stack"), .method(.post), .action(SiteURL.observationProtocols.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(id: "school", label: context.t("School"),
                                             options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                Components.field(.init(id: "name", label: context.t("Name of the protocol"), value: d.name,
                                       hint: context.t("For example: Talk in mathematics lessons."), error: e["name"])),
                Components.textArea(id: "look_fors", label: context.t("What to look for and write down, one per line"),
                                    hint: context.t("Describe what an observer can see or hear, for example \"Who explains a method to the class, and how\". No ratings, no scales."),
                                    value: d.lookFors, rows: 6, error: e["look_fors"], language: nil),
                Components.submit(context.t("Offer this protocol to my school"))
            )
        )
    }
}
