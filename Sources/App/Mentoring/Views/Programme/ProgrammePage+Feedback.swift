extension ProgrammePage {
    /// The feedback of ended pairs as released, for those who run the programme: read in
    /// `FeedbackReleases.Summary.load`, beside the rules that release it.
    typealias FeedbackSummary = FeedbackReleases.Summary
}
