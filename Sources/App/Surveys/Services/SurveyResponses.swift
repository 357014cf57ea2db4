import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Storing one survey response, the one rule behind both faces: the answering pages (the
/// respondent is whoever is signed in) and `POST /api/v1/surveys/{id}/responses` (the
/// token's owner imports answers collected elsewhere, so nothing of theirs is recorded).
struct SurveyResponses {
    var db: any Database
    var now: Date

    /// What is sent: the answers read and checked against the definition, the draft they
    /// were kept in, the submission's idempotency key and who answered (nil: nobody signed in,
    /// or an import through the API).
    struct Submission {
        var survey: Survey
        var definition: SurveyDefinition
        var draft: SurveyDraft
        var answers: SurveyAnswers
        var key: String
        var respondent: User?
    }

    /// What storing it came to.
    struct Stored {
        /// The stored response (the one stored first, when this was a copy); nil only when the
        /// respondent had answered before in another tab, under another key.
        var id: UUID?
        var submittedOn: String
        /// False when the answers are kept out of the figures (a newcomer's).
        var counted: Bool
        /// True when nothing new was saved: the same key was stored first by a copy sent at
        /// the same time (a double click, a retry), which a lookup before could not see yet
        /// (issue 15: the API told each such copy it had created the response).
        var replayed: Bool
    }

    /// Why a submission was not stored; each face words it.
    enum Problem: Error, Equatable {
        /// The single-use link the draft came through was spent by another submission.
        case linkAlreadyUsed
        /// The survey closed (and its figures were released) before the answers arrived.
        case closed
    }

    /// Stores the response once: the draft goes, "has answered" is recorded apart from the
    /// answers, and the survey's anonymity is fixed from its first response on.
    func submit(_ submission: Submission) async throws -> Stored {
        let survey = submission.survey, draft = submission.draft, respondent = submission.respondent, key = submission.key
        let answers = submission.answers
        let surveyID = try survey.requireID()
        var place: (school: UUID?, country: String, role: String) = (nil, "", "")
        var inFigures = true
        if let user = respondent {
            // Where the survey reached the person through their school: its school, country
            // and the person's role there, the groups a report is broken down by.
            let memberships = try await Membership.query(on: db).filter(\.$user.$id == user.requireID()).with(\.$school).all()
            let match = memberships.first { m in
                survey.$school.id.map { $0 == m.$school.id } ?? (survey.$network.id != nil && m.school.$network.id == survey.$network.id)
            }
            // Only someone who held that place before the survey was published is counted in
            // it: accounts made or re-roled afterwards could be the reader's own, filling a
            // small group to single a colleague out (issue 14, class 2).
            if let match {
                let published = try await SurveyPublication.date(of: survey, on: db)
                if Self.heldBefore(match, published: published) {
                    place = (match.$school.id, match.school.country, match.role.rawValue)
                } else {
                    inFigures = false
                }
            }
        }
        let found = place, counted = inFigures, today = CalendarDay(now).description
        // A response begun under the promise of anonymity never records who gave it.
        let identified = !survey.anonymous && draft.promisedAnonymous != true
        let token = draft.surveyTokenID
        do {
            let stored = try await db.writeTransaction { db -> SurveyResponse in
                // A single-use link is spent with the response, in the same transaction.
                if let token, let sql = db as? any SQLDatabase {
                    let spent = try await sql.update(SurveyToken.schema).set("used_on", to: today)
                        .where("id", .equal, token).where("used_on", .is, SQLLiteral.null).returning("id").all()
                    guard !spent.isEmpty else { throw Problem.linkAlreadyUsed }
                }
                let response = try SurveyResponse(
                    surveyID: surveyID, submittedOn: today, language: draft.language,
                    country: found.country, role: found.role, schoolID: found.school,
                    userID: identified ? respondent?.id : nil, answers: answers, idempotencyKey: key)
                response.inFigures = counted
                try await response.save(on: db)
                if let user = respondent { try await SurveyParticipation(surveyID: surveyID, userID: try user.requireID()).save(on: db) }
                try await draft.delete(on: db)
                // Still open for answers, checked where the release checks it: this UPDATE
                // waits for a release in progress (a row lock on PostgreSQL, the one writer on
                // SQLite) and finds it done, so no answer slips in after the figures were
                // released and then sits outside them unseen.
                if let sql = db as? any SQLDatabase {
                    let open = try await sql.update(Survey.schema).set("anonymity_fixed", to: true).where("id", .equal, surveyID)
                        .where("status", .equal, Survey.Status.open.rawValue).returning("id").all()
                    guard !open.isEmpty else { throw Problem.closed }
                }
                return response
            }
            return Stored(id: try stored.requireID(), submittedOn: stored.submittedOn, counted: counted, replayed: false)
        } catch {
            // The same submission twice (a double click, a retry): it is stored already. Or
            // the person answered meanwhile in another tab: their first answers count.
            guard (error as? any DatabaseError)?.isConstraintFailure == true else { throw error }
            let first = try await stored(key: key, of: survey)
            var answeredBefore = false
            if let user = respondent {
                answeredBefore =
                    try await SurveyParticipation.query(on: db).filter(\.$survey.$id == surveyID)
                    .filter(\.$user.$id == user.requireID()).count() > 0
            }
            guard first != nil || answeredBefore else { throw error }
            try? await draft.delete(on: db)
            return Stored(id: first?.id, submittedOn: first?.submittedOn ?? today, counted: counted, replayed: true)
        }
    }

    /// The response stored under a submission's idempotency key, if there is one: a
    /// submission sent again (a double click, a retry) finds the one stored first.
    func stored(key: String, of survey: Survey) async throws -> SurveyResponse? {
        try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).filter(\.$idempotencyKey == key).first()
    }

    /// Keeps the answers read so far in the respondent's draft, with the furthest section
    /// reached (`section`, from 0; it never moves back) and the language they answer in.
    func keep(_ answers: SurveyAnswers, in draft: SurveyDraft, reached section: Int, language: String) async throws {
        draft.answers = answers
        draft.section = max(draft.section, section)
        draft.updatedOn = CalendarDay(now).description
        draft.language = language
        try await draft.save(on: db)
    }

    /// Whether a membership had its school and role before the survey was first published.
    static func heldBefore(_ membership: Membership, published: Date?) -> Bool {
        guard let published else { return true }
        if let since = membership.roleSince { return since <= published }
        return true
    }
}

extension Request {
    /// `SurveyResponses.submit` with its problems worded for the person (both faces word
    /// them alike: 409 for a spent link, 410 for a closed survey).
    func submitResponse(_ submission: SurveyResponses.Submission) async throws -> SurveyResponses.Stored {
        do {
            return try await SurveyResponses(db: db, now: now).submit(submission)
        } catch SurveyResponses.Problem.linkAlreadyUsed {
            throw Abort(.conflict, reason: t("This personal link has already been used."))
        } catch SurveyResponses.Problem.closed {
            throw Abort(.gone, reason: t("This survey has closed: it takes no more answers."))
        }
    }
}
