import Fluent
import Vapor

/// The one ordered, append-only list of migrations. Add new ones at the end; never
/// edit, rename or reorder one that has landed (Fluent records each by its `name`).
func registerMigrations(_ app: Application) {
    app.migrations.add(M001_CreateAccounts())
    app.migrations.add(M002_CreateCredentials())
    app.migrations.add(M003_CreateWellbeing())
    app.migrations.add(M004_CreateWellbeingCells())
    app.migrations.add(M005_CreateHandbook())
    app.migrations.add(M006_CreatePractice())
    app.migrations.add(M007_CreateMeetings())
    app.migrations.add(M008_CreateCoaching())
    app.migrations.add(M009_CreateNotifications())
    app.migrations.add(M010_CreateMentoring())
    app.migrations.add(M011_CreateMentoringFeedback())
    app.migrations.add(M012_CreateObservation())
    app.migrations.add(M013_CreateGroups())
    app.migrations.add(M014_CreateSchoolProtocols())
    app.migrations.add(M015_CreateSurveys())
    app.migrations.add(M016_SurveyAudience())
    app.migrations.add(M017_SurveyTokens())
    app.migrations.add(M018_SurveyCounts())
    app.migrations.add(M019_CreateCourses())
    app.migrations.add(M020_StaffChanges())
    app.migrations.add(M021_CohortConsent())
    app.migrations.add(M022_SignInLimitsAndTokenScopes())
    app.migrations.add(M023_SurveyReleases())
    app.migrations.add(M024_WellbeingReleaseRules())
    app.migrations.add(M025_MentoringFeedbackReleases())
    app.migrations.add(M026_NotificationsByUser())
    app.migrations.add(M027_MailDelivery())
    app.migrations.add(M028_NotificationsToDigest())
    app.migrations.add(M029_CertificateIssuerAndAttemptGrants())
    app.migrations.add(M030_OneOpenAttemptRequest())
    app.migrations.add(M031_NetworkLogos())
    app.migrations.add(M032_RequestLimits())
}

/// Brings the database up to date at `serve` and `demo`, one node at a time
/// (`SchemaSetup`): the migrations, then the shipped handbook chapters that are new or
/// changed (local edits are never overwritten) and the shipped courses, with the modules
/// and steps added to them since (local edits stay).
public func setUpDatabase(_ app: Application) async throws {
    try await SchemaSetup.run(app) { db in
        try await HandbookLibrary.loadShipped(app, on: db)
        try await CourseLibrary.loadShipped(app, on: db)
    }
}
