import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// The programmes a person runs or takes part in, and the form to start one.
enum MentoringListPage {
    struct Scope {
        var id: UUID
        var name: String
        var isNetwork: Bool
        var value: String { (isNetwork ? "network:" : "school:") + id.uuidString }
    }

    struct Draft {
        var name = "", goal = "", startsOn = "", endsOn = "", scope = ""
    }

    struct Model {
        var running: [MentoringProgramme]
        var member: [(MentoringProgramme, ProgrammeMember.Role)]
        var scopes: [Scope]
        var draft = Draft()
        var errors: [String: String] = [:]

        static func load(for user: User, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let schools = try await School.query(on: req.db).filter(\.$id ~~ Array(principal.schoolRoles.keys)).sort(\.$name).all()
                .filter { Policy.allows(principal, .createProgramme, $0.policyResource) }
            let networks = try await Network.query(on: req.db).filter(\.$id ~~ Array(principal.coordinatedNetworks)).sort(\.$name).all()
            var scopes = schools.compactMap { s in s.id.map { Scope(id: $0, name: s.name, isNetwork: false) } }
            scopes += networks.compactMap { n in n.id.map { Scope(id: $0, name: n.name, isNetwork: true) } }
            let service = MentoringService(db: req.db)
            let all = try await service.candidates(for: principal)
            var running: [MentoringProgramme] = []
            for programme in all where Policy.allows(principal, .manageProgramme, try await service.resource(programme)) {
                running.append(programme)
            }
            let memberships = try await ProgrammeMember.query(on: req.db).filter(\.$user.$id == principal.userID).with(\.$programme).all()
            return Model(running: running, member: memberships.map { ($0.programme, $0.role) }, scopes: scopes)
        }
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let d = model.draft, e = model.errors
        return Layout.page(
            context, title: context.t("Mentoring"),
            .h1(.text(context.t("Mentoring"))),
            .p(.class("lead"), .text(context.t("Mentoring programmes pair experienced colleagues with those who want support, for a school year or a term."))),
            .p(.a(.href(SiteURL.handbookChapter(.value("mentoring")).path), .text(context.t("How mentoring works (handbook)")))),
            .if(!model.member.isEmpty, .section(
                .h2(.text(context.t("Programmes I take part in"))),
                .ul(.id("my-programmes"), .class("card-list"), .forEach(model.member) { item in
                    .li(.a(.href(SiteURL.programme(.value(item.0.id ?? UUID())).path), .text(item.0.name)),
                        .p(.class("meta"), .text(item.1 == .mentor ? context.t("as a mentor") : context.t("as a mentee"))))
                })
            )),
            .if(!model.running.isEmpty, .section(
                .h2(.text(context.t("Programmes I run"))),
                .ul(.id("running-programmes"), .class("card-list"), .forEach(model.running) { programme in
                    .li(.a(.href(SiteURL.programme(.value(programme.id ?? UUID())).path), .text(programme.name)),
                        .p(.class("meta"), .text(programme.startsOn + " – " + programme.endsOn)))
                })
            )),
            .if(model.member.isEmpty && model.running.isEmpty, .p(.text(context.t("You are not in any mentoring programme yet.")))),
            .if(!model.scopes.isEmpty, .section(
                .h2(.text(context.t("Start a programme"))),
                Components.errorSummary(context, Array(e.values).sorted()),
                .form(
                    .id("programme-form"), .class("stack"), .method(.post), .action(SiteURL.mentoring.path),
                    Components.csrfField(context),
                    Components.selectField(id: "scope", label: context.t("For"), options: model.scopes.map { ($0.value, $0.name) },
                                           selected: d.scope, error: e["scope"]),
                    Components.field(.init(id: "name", label: context.t("Name"), value: d.name, error: e["name"])),
                    Components.textArea(id: "goal", label: context.t("Goal"), hint: context.t("What should the pairs achieve by the end?"),
                                              value: d.goal, rows: 3, error: e["goal"], language: nil),
                    Components.field(.init(id: "starts_on", label: context.t("Starts on"), type: .date, value: d.startsOn, error: e["starts_on"])),
                    Components.field(.init(id: "ends_on", label: context.t("Ends on"), type: .date, value: d.endsOn)),
                    Components.submit(context.t("Create the programme"))
                )
            ))
        )
    }
}

/// A programme: for those who run it, members, weights, proposals and quiet pairs; for a
/// member, their profile and their pair.
enum ProgrammePage {
    struct MemberRow {
        var userID: UUID
        var name: String
        var role: ProgrammeMember.Role
        var profileDone: Bool
        var capacity: Int
    }

