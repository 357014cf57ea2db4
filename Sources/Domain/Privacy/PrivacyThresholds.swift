/// Every minimum group the product keeps, in one place (issue 16, point 5). A figure or a
/// text that comes from people's answers is shown only when at least this many people stand
/// behind it, and always through `AnonymityGuard`, which also withholds what could be worked
/// out by difference. Every rule reads its number here; some explanations on the pages (the
/// survey report's, the answering page's) still say "five" and "ten" in words and would need
/// rewording if a number changed.
public enum PrivacyThresholds {
    /// Figures (counts, shares, means) of a group of fewer people are withheld: survey
    /// reports and exports, the recommendations section, mentoring feedback releases, a
    /// cohort's quiz item difficulty, and the smallest well-being group a school may set.
    public static let figures = 5
    /// Words people wrote are shown only among at least this many: a survey's free-text
    /// answers and mentoring feedback comments. Words identify their writer more easily than
    /// a number does, hence twice the figures' minimum.
    public static let freeText = 10
    /// The largest well-being minimum group a school may set: above it, a small school
    /// would see nothing at all.
    public static let largestWellbeingGroup = 50

    /// The minimums for a reader who may have answered themselves: one more, so that taking
    /// their own answer out of a group still leaves the minimum of others (issue 14).
    public static func forReader(answeredThemselves: Bool) -> (figures: Int, freeText: Int) {
        answeredThemselves ? (figures + 1, freeText + 1) : (figures, freeText)
    }
}
