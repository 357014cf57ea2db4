import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// Asking for coaching: the school, a coach (with what they coach on and whether they have
/// a free place) or anyone suitable, and what one wants to work on.
enum CoachingRequestPage {
    struct Coach {
        var userID: UUID
        var schoolID: UUID
        var name: String
        var topics: String
        var freePlaces: Int
    }

    struct Draft {
        var school: String
        var coach: String
        var topic: String
    }

    struct Model {
        var schools: [School]
        var coaches: [Coach]
        var draft = Draft(school: "", coach: "anyone", topic: "")
        var errors: [String: String] = [:]

        static func load(for user: User, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
                .filter { Policy.allows(principal, .requestCoaching, $0.policyResource) }
            let coaching = Coaching(db: req.db)
            var coaches: [Coach] = []
            for offer in try await coaching.offers(in: schools.compactMap(\.id)) where offer.$user.id != principal.userID {
                coaches.append(Coach(userID: offer.$user.id, schoolID: offer.$school.id, name: offer.user.fullName, topics: offer.topics,
                                     freePlaces: try await coaching.freePlaces(coachID: offer.$user.id, schoolID: offer.$school.id)))
            }
            return Model(schools: schools, coaches: coaches.sorted { $0.name < $1.name })
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        let schoolNames = Dictionary(model.schools.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
        return Layout.page(
            context, title: context.t("Ask for coaching"),
            .p(.class("breadcrumb"), .a(.href(SiteURL.support.path), .text(context.t("My support")))),
            .h1(.text(context.t("Ask for coaching"))),
            .p(.class("lead"), .text(context.t("A coach helps you find your own way forward on something you want to change in your work, over a few sessions. What you say stays between you and the coach."))),
            .p(.a(.href(SiteURL.handbookChapter(.value("coaching")).path), .text(context.t("How coaching works (handbook)")))),
            Components.errorSummary(context, Array(e.values).sorted()),
            .form(
                .id("coaching-form"), .class("stack"), .method(.post), .action(SiteURL.coachingRequestNew.path),
                Components.csrfField(context),
                model.schools.count == 1
                    ? .input(.type(.hidden), .name("school"), .value(model.schools[0].id?.uuidString ?? ""))
                    : Components.selectField(id: "school", label: context.t("School"),
                                             options: model.schools.map { ($0.id?.uuidString ?? "", $0.name) }, selected: d.school, error: e["school"]),
                Components.selectField(
                    id: "coach", label: context.t("Coach"),
                    options: [("anyone", context.t("Anyone suitable with a free place"))] + model.coaches.map { coach in
                        (coach.userID.uuidString,
                         coach.name + " — " + coach.topics + (model.schools.count > 1 ? " (" + (schoolNames[coach.schoolID] ?? "") + ")" : "")
                            + (coach.freePlaces == 0 ? " · " + context.t("no free place now") : ""))
                    },
                    selected: d.coach, error: e["coach"]),
                Components.textArea(id: "topic", label: context.t("What would you like to work on?"),
                                          hint: context.t("A sentence or two is enough; you will set the goal together in the first session."),
                                          value: d.topic, rows: 4, error: e["topic"], language: nil),
                Components.submit(context.t("Ask for coaching"))
            )
        )
    }
}

/// The coaching part of "My support".
enum CoachingSection {
    struct Request {
        var id: UUID
        var requester: String
        var topic: String
        var suggestedBy: String?
        var addressedToMe: Bool
    }

    struct Offer {
        var schoolID: UUID
        var schoolName: String
        var topics: String
        var capacity: Int
        var active: Bool
        var freePlaces: Int
    }

    struct Model {
        var forMe: [Request] = []
        var mine: [(id: UUID, topic: String, coach: String?)] = []
        var offers: [Offer] = []
        /// Other coaches of each school, to pass a request to.
        var colleagues: [UUID: [(id: UUID, name: String)]] = [:]
        var requestSchool: [UUID: UUID] = [:]
        var mayRequest = false