    struct PairRow {
        var id: UUID
        var mentor: String
        var mentee: String
        var menteeID: UUID
        var status: ProgrammePair.Status
        var total: Double
        var criteria: [(MentoringMatch.Criterion, Double)]
        var mentorAccepted: Bool
        var menteeAccepted: Bool
        var mentorID: UUID
        var engagementID: UUID?
    }

    struct Model {
        var programme: MentoringProgramme
        var isManager: Bool
        var members: [MemberRow]
        var candidates: [(id: UUID, name: String)]
        var pairs: [PairRow]
        var quiet: [PairRow]
        var me: UUID
        var inviteError: String?
        var weightsError: String?
        var pairError: String?
        var feedback = FeedbackSummary()

        static func load(_ programme: MentoringProgramme, req: Request) async throws -> Model {
            guard let principal = try await req.principal() else { throw Abort(.unauthorized) }
            let service = MentoringService(db: req.db)
            let isManager = Policy.allows(principal, .manageProgramme, try await service.resource(programme))
            let id = try programme.requireID()
            let members = try await ProgrammeMember.query(on: req.db).filter(\.$programme.$id == id).with(\.$user).all()
            let pairs = try await ProgrammePair.query(on: req.db).filter(\.$programme.$id == id).with(\.$mentor).with(\.$mentee).all()
            func row(_ p: ProgrammePair) throws -> PairRow {
                PairRow(id: try p.requireID(), mentor: p.mentor.fullName, mentee: p.mentee.fullName, menteeID: p.$mentee.id, status: p.status,
                        total: p.total, criteria: p.criterionScores, mentorAccepted: p.mentorAccepted, menteeAccepted: p.menteeAccepted,
                        mentorID: p.$mentor.id, engagementID: p.$engagement.id)
            }
            var candidates: [(UUID, String)] = []
            if isManager {
                let schools = try await service.schools(of: programme).compactMap(\.id)
                let memberIDs = Set(members.map { $0.$user.id })
                candidates = try await Membership.query(on: req.db).filter(\.$school.$id ~~ schools).with(\.$user).all()
                    .filter { !memberIDs.contains($0.$user.id) }.map { ($0.$user.id, $0.user.fullName) }
                candidates = Dictionary(candidates, uniquingKeysWith: { a, _ in a }).map { ($0.key, $0.value) }.sorted { $0.1 < $1.1 }
            }
            let visiblePairs = try pairs.filter { isManager || $0.$mentor.id == principal.userID || $0.$mentee.id == principal.userID }
                .filter { isManager || $0.status != .proposed && $0.status != .excluded }.map(row).sorted { $0.mentee < $1.mentee }
            var model = Model(
                programme: programme, isManager: isManager,
                members: members.map { MemberRow(userID: $0.$user.id, name: $0.user.fullName, role: $0.role, profileDone: $0.profileDone, capacity: $0.capacity) }
                    .sorted { ($0.role.rawValue, $0.name) < ($1.role.rawValue, $1.name) },
                candidates: candidates, pairs: visiblePairs,
                quiet: isManager ? try await service.quietPairs(programme, now: req.now).map(row) : [], me: principal.userID)
            if isManager { model.feedback = try await FeedbackSummary.load(programmeID: id, on: req.db) }
            return model
        }
    }

    static func criterionName(_ c: MentoringMatch.Criterion, _ context: PageContext) -> String {
        switch c {
        case .subject: context.t("Subject")
        case .level: context.t("Level")
        case .experienceGap: context.t("Experience gap")
        case .goals: context.t("Goals")
        case .availability: context.t("Availability")
        case .school: context.t("School")
        }
    }

    static func statusName(_ s: ProgrammePair.Status, _ context: PageContext) -> String {
        switch s {
        case .proposed: context.t("Proposed")
        case .published: context.t("Waiting for answers")
        case .accepted: context.t("Accepted")
        case .declined: context.t("Declined")
        case .excluded: context.t("Ruled out")
        }
    }

