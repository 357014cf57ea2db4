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
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(for user: User, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
                .filter { Policy.allows(principal, .startObservation, $0.policyResource) }
            let memberships = try await Membership.query(on: req.db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$role != .leader).with(\.$user).all()
            return Model(schools: schools, colleagues: memberships.filter { $0.$user.id != principal.userID }
                .map { Colleague(id: $0.$user.id, schoolID: $0.$school.id, name: $0.user.fullName) }.sorted { $0.name < $1.name })
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
                          }),
                Components.submit(context.t("Start the cycle"))
            )
        )
    }
}
