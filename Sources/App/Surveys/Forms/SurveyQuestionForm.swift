import Vapor

/// The designer's form for a new question, kept as typed to show it again with its problems.
struct SurveyQuestionForm: Content {
    var section: String?
    var kind: String?
    var variable: String?
    var text: String?
    var help: String?
    var required: String?
    var options: String?
    var rows: String?
    var minimum: String?
    var maximum: String?
    var condition_variable: String?
    var condition_values: String?
}