    static func message(_ failure: MentoringService.Failure, _ context: PageContext) -> String {
        switch failure {
        case .forbiddenPair(.lineManager): context.t("A mentor cannot be the mentee's line manager.")
        case .forbiddenPair(.noCommonLanguage): context.t("These two have no language in common.")
        case .forbiddenPair: context.t("This pair has been ruled out or declined.")
        case .mentorFull: context.t("This mentor has no free place.")
        case .notAMember: context.t("Both must be members of the programme, one as mentor, one as mentee.")
        }
    }

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
                    .p(.a(.id("profile-link"), .href(SiteURL.programmeProfile(.value(id)).path),
                          .text(me.profileDone ? context.t("Update my profile") : context.t("Fill in my profile")))),
                    .ul(.id("my-pairs"), .class("card-list"), .forEach(model.pairs.filter { $0.mentorID == model.me || $0.menteeID == model.me }) { pair in
                        let mine = pair.mentorID == model.me ? pair.mentorAccepted : pair.menteeAccepted
                        return .li(
                            .p(.strong(.text(pair.mentorID == model.me ? context.t("Your mentee: {name}", ["name": pair.mentee])
                                                                       : context.t("Your mentor: {name}", ["name": pair.mentor])))),
                            .p(.class("meta"), .text(statusName(pair.status, context))),
                            .if(pair.status == .published && !mine, .div(.class("row-actions"),
                                .form(.class("inline-form"), .method(.post), .action(SiteURL.programmePairAnswer(.value(id), .value(pair.id)).path),
                                      Components.csrfField(context), .input(.type(.hidden), .name("accept"), .value("1")),
                                      .button(.type(.submit), .class("button-primary accept-pair"), .text(context.t("Accept")))),
                                .form(.class("inline-form"), .method(.post), .action(SiteURL.programmePairAnswer(.value(id), .value(pair.id)).path),
                                      Components.csrfField(context), .input(.type(.hidden), .name("accept"), .value("0")),
                                      .button(.type(.submit), .class("button-secondary"), .text(context.t("Decline")))))),
                            .unwrap(pair.engagementID) { .p(.a(.class("pair-link"), .href(SiteURL.engagement(.value($0)).path), .text(context.t("Our meetings and notes")))) }
                        )
                    })
                )
            },
            .if(model.isManager, .group(
                .section(
                    .h2(.text(context.t("Members"))),
                    .table(.id("members"), .class("data-table"),
                           .thead(.tr(.th(.text(context.t("Name"))), .th(.text(context.t("Role"))), .th(.text(context.t("Profile"))))),
                           .tbody(.forEach(model.members) { m in
                               .tr(.td(.text(m.name)),
                                   .td(.text(m.role == .mentor ? context.t("Mentor") + " · " + context.localizer.tn("{count} mentee", "{count} mentees", count: m.capacity)
                                                               : context.t("Mentee"))),
                                   .td(.text(m.profileDone ? context.t("Filled in") : context.t("Not yet"))))
                           })),
                    .unwrap(model.inviteError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .form(.id("invite-member-form"), .class("stack"), .method(.post), .action(SiteURL.programmeMembers(.value(id)).path),
                          Components.csrfField(context),
                          Components.selectField(id: "person", label: context.t("Invite a colleague"), options: model.candidates.map { ($0.id.uuidString, $0.name) }, selected: nil),
                          Components.selectField(id: "role", label: context.t("As"), options: [("mentee", context.t("Mentee")), ("mentor", context.t("Mentor"))], selected: "mentee"),
                          .button(.type(.submit), .class("button-secondary"), .text(context.t("Invite"))))
                ),
                .section(
                    .h2(.text(context.t("Pairs"))),
                    .div(.class("row-actions"),
                         .form(.id("propose-form"), .class("inline-form"), .method(.post), .action(SiteURL.programmePropose(.value(id)).path),
                               Components.csrfField(context), .button(.type(.submit), .class("button-primary"), .text(context.t("Propose the best pairs")))),
                         .if(model.pairs.contains { $0.status == .proposed },
                             .form(.id("publish-form"), .class("inline-form"), .method(.post), .action(SiteURL.programmePublish(.value(id)).path),
                                   Components.csrfField(context), .button(.type(.submit), .class("button-secondary"), .text(context.t("Publish the proposed pairs")))))),
                    .p(.class("hint"), .text(context.t("The matching finds the best set for the whole programme: never a mentee's line manager, always a language in common, never beyond a mentor's places. Accepted pairs are kept when you propose again."))),
                    .unwrap(model.pairError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .div(.class("table-scroll"), .table(
                        .id("pairs"), .class("data-table"),
                        .thead(.tr(.th(.text(context.t("Mentee"))), .th(.text(context.t("Mentor"))), .th(.text(context.t("Score"))),
                                   .th(.text(context.t("Why"))), .th(.text(context.t("Status"))), .th(.text(context.t("Action"))))),
                        .tbody(.forEach(model.pairs) { pair in
                            .tr(.td(.text(pair.mentee)), .td(.text(pair.mentor)),
                                .td(.text(context.localizer.number(Int((pair.total * 100).rounded())) + " / 100")),
                                .td(.text(pair.criteria.map { criterionName($0.0, context) + " " + String(Int(($0.1 * 100).rounded())) }.joined(separator: " · "))),
                                .td(.text(statusName(pair.status, context))),
                                .td(.if(pair.status == .proposed, .form(
                                    .class("inline-form"), .method(.post), .action(SiteURL.programmePairExclude(.value(id), .value(pair.id)).path),
                                    Components.csrfField(context), .button(.type(.submit), .class("button-link"), .text(context.t("Rule out"))))))
                            )
                        })
                    )),
                    .if(!mentors.isEmpty && model.members.contains { $0.role == .mentee }, .form(
                        .id("set-pair-form"), .class("stack"), .method(.post), .action(SiteURL.programmePairs(.value(id)).path),
                        Components.csrfField(context),
                        .h3(.text(context.t("Pair by hand"))),
                        Components.selectField(id: "mentee", label: context.t("Mentee"),
                                               options: model.members.filter { $0.role == .mentee }.map { ($0.userID.uuidString, $0.name) }, selected: nil),
                        Components.selectField(id: "mentor", label: context.t("Mentor"), options: mentors.map { ($0.userID.uuidString, $0.name) }, selected: nil),
                        .button(.type(.submit), .class("button-secondary"), .text(context.t("Set this pair")))
                    ))
                ),
                .if(!model.quiet.isEmpty, .section(
                    .h2(.text(context.t("Pairs gone quiet"))),
                    .p(.class("hint"), .text(context.localizer.tn("No note and no meeting for {count} day.", "No note and no meeting for {count} days.", count: p.quietDays))),
                    .ul(.id("quiet-pairs"), .class("card-list"), .forEach(model.quiet) { pair in
                        .li(.text(pair.mentor + " – " + pair.mentee),
                            .form(.class("inline-form"), .method(.post), .action(SiteURL.programmePairNudge(.value(id), .value(pair.id)).path),
                                  Components.csrfField(context), .button(.type(.submit), .class("button-secondary"), .text(context.t("Send a reminder")))))
                    })
                )),
                .section(
                    .id("feedback"),
                    .h2(.text(context.t("Feedback from ended pairs"))),
                    .if(model.feedback.people > 0,
                        .p(.id("feedback-progress"), .text(context.t("{given} of {people} people in ended pairs have given feedback.",
                                                                    ["given": context.localizer.number(model.feedback.given),
                                                                     "people": context.localizer.number(model.feedback.people)])))),
                    .p(.class("hint"), .text(context.t("The feedback is released in groups of at least 5 new answers and never changes afterwards, so nobody's answer can be worked out from how it moves. Comments appear in groups of at least 10. Your own answers, and those of people who joined the school after the programme began, are not counted."))),
                    .if(model.feedback.shown,
                        .p(.id("feedback-figures"), .text(context.t("{count} answers. Usefulness: {mean} out of 5. Would recommend it: {share} %.",
                                           ["count": context.localizer.number(model.feedback.count),
                                            "mean": String(format: "%.1f", model.feedback.meanUsefulness),
                                            "share": context.localizer.number(Int((model.feedback.recommendShare * 100).rounded()))]))),
                        else: .p(.id("feedback-figures"), .text(context.t("Nothing released yet.")))),
                    .if(!model.feedback.comments.isEmpty, .ul(.id("feedback-comments"), .forEach(model.feedback.comments) { .li(.text($0)) }))
                ),
                .section(
                    .h2(.text(context.t("What the matching weighs"))),
                    .unwrap(model.weightsError) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .form(.id("weights-form"), .class("stack"), .method(.post), .action(SiteURL.programmeWeights(.value(id)).path),
                          Components.csrfField(context),
                          .forEach(Array(MentoringMatch.Criterion.allCases.enumerated())) { index, criterion in
                              Components.field(.init(id: criterion.rawValue, label: criterionName(criterion, context) + " (0–5)", type: .number,
                                                     value: index < weights.count ? weights[index] : "1"))
                          },
                          Components.field(.init(id: "ideal_gap", label: context.t("Experience gap wished for, in years"), type: .number, value: String(p.idealGap))),
                          Components.selectField(id: "same_school", label: context.t("Pairs from"),
                                                 options: [("same", context.t("The same school")), ("different", context.t("Different schools"))],
                                                 selected: p.preferSameSchool ? "same" : "different"),
                          .button(.type(.submit), .class("button-secondary"), .text(context.t("Save the weights"))))
                )
            ))
        )
    }
}

