import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value` when building a link.
enum Parameter<T: Sendable>: Sendable {
    case key
    case value(T)
}

/// The one typed source of the site's URLs, used both to register routes and to build
/// links, so a link cannot point at a route that does not exist.
enum SiteURL: Sendable {
    case home
    case login
    case logout
    case language
    case forgotPassword
    case resetPassword(Parameter<String>)
    case invitation(Parameter<String>)
    case account
    case accountTokens
    case accountExport
    case accountTokenRevoke(Parameter<UUID>)
    /// How each kind of notification reaches the person, and when their digest goes.
    case accountNotifications
    /// "My mailbox works again": clears the mark on the person's own address.
    case accountMailRetry
    /// A digest's one-click unsubscribe link (RFC 8058): works without signing in.
    case unsubscribe(Parameter<String>)
    /// The demo's outbox and clock (`collegium demo` only, never `serve`).
    case devMail
    case school(Parameter<UUID>)
    case schoolInvitations(Parameter<UUID>)
    case schoolInvitationNew(Parameter<UUID>)
    case schoolImport(Parameter<UUID>)
    case schoolInvitationCancel(Parameter<UUID>, Parameter<UUID>)
    case schoolInvitationResend(Parameter<UUID>, Parameter<UUID>)
    case schoolMember(Parameter<UUID>, Parameter<UUID>)
    case schoolMemberRole(Parameter<UUID>, Parameter<UUID>)
    case schoolMemberRemove(Parameter<UUID>, Parameter<UUID>)
    /// Undoes a removal of the last 30 days; the id is the removal's line in the staff record.
    case schoolMemberRestore(Parameter<UUID>, Parameter<UUID>)
    /// A network coordinator ends a new member's cooling-off (issue 14, class 5).
    case schoolMemberClear(Parameter<UUID>, Parameter<UUID>)
    case wellbeing
    case wellbeingSupport
    case wellbeingExport
    case wellbeingHistoryDelete
    case schoolWellbeing(Parameter<UUID>)
    case schoolWellbeingSettings(Parameter<UUID>)
    case networkWellbeing(Parameter<UUID>)
    case handbook
    case handbookSearch
    case handbookPrint
    case handbookTranslations
    case handbookChapter(Parameter<String>)
    case handbookChapterPrint(Parameter<String>)
    case handbookEdit(Parameter<String>)
    case handbookHistory(Parameter<String>)
    case handbookCompare(Parameter<String>)
    case handbookRestore(Parameter<String>, Parameter<Int>)
    case handbookVisibility(Parameter<String>)
    case handbookAcceptShipped(Parameter<String>)
    case support
    case supportAsk
    case supportVolunteer
    case supportRequestTake(Parameter<UUID>)
    case supportRequestWithdraw(Parameter<UUID>)
    case engagement(Parameter<UUID>)
    case engagementNotes(Parameter<UUID>)
    case engagementClose(Parameter<UUID>)
    case engagementFeedback(Parameter<UUID>)
    case engagementPause(Parameter<UUID>)
    case engagementMeetings(Parameter<UUID>)
    case meetingCalendar(Parameter<UUID>, Parameter<UUID>)
    case meetingCancel(Parameter<UUID>, Parameter<UUID>)
    case supportCalendarFeed
    case coachingRequestNew
    case observationNew
    case groupNew
    case observationProtocols
    case observationProtocolRetire(Parameter<UUID>)
    case engagementAgree(Parameter<UUID>)
    case engagementPlan(Parameter<UUID>)
    case meetingAttendance(Parameter<UUID>, Parameter<UUID>)
    case caseSessions(Parameter<UUID>)
    case caseSession(Parameter<UUID>, Parameter<UUID>)
    case caseSessionNext(Parameter<UUID>, Parameter<UUID>)
    case caseSessionEntries(Parameter<UUID>, Parameter<UUID>)
    case surveys
    case surveyImport
    case survey(Parameter<UUID>)
    case surveySections(Parameter<UUID>)
    case surveyQuestions(Parameter<UUID>)
    case surveyQuestionMove(Parameter<UUID>, Parameter<String>)
    case surveyQuestionDelete(Parameter<UUID>, Parameter<String>)
    case surveyTranslations(Parameter<UUID>)
    case surveyDefinition(Parameter<UUID>)
    case surveyPublish(Parameter<UUID>)
    case surveyClose(Parameter<UUID>)
    case surveyReport(Parameter<UUID>)
    case surveyDownload(Parameter<UUID>, Parameter<String>)
    case surveyTokens(Parameter<UUID>)
    case answer(Parameter<String>)
    case answerStart(Parameter<String>)
    case answerSection(Parameter<String>, Parameter<Int>)
    case answerThanks(Parameter<String>)
    case courses
    case courseReviews
    case courseReviewNew
    case courseReview(Parameter<UUID>)
    case courseImage(Parameter<String>)
    case course(Parameter<String>)
    case courseEnrol(Parameter<String>)
    case courseContinue(Parameter<String>)
    case courseStep(Parameter<String>, Parameter<String>)
    case courseStepDone(Parameter<String>, Parameter<String>)
    case courseQuizAttempts(Parameter<String>, Parameter<String>)
    /// A learner out of attempts asks the cohort's facilitator for one more.
    case courseQuizMoreAttempts(Parameter<String>, Parameter<String>)
    case courseReflection(Parameter<String>, Parameter<String>)
    case courseReflectionComments(Parameter<String>, Parameter<String>, Parameter<UUID>)
    case courseCertificate(Parameter<String>)
    /// A learner whose every required step is done completes the course (after authors took
    /// out or made optional the steps they were missing): a POST, never a page view.
    case courseComplete(Parameter<String>)
    case courseCohorts(Parameter<String>)
    case courseStatements(Parameter<String>)
    case courseProgressSharing(Parameter<String>)
    case courseEdit(Parameter<String>)
    case coursePublish(Parameter<String>)
    case courseModules(Parameter<String>)
    case courseModule(Parameter<String>, Parameter<String>)
    case courseModuleMove(Parameter<String>, Parameter<String>)
    case courseSteps(Parameter<String>)
    case courseStepEdit(Parameter<String>, Parameter<String>)
    case courseStepMove(Parameter<String>, Parameter<String>)
    case courseStepRetire(Parameter<String>, Parameter<String>)
    case cohort(Parameter<UUID>)
    case cohortReflectionComments(Parameter<UUID>, Parameter<UUID>)
    /// The facilitator gives the attempt a learner asked for (the second id: the request).
    case cohortAttemptGrant(Parameter<UUID>, Parameter<UUID>)
    /// A learner accepts or declines an invitation to a cohort (issue 14, class 6).
    case cohortInvitationAccept(Parameter<UUID>)
    case cohortInvitationDecline(Parameter<UUID>)
    case credential(Parameter<UUID>)
    case credentialToken(Parameter<UUID>)
    case credentialRevoke(Parameter<UUID>)
    case credentialStatusList
    case issuer
    /// A network's Open Badges issuer profile: the issuer its certificates name.
    case networkIssuer(Parameter<UUID>)
    /// The revocation list as a network's issuer publishes it.
    case networkStatusList(Parameter<UUID>)
    /// A network's settings: the logo on the certificates it issues (its coordinators).
    case networkSettings(Parameter<UUID>)
    /// The logo: uploaded by POST, served to anyone by GET (certificates are public).
    case networkLogo(Parameter<UUID>)
    case networkLogoRemove(Parameter<UUID>)
    case jwks
    case mentoring
    case programme(Parameter<UUID>)
    case programmeMembers(Parameter<UUID>)
    case programmeWeights(Parameter<UUID>)
    case programmePropose(Parameter<UUID>)
    case programmePairs(Parameter<UUID>)
    case programmePairExclude(Parameter<UUID>, Parameter<UUID>)
    case programmePairAnswer(Parameter<UUID>, Parameter<UUID>)
    case programmePublish(Parameter<UUID>)
    case programmeProfile(Parameter<UUID>)
    case programmePairNudge(Parameter<UUID>, Parameter<UUID>)
    case coachingOffer
    case coachingAccept(Parameter<UUID>)
    case coachingPass(Parameter<UUID>)
    case coachingWithdraw(Parameter<UUID>)
    case supportCalendarFeedRevoke
    /// Marking notifications read is a POST: a GET never changes state (issue #14, class 9).
    case notificationRead(Parameter<UUID>)
    case notificationsReadAll
    case calendarFeed(Parameter<String>)
    case admin
    case adminNetworks
    case adminSchools
    case adminCoordinators
    case healthz
    case readyz
    case metrics

    static let schoolIDKey = "schoolID"
    static let networkIDKey = "networkID"
    static let tokenKey = "token"
    static let idKey = "id"
    static let slugKey = "slug"
    static let numberKey = "number"
    static let meetingIDKey = "meetingID"
    static let sessionIDKey = "sessionID"
    static let variableKey = "variable"
    static let pairIDKey = "pairID"
    static let stepKey = "step"
}
