import Crypto
import Fluent
import Foundation
import Vapor

/// How many answers one client may send through a survey's public link, signed out, in an
/// hour. Anyone can answer a public link, the reader of the report too; answers of their own
/// making, with answers they know, would count toward the minimum groups that protect real
/// respondents (issue 14, class 2). A limit cannot stop a patient attacker with many
/// networks, but it stops filling a survey from one browser in a minute; a signed-in person
/// answers once whatever the limit, so staff behind one school address sign in to answer
/// when many answer at once.
enum SurveyLinkLimit {
    static let perHour = 30

    /// Reserves one answer for this client, or throws 429 with when to try again. The row is
    /// written first and counted after, so parallel submissions cannot all slip under it.
    static func reserve(_ survey: Survey, req: Request) async throws {
        let surveyID = try survey.requireID()
        let now = req.now
        let client = clientKey(surveyID, req)
        try await SurveyLinkUse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$usedAt < now.addingTimeInterval(-86_400)).delete()
        let use = SurveyLinkUse(surveyID: surveyID, client: client, usedAt: now)
        try await use.save(on: req.db)
        let recent = try await SurveyLinkUse.query(on: req.db).filter(\.$survey.$id == surveyID).filter(\.$client == client)
            .filter(\.$usedAt > now.addingTimeInterval(-3600)).all()
        guard recent.count > perHour else { return }
        try await use.delete(on: req.db)
        let oldest = recent.map(\.usedAt).min() ?? now
        let minutes = max(1, Int((oldest.addingTimeInterval(3600).timeIntervalSince(now) / 60).rounded(.up)))
        throw Abort(
            .tooManyRequests, headers: ["Retry-After": String(minutes * 60)],
            reason: req.t(
                "Many answers have come from your network in the last hour. Your answers are kept: log in to send them now, or try again in {minutes} minutes.",
                ["minutes": req.localizer.number(minutes)]))
    }

    /// A keyed hash of the client and the survey: the same client is unrecognisable across
    /// surveys, and the table holds no address.
    static func clientKey(_ surveyID: UUID, _ req: Request) -> String {
        let raw = req.application.loginClient.identify(req)
        return SHA256.hash(data: Data(("collegium-survey-link:" + surveyID.uuidString + ":" + raw).utf8))
            .prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