/// A member's profile for the matching.
enum ProfilePage {
    static let goals = ["planning", "classroom", "assessment", "differentiation", "parents", "digital", "wellbeing", "career"]
    static let slots = ["mon-am", "mon-pm", "tue-am", "tue-pm", "wed-am", "wed-pm", "thu-am", "thu-pm", "fri-am", "fri-pm"]

    static func goalName(_ goal: String, _ context: PageContext) -> String {
        switch goal {
        case "planning": context.t("Planning lessons")
        case "classroom": context.t("Classroom management")
        case "assessment": context.t("Assessment and feedback")
        case "differentiation": context.t("Differentiation")
        case "parents": context.t("Working with parents")
        case "digital": context.t("Digital tools")
        case "wellbeing": context.t("Workload and time")
        default: context.t("Growing in my career")
        }
    }

    static func slotName(_ slot: String, _ context: PageContext) -> String {
        let day: String
        switch slot.prefix(3) {
        case "mon": day = context.t("Monday")
        case "tue": day = context.t("Tuesday")
        case "wed": day = context.t("Wednesday")
        case "thu": day = context.t("Thursday")
        default: day = context.t("Friday")
        }
        return day + " " + (slot.hasSuffix("am") ? context.t("morning") : context.t("afternoon"))
    }

