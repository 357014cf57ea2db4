import Fluent
import Foundation

extension FeedbackReleases {
    /// The feedback of ended pairs as released (see `FeedbackReleases`): the figures are
    /// the sum of the releases, so they move only by batches of at least five new answers
    /// and never afterwards; comments only from batches of ten. How many have given
    /// feedback is live, for the organiser, but no figure moves with it.
    struct Summary {
        /// Answers in the releases so far.
        var count = 0
        var meanUsefulness: Double = 0
        var recommendShare: Double = 0
        var comments: [String] = []
        /// Live: people who have given feedback, and people in ended pairs.
        var given = 0
        var people = 0
        var shown: Bool { count > 0 }

        static func load(programmeID: UUID, on db: any Database) async throws -> Summary {
            let releases = try await FeedbackRelease.query(on: db).filter(\.$programme.$id == programmeID).all()
            var summary = Summary()
            summary.count = releases.map(\.respondents).reduce(0, +)
            if summary.count > 0 {
                summary.meanUsefulness = Double(releases.map(\.usefulnessSum).reduce(0, +)) / Double(summary.count)
                summary.recommendShare = Double(releases.map(\.recommendCount).reduce(0, +)) / Double(summary.count)
            }
            // Sorted, not in the order given: the order must not tell which batch said what.
            summary.comments = try await PairFeedback.query(on: db).filter(\.$programme.$id == programmeID).filter(\.$commentShown == true).all()
                .map(\.improve).filter { !$0.isEmpty }.sorted()
            let engagements = try await ProgrammePair.query(on: db).filter(\.$programme.$id == programmeID).all().compactMap { $0.$engagement.id }
            if !engagements.isEmpty {
                summary.people = try await PracticeForMentoring.closedCount(engagementIDs: engagements, on: db) * 2
                summary.given = try await FeedbackGiven.query(on: db).filter(\.$engagement.$id ~~ engagements).count()
            }
            return summary
        }
    }
}
