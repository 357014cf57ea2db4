import Vapor

/// The table of contents of the site: each module mounts its own routes.
func routes(_ app: Application) throws {
    // Operations: probes and metrics, no login.
    try app.register(collection: OperationsController())

    // Core: language choice.
    try app.register(collection: LanguageController())

    // Home: the front door, a welcome for visitors and each person's summary of every module.
    try app.register(collection: HomeController())

    // Accounts: signing in, invitations, schools, administration.
    try app.register(collection: LoginController())
    try app.register(collection: PasswordResetController())
    try app.register(collection: InvitationController())
    try app.register(collection: AccountController())
    try app.register(collection: SchoolController())
    try app.register(collection: NetworkSettingsController())
    try app.register(collection: StaffController())
    try app.register(collection: AdminController())

    // Well-being: check-ins, personal history, guarded figures.
    try app.register(collection: CheckInController())
    try app.register(collection: WellbeingReportController())

    // Handbook: reading (public chapters open to visitors), search, editing.
    try app.register(collection: HandbookController())
    try app.register(collection: HandbookEditorController())

    // Collegial support in practice: ask a colleague, conversations and their notes.
    try app.register(collection: SupportController())
    try app.register(collection: NotificationController())
    try app.register(collection: NotificationSettingsController())
    try app.register(collection: UnsubscribeController())
    try app.register(collection: MeetingController())
    try app.register(collection: CoachingController())
    try app.register(collection: ObservationController())
    try app.register(collection: GroupController())
    try app.register(collection: SurveyListController())
    try app.register(collection: SurveyDesignController())
    try app.register(collection: SurveyReportController())
    try app.register(collection: AnswerController())
    try app.register(collection: MentoringController())

    // Courses: the catalogue, learning, cohorts, certificates and their public checks.
    try app.register(collection: CourseController())
    try app.register(collection: CourseStepController())
    try app.register(collection: CourseEditorController())
    try app.register(collection: CourseReviewController())
    try app.register(collection: CohortController())
    try app.register(collection: CredentialController())

    // JSON API, version 1: bearer tokens only.
    let api = app.grouped("api", "v1")
    try api.register(collection: OpenAPIController())
    let authenticatedAPI = api.grouped(BearerAuthenticationMiddleware())
    try authenticatedAPI.register(collection: AccountsAPIController())
    try authenticatedAPI.register(collection: WellbeingAPIController())
    try authenticatedAPI.register(collection: HandbookAPIController())
    try authenticatedAPI.register(collection: PracticeAPIController())
    try authenticatedAPI.register(collection: SurveyAPIController())
    try authenticatedAPI.register(collection: CourseAPIController())
}