    static func view(_ context: PageContext, programme: MentoringProgramme, member: ProgrammeMember, errors: [String: String]) -> HTML {
        let chosenGoals = ProgrammeMember.list(member.goals), chosenSlots = ProgrammeMember.list(member.availability)
        return Layout.page(
            context, title: context.t("My profile for {programme}", ["programme": programme.name]),
            .p(.class("breadcrumb"), .a(.href(SiteURL.programme(.value(programme.id ?? UUID())).path), .text(programme.name))),
            .h1(.text(context.t("My profile for {programme}", ["programme": programme.name]))),
            .p(.class("lead"), .text(context.t("The matching reads this to find you a good pair. Only the programme's leader sees it."))),
            Components.errorSummary(context, Array(errors.values).sorted()),
            .form(
                .id("profile-form"), .class("stack"), .method(.post), .action(SiteURL.programmeProfile(.value(programme.id ?? UUID())).path),
                Components.csrfField(context),
                Components.field(.init(id: "subjects", label: context.t("Subjects I teach"), value: member.subjects, required: false,
                                       hint: context.t("Separated by commas, e.g. mathematics, physics"), error: errors["subjects"])),
                Components.field(.init(id: "levels", label: context.t("School levels"), value: member.levels, required: false,
                                       hint: context.t("e.g. primary, lower secondary, upper secondary"), error: errors["levels"])),
                Components.field(.init(id: "years", label: context.t("Years of teaching"), type: .number, value: member.profileDone ? String(member.years) : "",
                                       error: errors["years"])),
                Components.field(.init(id: "languages", label: context.t("Languages I can work in"), value: member.languages,
                                       hint: context.t("Separated by commas, e.g. Latvian, English"), error: errors["languages"])),
                .fieldset(.class("question"), .element(named: "legend", text: member.role == .mentor ? context.t("What I can help with") : context.t("What I want to work on")),
                          .div(.class("choices"), .forEach(goals) { goal in
                              .label(.input(.type(.checkbox), .name("goals[]"), .value(goal), .attribute(named: "checked", value: chosenGoals.contains(goal) ? "checked" : nil)),
                                     .text(goalName(goal, context)))
                          })),
                Components.textArea(id: "goals_text", label: context.t("In my own words (optional)"), hint: nil, value: member.goalsText, rows: 2,
                                          error: errors["goals_text"], language: nil),
                .fieldset(.class("question"), .element(named: "legend", text: context.t("When I am usually free to meet")),
                          .div(.class("choices"), .forEach(slots) { slot in
                              .label(.input(.type(.checkbox), .name("availability[]"), .value(slot), .attribute(named: "checked", value: chosenSlots.contains(slot) ? "checked" : nil)),
                                     .text(slotName(slot, context)))
                          })),
                .if(member.role == .mentor, Components.field(.init(id: "capacity", label: context.t("How many mentees I can take"), type: .number,
                                                                   value: String(member.capacity), error: errors["capacity"]))),
                Components.submit(context.t("Save my profile"))
            )
        )
    }
}
