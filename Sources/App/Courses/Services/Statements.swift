import Domain
import Fluent
import Foundation
import Vapor

/// Records learning events as xAPI statements and sends them to the configured Learning
/// Record Store. A store that is down never stops a learner: the statement is kept and
/// sent with the next one (or by `collegium xapi-send`).
enum Statements {
    static func record(
        _ verb: XAPIStatement.Verb, user: User, course: Course, activity: CourseActivity?, score: Int? = nil,
        on req: Request
    ) async throws {
        let config = req.application.config
        let cohortID = try await CourseEnrolment.query(on: req.db).filter(\.$course.$id == course.requireID())
            .filter(\.$user.$id == user.requireID()).first()?.$cohort.id
        try await make(
            verb, user: user, course: course, activity: activity, score: score, language: req.localizer.language.rawValue,
            at: req.now, cohortID: cohortID, config: config
        ).save(on: req.db)
        guard config.learningRecordStore != nil else { return }
        // Sent after the response: the learner does not wait for the store.
        await req.application.statementSender.kick(req.application)
    }

    /// The statement of one learning event, named in `language`, made in `cohortID` (nil: alone).
    static func make(
        _ verb: XAPIStatement.Verb, user: User, course: Course, activity: CourseActivity?, score: Int? = nil,
        language: String, at time: Date, cohortID: UUID?, config: AppConfig
    ) throws -> LearningStatement {
        let id = UUID()
        let statement = XAPIStatement(
            id: id, base: config.publicBase, learnerID: try user.requireID(), verb: verb,
            courseURL: SiteURL.course(.value(course.slug)).absolute(config), courseName: course.texts.title.text(language, fallback: "en"),
            step: activity.map {
                (SiteURL.courseStep(.value(course.slug), .value($0.key)).absolute(config), $0.titles.text(language, fallback: "en"), $0.kind)
            },
            score: score, language: language, timestamp: time)
        let row = LearningStatement(
            id: id, userID: try user.requireID(), courseID: try course.requireID(), verb: verb.rawValue,
            statementJSON: try JSONText.encode(statement))
        row.createdAt = time
        row.cohortID = cohortID
        return row
    }

    /// Sends every unsent statement, oldest first, in batches; returns how many were accepted.
    @discardableResult
    static func send(_ app: Application) async throws -> Int {
        // One handle for the whole pass: once a stopping node has closed its databases, a
        // query on it throws, where `app.db` would trap (issue 20); a pass that starts after
        // that finds no database and sends nothing.
        guard let db = app.databases.database(logger: app.logger, on: app.eventLoopGroup.any()) else { return 0 }
        guard let store = app.config.learningRecordStore else { return 0 }
        var sent = 0
        while true {
            let batch = try await LearningStatement.query(on: db).filter(\.$sentAt == nil).sort(\.$createdAt).limit(100).all()
            guard !batch.isEmpty else { return sent }
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "application/json")
            headers.replaceOrAdd(name: "X-Experience-API-Version", value: "1.0.3")
            if let credentials = store.credentials {
                headers.replaceOrAdd(name: .authorization, value: "Basic " + Data(credentials.utf8).base64EncodedString())
            }
            let body = "[" + batch.map(\.statementJSON).joined(separator: ",") + "]"
            var url = store.endpoint.absoluteString
            while url.hasSuffix("/") { url.removeLast() }
            let response = try await app.client.post(URI(string: url + "/statements"), headers: headers) {
                $0.body = .init(string: body)
                // A store that takes the connection and never answers must not hold the
                // sender (and every statement after it) forever; the rows stay unsent.
                $0.timeout = .nanoseconds(Int64(store.timeout * 1_000_000_000))
            }
            // 409: the store has these ids already (sent before a crash): they count as sent.
            guard (200..<300).contains(response.status.code) || response.status == .conflict else {
                app.logger.warning("The Learning Record Store refused \(batch.count) statements: HTTP \(response.status.code)")
                return sent
            }
            let ids = batch.compactMap(\.id)
            try await LearningStatement.query(on: db).filter(\.$id ~~ ids).set(\.$sentAt, to: app.clock.now()).update()
            sent += batch.count
        }
    }

    /// The statements of a course `principal` may export, as the JSON array an LRS would take:
    /// an admin all of them; a coordinator those made in their networks' cohorts, while the
    /// learner was in one, never what the learner did before or elsewhere (issue 14, class 6;
    /// scores of quiz attempts are the learner's results, not for every coordinator).
    static func export(_ course: Course, for principal: Principal?, on db: any Database) async throws -> String {
        let courseID = try course.requireID()
        var query = LearningStatement.query(on: db).filter(\.$course.$id == courseID)
        let oversight = principal.map(Policy.oversight)
        if oversight != .everything {
            let networks = oversight?.networks ?? []
            let cohorts = try await CourseCohort.query(on: db).filter(\.$course.$id == courseID)
                .filter(\.$network.$id ~~ Array(networks)).all().compactMap(\.id)
            query = query.filter(\.$cohortID ~~ cohorts.map { Optional($0) })
        }
        let rows = try await query.sort(\.$createdAt).all()
        return "[" + rows.map(\.statementJSON).joined(separator: ",\n") + "]\n"
    }
}