        static func load(principal: Principal, schools: [School], req: Vapor.Request) async throws -> Model {
            let coaching = Coaching(db: req.db)
            let mySchools = try await coaching.coachingSchools(of: principal.userID)
            var model = Model()
            model.mayRequest = schools.contains { Policy.allows(principal, .requestCoaching, $0.policyResource) }
            let existing = try await CoachOffer.query(on: req.db).filter(\.$user.$id == principal.userID).all()
            for school in schools {
                guard let id = school.id, Policy.allows(principal, .offerCoaching, school.policyResource) else { continue }
                let offer = existing.first { $0.$school.id == id }
                model.offers.append(Offer(schoolID: id, schoolName: school.name, topics: offer?.topics ?? "", capacity: offer?.capacity ?? 2,
                                          active: offer?.active ?? false,
                                          freePlaces: try await coaching.freePlaces(coachID: principal.userID, schoolID: id)))
            }
            let waiting = try await CoachingRequest.query(on: req.db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$status == .waiting).with(\.$requester).with(\.$coach).sort(\.$createdAt).all()
            for request in waiting {
                let id = try request.requireID()
                if request.$requester.id == principal.userID {
                    model.mine.append((id, request.topic, request.coach?.fullName))
                } else if Policy.allows(principal, .respondToCoachingRequest, Coaching.resource(request, viewerCoachesIn: mySchools)) {
                    model.forMe.append(Request(id: id, requester: request.requester.fullName, topic: request.topic,
                                               suggestedBy: request.suggestedByName, addressedToMe: request.$coach.id == principal.userID))
                    model.requestSchool[id] = request.$school.id
                }
            }
            for offer in try await coaching.offers(in: Array(mySchools)) where offer.$user.id != principal.userID {
                model.colleagues[offer.$school.id, default: []].append((offer.$user.id, offer.user.fullName))
            }
            return model
        }
    }

    static func view(_ context: PageContext, _ model: Model, error: String?) -> Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "coaching-title"),
            .h2(.id("coaching-title"), .text(context.t("Coaching"))),
            .if(model.mayRequest, .p(.a(.id("coaching-link"), .class("button-secondary"), .href(SiteURL.coachingRequestNew.path), .text(context.t("Ask for coaching"))))),
            .if(!model.mine.isEmpty, .ul(.id("my-coaching-requests"), .class("card-list"), .forEach(model.mine) { item in
                .li(.p(.text(item.topic)),
                    .p(.class("meta"), .text(item.coach.map { context.t("Waiting for {name} to answer", ["name": $0]) } ?? context.t("Waiting for a coach with a free place"))),
                    .form(.class("inline-form"), .method(.post), .action(SiteURL.coachingWithdraw(.value(item.id)).path),
                          Components.csrfField(context), .button(.type(.submit), .class("button-secondary"), .text(context.t("Withdraw")))))
            })),
            .if(!model.forMe.isEmpty, .group(
                .h3(.text(context.t("Requests for you as a coach"))),
                .ul(.id("coaching-requests-for-me"), .class("card-list"), .forEach(model.forMe) { request in
                    .li(.p(.strong(.text(request.requester)), .text(request.addressedToMe ? " · " + context.t("asks you") : " · " + context.t("asks any coach"))),
                        .p(.class("question-text"), .text(request.topic)),
                        .unwrap(request.suggestedBy) { .p(.class("meta"), .text(context.t("Suggested to you by {name}", ["name": $0]))) },
                        .div(.class("row-actions"),
                             .form(.class("inline-form"), .method(.post), .action(SiteURL.coachingAccept(.value(request.id)).path),
                                   Components.csrfField(context), .button(.type(.submit), .class("button-primary"), .text(context.t("Accept")))),
                             .form(.class("inline-form"), .method(.post), .action(SiteURL.coachingPass(.value(request.id)).path),
                                   Components.csrfField(context),
                                   .label(.for("pass-\(request.id.uuidString)"), .text(context.t("Pass to"))),
                                   .select(.id("pass-\(request.id.uuidString)"), .attribute(named: "name", value: "coach"),
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
                    .div(.class("field"),
                         .label(.for("topics-\(offer.schoolID.uuidString)"), .text(context.t("What I can coach on"))),
                         .p(.id("topics-hint-\(offer.schoolID.uuidString)"), .class("hint"),
                            .text(context.t("For example: new teachers' first year, classroom routines, stress and workload."))),
                         .input(.type(.text), .id("topics-\(offer.schoolID.uuidString)"), .name("topics"), .value(offer.topics),
                                .attribute(named: "aria-describedby", value: "topics-hint-\(offer.schoolID.uuidString)"))),
                    .div(.class("field"),
                         .label(.for("capacity-\(offer.schoolID.uuidString)"), .text(context.t("Colleagues at a time"))),
                         .if(offer.active, .p(.class("hint"), .text(context.t("{count} free now", ["count": String(offer.freePlaces)])))),
                         .input(.type(.number), .id("capacity-\(offer.schoolID.uuidString)"), .name("capacity"), .value(String(offer.capacity)),
                                .attribute(named: "min", value: "1"), .attribute(named: "max", value: "10"))),
                    .div(.class("field checkbox-field"),
                         .input(.type(.checkbox), .id("active-\(offer.schoolID.uuidString)"), .name("active"), .value("1"),
                                .attribute(named: "checked", value: offer.active ? "checked" : nil)),
                         .label(.for("active-\(offer.schoolID.uuidString)"), .text(context.t("I take new coachees")))),
                    .button(.type(.submit), .class("button-secondary"), .text(context.t("Save my coaching offer")))
                )
            }
        )
    }
}
