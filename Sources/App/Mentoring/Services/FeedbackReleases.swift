import Domain
import Fluent
import Foundation

/// Mentoring feedback is released, not computed live (issue 14, class 1). Shown live next
/// to its running count, a programme manager could read it before and after one pair ended
/// and work out that person's answer. Instead:
/// - answers wait until at least `minimumGroup` new ones are in, then go out together as
///   one release whose sums are stored; the figures are the sum of the releases, so they
///   move only by whole batches and never change afterwards;
/// - comments go out only in batches of at least `commentGroup` released answers, so a
///   comment hides among ten people, not five;
/// - only answers that the manager cannot have supplied count: not the managers' own, not
///   those of people who joined the school (or took their role) after the programme was
///   created, and one per person per programme. Such answers are recorded as given (the
///   person is not asked again) but kept out of every figure.
enum FeedbackReleases {
    static let minimumGroup = PrivacyThresholds.figures
    static let commentGroup = PrivacyThresholds.freeText

    /// Whether `userID`'s feedback counts toward `programme`'s figures.
    static func counts(userID: UUID, isManager: Bool, programme: MentoringProgramme, on db: any Database) async throws -> Bool {
        guard !isManager else { return false }
        let programmeID = try programme.requireID()
        // One answer per person per programme: a mentor of two mentees is one respondent.
        let pairs = try await ProgrammePair.query(on: db).filter(\.$programme.$id == programmeID).all().compactMap { $0.$engagement.id }
        if !pairs.isEmpty,
            try await FeedbackGiven.query(on: db).filter(\.$user.$id == userID).filter(\.$engagement.$id ~~ pairs).count() > 0
        {
            return false
        }
        guard
            let schoolID = try await ProgrammeMember.query(on: db).filter(\.$programme.$id == programmeID)
                .filter(\.$user.$id == userID).first()?.$school.id,
            let membership = try await Membership.query(on: db).filter(\.$user.$id == userID).filter(\.$school.$id == schoolID).first()
        else { return false }
        guard let since = membership.roleSince else { return true }
        guard let opened = programme.openedAt ?? programme.createdAt else { return false }
        return since < opened
    }

    /// One person's answer, as the form gives it.
    struct Answer: Sendable {
        var usefulness: Int
        var recommend: Bool
        var improve: String
    }

    /// Records that `userID` gave feedback for the pair's engagement, and the answer itself
    /// only when it `counts`: an answer the programme's managers could have supplied or know is
    /// kept out of the figures altogether (issue 14, class 2). Then releases what is due.
    static func record(
        _ answer: Answer, engagementID: UUID, userID: UUID, programmeID: UUID, counts: Bool, now: Date,
        on db: any Database
    ) async throws {
        try await db.writeTransaction { db in
            try await FeedbackGiven(engagementID: engagementID, userID: userID).save(on: db)
            guard counts else { return }
            try await PairFeedback(programmeID: programmeID, usefulness: answer.usefulness, recommend: answer.recommend, improve: answer.improve)
                .save(on: db)
            try await releaseIfDue(programmeID: programmeID, now: now, on: db)
        }
    }

    /// Releases the waiting answers when there are enough, and comments likewise. Call in
    /// the transaction that stored a new answer.
    static func releaseIfDue(programmeID: UUID, now: Date, on db: any Database) async throws {
        let waiting = try await PairFeedback.query(on: db).filter(\.$programme.$id == programmeID).filter(\.$releaseID == nil).all()
        if AnonymityGuard(minimumGroup: minimumGroup).allows(waiting.count) {
            let number = try await FeedbackRelease.query(on: db).filter(\.$programme.$id == programmeID).count() + 1
            let release = FeedbackRelease(
                programmeID: programmeID, number: number, releasedAt: now, respondents: waiting.count,
                usefulnessSum: waiting.map(\.usefulness).reduce(0, +),
                recommendCount: waiting.filter(\.recommend).count)
            try await release.save(on: db)
            for answer in waiting {
                answer.releaseID = try release.requireID()
                try await answer.save(on: db)
            }
        }
        let unshown = try await PairFeedback.query(on: db).filter(\.$programme.$id == programmeID)
            .filter(\.$releaseID != nil).filter(\.$commentShown == false).all()
        if AnonymityGuard(minimumGroup: commentGroup).allows(unshown.count) {
            for answer in unshown {
                answer.commentShown = true
                try await answer.save(on: db)
            }
        }
    }
}
