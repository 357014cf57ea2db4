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
    case school(Parameter<UUID>)
    case schoolInvitations(Parameter<UUID>)
    case schoolInvitationNew(Parameter<UUID>)
    case schoolImport(Parameter<UUID>)
    case schoolInvitationCancel(Parameter<UUID>, Parameter<UUID>)
    case schoolInvitationResend(Parameter<UUID>, Parameter<UUID>)
    case schoolMemberRole(Parameter<UUID>, Parameter<UUID>)
    case schoolMemberRemove(Parameter<UUID>, Parameter<UUID>)
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
    case courseReflection(Parameter<String>, Parameter<String>)
    case courseReflectionComments(Parameter<String>, Parameter<String>, Parameter<UUID>)
    case courseCertificate(Parameter<String>)
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
    /// A learner accepts or declines an invitation to a cohort (issue 14, class 6).
    case cohortInvitationAccept(Parameter<UUID>)
    case cohortInvitationDecline(Parameter<UUID>)
    case credential(Parameter<UUID>)
    case credentialToken(Parameter<UUID>)
    case credentialRevoke(Parameter<UUID>)
    case credentialStatusList
    case issuer
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

    var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .login: ["login"]
        case .logout: ["logout"]
        case .language: ["language"]
        case .forgotPassword: ["password", "forgot"]
        case .resetPassword(let token): ["password", "reset", Self.component(token, Self.tokenKey)]
        case .invitation(let token): ["invitations", Self.component(token, Self.tokenKey)]
        case .account: ["account"]
        case .accountTokens: ["account", "tokens"]
        case .accountExport: ["account", "export.json"]
        case .accountTokenRevoke(let id): ["account", "tokens", Self.component(id, Self.idKey), "revoke"]
        case .school(let id): ["schools", Self.component(id, Self.schoolIDKey)]
        case .schoolInvitations(let id): ["schools", Self.component(id, Self.schoolIDKey), "invitations"]
        case .schoolInvitationNew(let id): ["schools", Self.component(id, Self.schoolIDKey), "invitations", "new"]
        case .schoolImport(let id): ["schools", Self.component(id, Self.schoolIDKey), "import"]
        case .schoolInvitationCancel(let school, let id):
            ["schools", Self.component(school, Self.schoolIDKey), "invitations", Self.component(id, Self.idKey), "cancel"]
        case .schoolInvitationResend(let school, let id):
            ["schools", Self.component(school, Self.schoolIDKey), "invitations", Self.component(id, Self.idKey), "resend"]
        case .schoolMemberRole(let school, let id):
            ["schools", Self.component(school, Self.schoolIDKey), "members", Self.component(id, Self.idKey), "role"]
        case .schoolMemberRemove(let school, let id):
            ["schools", Self.component(school, Self.schoolIDKey), "members", Self.component(id, Self.idKey), "remove"]
        case .schoolMemberClear(let school, let id):
            ["schools", Self.component(school, Self.schoolIDKey), "members", Self.component(id, Self.idKey), "clear"]
        case .wellbeing: ["wellbeing"]
        case .wellbeingSupport: ["wellbeing", "support"]
        case .wellbeingExport: ["wellbeing", "my-check-ins.json"]
        case .wellbeingHistoryDelete: ["wellbeing", "history", "delete"]
        case .schoolWellbeing(let id): ["schools", Self.component(id, Self.schoolIDKey), "wellbeing"]
        case .schoolWellbeingSettings(let id): ["schools", Self.component(id, Self.schoolIDKey), "wellbeing", "settings"]
        case .networkWellbeing(let id): ["networks", Self.component(id, Self.networkIDKey), "wellbeing"]
        case .handbook: ["handbook"]
        case .handbookSearch: ["handbook", "search"]
        case .handbookPrint: ["handbook", "print"]
        case .handbookTranslations: ["handbook", "translations"]
        case .handbookChapter(let slug): ["handbook", Self.component(slug, Self.slugKey)]
        case .handbookChapterPrint(let slug): ["handbook", Self.component(slug, Self.slugKey), "print"]
        case .handbookEdit(let slug): ["handbook", Self.component(slug, Self.slugKey), "edit"]
        case .handbookHistory(let slug): ["handbook", Self.component(slug, Self.slugKey), "history"]
        case .handbookCompare(let slug): ["handbook", Self.component(slug, Self.slugKey), "compare"]
        case .handbookRestore(let slug, let number):
            ["handbook", Self.component(slug, Self.slugKey), "history", Self.component(number, Self.numberKey), "restore"]
        case .handbookVisibility(let slug): ["handbook", Self.component(slug, Self.slugKey), "visibility"]
        case .handbookAcceptShipped(let slug): ["handbook", Self.component(slug, Self.slugKey), "shipped"]
        case .support: ["support"]
        case .supportAsk: ["support", "ask"]
        case .supportVolunteer: ["support", "volunteer"]
        case .supportRequestTake(let id): ["support", "requests", Self.component(id, Self.idKey), "take"]
        case .supportRequestWithdraw(let id): ["support", "requests", Self.component(id, Self.idKey), "withdraw"]
        case .engagement(let id): ["support", "engagements", Self.component(id, Self.idKey)]
        case .engagementNotes(let id): ["support", "engagements", Self.component(id, Self.idKey), "notes"]
        case .engagementClose(let id): ["support", "engagements", Self.component(id, Self.idKey), "close"]
        case .engagementFeedback(let id): ["support", "engagements", Self.component(id, Self.idKey), "feedback"]
        case .engagementPause(let id): ["support", "engagements", Self.component(id, Self.idKey), "pause"]
        case .engagementMeetings(let id): ["support", "engagements", Self.component(id, Self.idKey), "meetings"]
        case .meetingCalendar(let id, let meeting):
            ["support", "engagements", Self.component(id, Self.idKey), "meetings", Self.component(meeting, Self.meetingIDKey), "meeting.ics"]
        case .meetingCancel(let id, let meeting):
            ["support", "engagements", Self.component(id, Self.idKey), "meetings", Self.component(meeting, Self.meetingIDKey), "cancel"]
        case .supportCalendarFeed: ["support", "calendar"]
        case .notificationRead(let id): ["support", "notifications", Self.component(id, Self.idKey), "read"]
        case .notificationsReadAll: ["support", "notifications", "read"]
        case .coachingRequestNew: ["support", "coaching", "request"]
        case .observationNew: ["support", "observation", "new"]
        case .groupNew: ["support", "groups", "new"]
        case .observationProtocols: ["support", "observation", "protocols"]
        case .observationProtocolRetire(let id): ["support", "observation", "protocols", Self.component(id, Self.idKey), "retire"]
        case .engagementAgree(let id): ["support", "engagements", Self.component(id, Self.idKey), "agree"]
        case .engagementPlan(let id): ["support", "engagements", Self.component(id, Self.idKey), "plan"]
        case .meetingAttendance(let id, let meeting):
            ["support", "engagements", Self.component(id, Self.idKey), "meetings", Self.component(meeting, Self.meetingIDKey), "attendance"]
        case .caseSessions(let id): ["support", "engagements", Self.component(id, Self.idKey), "sessions"]
        case .caseSession(let id, let session):
            ["support", "engagements", Self.component(id, Self.idKey), "sessions", Self.component(session, Self.sessionIDKey)]
        case .caseSessionNext(let id, let session):
            ["support", "engagements", Self.component(id, Self.idKey), "sessions", Self.component(session, Self.sessionIDKey), "next"]
        case .caseSessionEntries(let id, let session):
            ["support", "engagements", Self.component(id, Self.idKey), "sessions", Self.component(session, Self.sessionIDKey), "entries"]
        case .surveys: ["surveys"]
        case .surveyImport: ["surveys", "import"]
        case .survey(let id): ["surveys", Self.component(id, Self.idKey)]
        case .surveySections(let id): ["surveys", Self.component(id, Self.idKey), "sections"]
        case .surveyQuestions(let id): ["surveys", Self.component(id, Self.idKey), "questions"]
        case .surveyQuestionMove(let id, let variable): ["surveys", Self.component(id, Self.idKey), "questions", Self.component(variable, Self.variableKey), "move"]
        case .surveyQuestionDelete(let id, let variable): ["surveys", Self.component(id, Self.idKey), "questions", Self.component(variable, Self.variableKey), "delete"]
        case .surveyTranslations(let id): ["surveys", Self.component(id, Self.idKey), "translations"]
        case .surveyDefinition(let id): ["surveys", Self.component(id, Self.idKey), "survey.json"]
        case .surveyPublish(let id): ["surveys", Self.component(id, Self.idKey), "publish"]
        case .surveyClose(let id): ["surveys", Self.component(id, Self.idKey), "close"]
        case .surveyReport(let id): ["surveys", Self.component(id, Self.idKey), "report"]
        case .surveyTokens(let id): ["surveys", Self.component(id, Self.idKey), "tokens"]
        case .surveyDownload(let id, let file): ["surveys", Self.component(id, Self.idKey), "downloads", Self.component(file, Self.slugKey)]
        case .answer(let slug): ["s", Self.component(slug, Self.slugKey)]
        case .answerStart(let slug): ["s", Self.component(slug, Self.slugKey), "start"]
        case .answerSection(let slug, let n): ["s", Self.component(slug, Self.slugKey), Self.component(n, Self.numberKey)]
        case .answerThanks(let slug): ["s", Self.component(slug, Self.slugKey), "thanks"]
        case .courses: ["courses"]
        case .courseReviews: ["courses", "elsewhere"]
        case .courseReviewNew: ["courses", "elsewhere", "new"]
        case .courseReview(let id): ["courses", "elsewhere", Self.component(id, Self.idKey)]
        case .courseImage(let file): ["courses", "images", Self.component(file, Self.slugKey)]
        case .course(let slug): ["courses", Self.component(slug, Self.slugKey)]
        case .courseEnrol(let slug): ["courses", Self.component(slug, Self.slugKey), "enrol"]
        case .courseContinue(let slug): ["courses", Self.component(slug, Self.slugKey), "continue"]
        case .courseStep(let slug, let step): ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey)]
        case .courseStepDone(let slug, let step): ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "done"]
        case .courseQuizAttempts(let slug, let step):
            ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "attempts"]
        case .courseReflection(let slug, let step):
            ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "reflection"]
        case .courseReflectionComments(let slug, let step, let id):
            ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "reflections", Self.component(id, Self.idKey), "comments"]
        case .courseCertificate(let slug): ["courses", Self.component(slug, Self.slugKey), "certificate"]
        case .courseCohorts(let slug): ["courses", Self.component(slug, Self.slugKey), "cohorts"]
        case .courseStatements(let slug): ["courses", Self.component(slug, Self.slugKey), "statements.json"]
        case .courseProgressSharing(let slug): ["courses", Self.component(slug, Self.slugKey), "progress-sharing"]
        case .courseEdit(let slug): ["courses", Self.component(slug, Self.slugKey), "edit"]
        case .coursePublish(let slug): ["courses", Self.component(slug, Self.slugKey), "publish"]
        case .courseModules(let slug): ["courses", Self.component(slug, Self.slugKey), "modules"]
        case .courseModule(let slug, let key): ["courses", Self.component(slug, Self.slugKey), "modules", Self.component(key, Self.stepKey)]
        case .courseModuleMove(let slug, let key): ["courses", Self.component(slug, Self.slugKey), "modules", Self.component(key, Self.stepKey), "move"]
        case .courseSteps(let slug): ["courses", Self.component(slug, Self.slugKey), "steps"]
        case .courseStepEdit(let slug, let step): ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "edit"]
        case .courseStepMove(let slug, let step): ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "move"]
        case .courseStepRetire(let slug, let step): ["courses", Self.component(slug, Self.slugKey), "steps", Self.component(step, Self.stepKey), "retire"]
        case .cohort(let id): ["cohorts", Self.component(id, Self.idKey)]
        case .cohortReflectionComments(let id, let reflection):
            ["cohorts", Self.component(id, Self.idKey), "reflections", Self.component(reflection, Self.pairIDKey), "comments"]
        case .cohortInvitationAccept(let id): ["cohort-invitations", Self.component(id, Self.idKey), "accept"]
        case .cohortInvitationDecline(let id): ["cohort-invitations", Self.component(id, Self.idKey), "decline"]
        case .credential(let id): ["credentials", Self.component(id, Self.idKey)]
        case .credentialToken(let id): ["credentials", Self.component(id, Self.idKey), "credential.jwt"]
        case .credentialRevoke(let id): ["credentials", Self.component(id, Self.idKey), "revoke"]
        case .credentialStatusList: ["credentials", "status", "1"]
        case .issuer: ["issuer"]
        case .jwks: [".well-known", "jwks.json"]
        case .mentoring: ["mentoring"]
        case .programme(let id): ["mentoring", Self.component(id, Self.idKey)]
        case .programmeMembers(let id): ["mentoring", Self.component(id, Self.idKey), "members"]
        case .programmeWeights(let id): ["mentoring", Self.component(id, Self.idKey), "weights"]
        case .programmePropose(let id): ["mentoring", Self.component(id, Self.idKey), "propose"]
        case .programmePairs(let id): ["mentoring", Self.component(id, Self.idKey), "pairs"]
        case .programmePairExclude(let id, let pair):
            ["mentoring", Self.component(id, Self.idKey), "pairs", Self.component(pair, Self.pairIDKey), "exclude"]
        case .programmePairAnswer(let id, let pair):
            ["mentoring", Self.component(id, Self.idKey), "pairs", Self.component(pair, Self.pairIDKey), "answer"]
        case .programmePublish(let id): ["mentoring", Self.component(id, Self.idKey), "publish"]
        case .programmeProfile(let id): ["mentoring", Self.component(id, Self.idKey), "profile"]
        case .programmePairNudge(let id, let pair):
            ["mentoring", Self.component(id, Self.idKey), "pairs", Self.component(pair, Self.pairIDKey), "nudge"]
        case .coachingOffer: ["support", "coaching", "offer"]
        case .coachingAccept(let id): ["support", "coaching", "requests", Self.component(id, Self.idKey), "accept"]
        case .coachingPass(let id): ["support", "coaching", "requests", Self.component(id, Self.idKey), "pass"]
        case .coachingWithdraw(let id): ["support", "coaching", "requests", Self.component(id, Self.idKey), "withdraw"]
        case .supportCalendarFeedRevoke: ["support", "calendar", "revoke"]
        case .calendarFeed(let token): ["calendar", Self.component(token, Self.tokenKey)]
        case .admin: ["admin"]
        case .adminNetworks: ["admin", "networks"]
        case .adminSchools: ["admin", "schools"]
        case .adminCoordinators: ["admin", "coordinators"]
        case .healthz: ["healthz"]
        case .readyz: ["readyz"]
        case .metrics: ["metrics"]
        }
    }

    /// The path for a link, e.g. `/schools/4F1C…`.
    var path: String {
        "/" + pathComponents.map(\.description).joined(separator: "/")
    }

    /// The path with a query string, each name and value percent-encoded (only RFC 3986's
    /// unreserved characters stay as they are), in the order given:
    /// `SiteURL.courseEdit(.value(slug)).path(["lang": "lv"])` is `/courses/…/edit?lang=lv`.
    /// No link glues `"?name=" + value` by hand, so no value can end the query early.
    func path(_ query: KeyValuePairs<String, String>) -> String {
        Self.withQuery(path, query)
    }

    /// `path` followed by `query`, percent-encoded as `path(_:)` does.
    static func withQuery(_ path: String, _ query: KeyValuePairs<String, String>) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { encoded($0.key) + "=" + encoded($0.value) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// An absolute URL for emails, from `PUBLIC_URL`.
    func absolute(_ config: AppConfig) -> String { config.publicBase + path }

    private static func component<T>(_ parameter: Parameter<T>, _ key: String) -> PathComponent {
        switch parameter {
        case .key: .parameter(key)
        case .value(let value): .constant("\(value)")
        }
    }
}

extension Request {
    /// A UUID path parameter; a malformed one is simply a page that does not exist.
    func uuidParameter(_ key: String) throws -> UUID {
        guard let raw = parameters.get(key), let id = UUID(uuidString: raw) else { throw Abort(.notFound) }
        return id
    }
}
