import Domain
import Fluent
import Vapor

/// A person's own check-ins: answer, see the result and where to find support, keep or
/// delete their history, download it.
struct CheckInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.wellbeing.pathComponents, use: show)
        routes.post(SiteURL.wellbeing.pathComponents, use: submit)
        routes.get(SiteURL.wellbeingSupport.pathComponents, use: support)
        routes.get(SiteURL.wellbeingExport.pathComponents, use: export)
        routes.get(SiteURL.wellbeingHistoryDelete.pathComponents, use: confirmDeleteHistory)
        routes.post(SiteURL.wellbeingHistoryDelete.pathComponents, use: deleteHistory)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return req.render(CheckInPage.view(req.pageContext(), try await CheckInPage.Model.load(for: user, now: req.now, on: req.db)))
    }

    func submit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let service = CheckInService(db: req.db)
        var model = try await CheckInPage.Model.load(for: user, now: req.now, on: req.db)
        let form = try CheckInForm(req.content)
        model.answers = form.answers
        model.note = form.note
        model.keepHistory = form.keepHistory
        guard let membership = model.memberships.first(where: { $0.school.id == form.schoolID }) ?? model.memberships.first else {
            throw Abort(.forbidden)
        }
        model.selectedSchool = membership.school.id
        let missing = form.missingItems
        guard missing.isEmpty, let scores = CheckInScores.score(form.answers), form.note.count <= 2000 else {
            model.missing = Set(missing)
            model.errors =
                missing.isEmpty
                ? [req.t("The note is too long: keep it under 2,000 characters.")]
                : [
                    req.localizer.tn(
                        "Please answer the {count} question that is still open.", "Please answer the {count} questions that are still open.",
                        count: missing.count)
                ]
            return req.render(CheckInPage.view(req.pageContext(), model), status: .unprocessableEntity)
        }
        // Whoever may read this school's figures knows their own answer: it must not help
        // fill the minimum group that protects everyone else's (issue 14, class 2).
        let byReader = Policy.allows(try await req.principal(), .viewWellbeingFigures, membership.school.policyResource)
        let outcome = try await service.record(
            scores, for: user, in: membership, at: req.now, byReader: byReader,
            keepHistory: form.keepHistory, note: form.note)
        if outcome == .alreadyCheckedIn {
            return req.redirect(to: .wellbeing, notice: req.t("You have already checked in for this period. Thank you!"))
        }
        let result = CheckInResultPage.Model(
            scores: scores, kept: form.keepHistory, inFigures: outcome == .recorded,
            support: try await SupportPage.Model.load(for: user, collation: Collation(req.localizer.language), on: req.db))
        return req.render(CheckInResultPage.view(req.pageContext(), result), status: .created)
    }

    func support(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return req.render(
            SupportPage.view(req.pageContext(), try await SupportPage.Model.load(for: user, collation: Collation(req.localizer.language), on: req.db)))
    }

    /// The person's own history, as a file (GDPR art. 20).
    func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let entries = try await CheckInService(db: req.db).history(of: user)
            .map { WellbeingAPI.Entry(period: $0.period, wellbeing: $0.wellbeing, burnout: $0.burnout, note: $0.note) }
        let response = try await entries.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"my-check-ins.json\"")
        return response
    }

    /// Asks first, saying what goes and what stays (`ConfirmPage`).
    func confirmDeleteHistory(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let kept = try await WellbeingPersonalEntry.query(on: req.db).filter(\.$user.$id == user.requireID()).count()
        guard kept > 0 else { return req.redirect(to: .wellbeing, notice: req.t("You keep no history of your check-ins: there is nothing to delete.")) }
        return req.confirm(
            req.t("Delete your well-being history?"),
            consequences: [
                req.localizer.tn(
                    "The {count} check-in kept in your own history is deleted, with its scores and its note.",
                    "The {count} check-ins kept in your own history are deleted, with their scores and notes.", count: kept),
                req.t("Your school's figures do not change: they hold your answers without your name, as they always did."),
                req.t("This cannot be undone. Download your check-ins first if you want a copy."),
            ],
            action: .wellbeingHistoryDelete, confirmLabel: req.t("Delete my history"), back: .wellbeing)
    }

    func deleteHistory(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await WellbeingPersonalEntry.query(on: req.db).filter(\.$user.$id == user.requireID()).delete()
        return req.redirect(
            to: .wellbeing, notice: req.t("Your own history is deleted. Your school's figures keep your answers without your name, as they always did."))
    }
}

/// The check-in form as sent: one answer per item, the school, the note, the choice to keep a copy.
struct CheckInForm {
    var answers: [String: Int] = [:]
    var schoolID: UUID?
    var note: String
    var keepHistory: Bool

    static let items = Instrument.who5.items + Instrument.cbiWork.items

    init(_ content: any ContentContainer) throws {
        for item in Self.items {
            if let raw = try? content.get(String.self, at: item.key), let value = Int(raw), item.scale.values.contains(value) {
                answers[item.key] = value
            }
        }
        schoolID = (try? content.get(String.self, at: "school")).flatMap(UUID.init(uuidString:))
        note = ((try? content.get(String.self, at: "note")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        keepHistory = ((try? content.get(String.self, at: "keep_history")) ?? "") == "yes"
    }

    var missingItems: [String] { Self.items.map(\.key).filter { answers[$0] == nil } }
}
