import Vapor

/// The forms learners and authors send from a course's pages.
enum CourseForms {
    /// Show (or stop showing) one's progress to one's study groups.
    struct Sharing: Content { var shared: String?; var return_to: String? }
    /// A reflection on a step, private or shared with the cohort.
    struct Reflection: Content { var body: String?; var shared: String? }
    /// A comment on a colleague's shared reflection.
    struct Comment: Content { var body: String? }
    /// An author's step as typed, kept to show it again with its problems.
    struct Step: Content {
        var title: String?
        var body: String?
        var minutes: String?
        var required: String?
        var quiz: String?
        var pass_percent: String?
        var attempts: String?
    }
}
