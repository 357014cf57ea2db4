import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// Issue 15, point 1: every registered route, every kind of visitor. The expected answers
/// are written by hand in the tables of `RouteAccessTests+<Module>.swift`, one row per route
/// (method and pattern as the router has them), one column per visitor, in this order:
///
///     anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
///
/// `everyRouteHasARow` reads the app's own route table (`app.routes.all`), so a route added
/// without a row, or a row left behind by a removed route, fails and is named.
///
/// Adding a route: add a row to the table of its module, e.g.
///
///     .get("/surveys/:id/summary", { "/surveys/\(try await $0.draftSurvey())/summary" },
///          [.login, .e404, .e404, .e404, .ok, .ok, .e404, .ok, .login]),
///
/// filling the path parameters from `World` (objects of school A, made fresh for each
/// visitor; add a maker there when the route needs a new kind), a minimal form for a POST,
/// and what each visitor must get. Write what the product *should* answer, from the
/// `Policy` and the handler, never by copying what a run printed.
@Suite("Every route, every visitor")
struct RouteAccessTests {
    /// Who knocks. The people are those of `Fixtures`; school A is the school whose objects
    /// fill the paths.
    enum Visitor: String, CaseIterable, Sendable {
        /// No session and no token.
        case anonymous
        /// A leader of school B: another school of the *same* network as A, the nearest
        /// outsider (a rule that checked the network instead of the school would let them in).
        case otherSchool
        case teacher
        /// Support staff: the counsellor of school A.
        case support
        case leader
        /// The coordinator of school A's network.
        case coordinator
        /// The coordinator of the other network (school C's).
        case otherCoordinator
        case admin
        /// Teacher A's API token with read-only scopes for every module, sent alone as
        /// `Authorization: Bearer`. A page must treat it as a visitor (bearer tokens never
        /// open the site); the API lets it read what the teacher may read and refuses writes.
        case token

        var email: String? {
            switch self {
            case .anonymous, .token: nil
            case .otherSchool: Fixtures.leaderB
            case .teacher: Fixtures.teacherA
            case .support: Fixtures.counsellorA
            case .leader: Fixtures.leaderA
            case .coordinator: Fixtures.coordinator
            case .otherCoordinator: Fixtures.otherCoordinator
            case .admin: Fixtures.admin
            }
        }
    }

    /// What a visitor gets, as they would notice it.
    enum Outcome: Equatable, Sendable, CustomStringConvertible {
        case ok, created
        /// 303 to a page other than the login page (done, or sent elsewhere).
        case see
        /// 303 to `/login?next=…`: the site asks to sign in.
        case login
        case e400, e401, e403, e404, e409, e410, e415, e422
        case other(UInt)

        /// Whether a POST with this answer may have changed something.
        var acts: Bool {
            switch self {
            case .ok, .created, .see, .other: true
            default: false
            }
        }

        init(_ status: HTTPStatus, location: String?) {
            switch status.code {
            case 200: self = .ok
            case 201: self = .created
            case 303: self = (location ?? "").hasPrefix("/login?next=") ? .login : .see
            case 400: self = .e400
            case 401: self = .e401
            case 403: self = .e403
            case 404: self = .e404
            case 409: self = .e409
            case 410: self = .e410
            case 415: self = .e415
            case 422: self = .e422
            default: self = .other(status.code)
            }
        }

        var description: String {
            switch self {
            case .ok: "200"
            case .created: "201"
            case .see: "303"
            case .login: "303 to /login"
            case .e400: "400"
            case .e401: "401"
            case .e403: "403"
            case .e404: "404"
            case .e409: "409"
            case .e410: "410"
            case .e415: "415"
            case .e422: "422"
            case .other(let code): "\(code)"
            }
        }
    }

    /// What a request carries besides its path.
    enum Body: Sendable {
        case none
        /// An urlencoded form (fields may repeat); the CSRF field is added as a page would.
        case form(@Sendable (World) async throws -> [(String, String)])
        /// A JSON body, for the API.
        case json(@Sendable (World) async throws -> String)
    }

    struct Row: Sendable {
        var method: HTTPMethod
        /// As the router lists it: `/surveys/:id/report`.
        var pattern: String
        var path: @Sendable (World) async throws -> String
        var body: Body
        /// One outcome per `Visitor`, in the order of `Visitor.allCases`.
        var expected: [Outcome]

        var key: String { "\(method.rawValue) \(pattern)" }
        var isAPI: Bool { pattern.hasPrefix("/api/") }

        typealias Path = @Sendable (World) async throws -> String
        typealias Form = @Sendable (World) async throws -> [(String, String)]

        /// A GET of a path without parameters.
        static func get(_ pattern: String, _ expected: [Outcome]) -> Row {
            Row(method: .GET, pattern: pattern, path: { _ in pattern }, body: .none, expected: expected)
        }

        static func get(_ pattern: String, _ path: @escaping Path, _ expected: [Outcome]) -> Row {
            Row(method: .GET, pattern: pattern, path: path, body: .none, expected: expected)
        }

        /// A form POST to a path without parameters (an empty form unless given).
        static func post(_ pattern: String, form: Form? = nil, _ expected: [Outcome]) -> Row {
            Row(method: .POST, pattern: pattern, path: { _ in pattern }, body: .form(form ?? { _ in [] }), expected: expected)
        }

        static func post(_ pattern: String, _ path: @escaping Path, form: Form? = nil, _ expected: [Outcome]) -> Row {
            Row(method: .POST, pattern: pattern, path: path, body: .form(form ?? { _ in [] }), expected: expected)
        }

        /// An API POST with an empty JSON object.
        static func postJSON(_ pattern: String, _ expected: [Outcome]) -> Row {
            Row(method: .POST, pattern: pattern, path: { _ in pattern }, body: .json { _ in "{}" }, expected: expected)
        }

        static func postJSON(_ pattern: String, _ path: @escaping Path, _ expected: [Outcome]) -> Row {
            Row(method: .POST, pattern: pattern, path: path, body: .json { _ in "{}" }, expected: expected)
        }
    }

    /// Every table; a module's file adds its own here.
    static var allRows: [Row] {
        operations + accounts + staff + wellbeing + handbook + surveys + answers + support + groups
            + mentoring + courses + courseAuthoring + cohorts + api + apiModules
    }

    /// A route as the router names it: `GET /surveys/:id`.
    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test("Every registered route has a row in the tables, and every row a route")
    func everyRouteHasARow() async throws {
        try await withApp { app, _ in
            let routed = app.routes.all.map(Self.key)
            let rows = Self.allRows.map(\.key)
            let missing = Set(routed).subtracting(rows).sorted()
            let stale = Set(rows).subtracting(routed).sorted()
            let doubled = Dictionary(grouping: rows, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(missing.isEmpty, "routes with no row in RouteAccessTests (add one):\n\(missing.joined(separator: "\n"))")
            #expect(stale.isEmpty, "rows whose route does not exist (remove them):\n\(stale.joined(separator: "\n"))")
            #expect(doubled.isEmpty, "routes with two rows:\n\(doubled.joined(separator: "\n"))")
            #expect(routed.count > 150, "the route table was read (\(routed.count) routes)")
        }
    }

    /// Runs a table in one app (booting one per row took most of the time: measured 0.7 s
    /// per boot against 0.03 s per login). Each row gets fresh objects of school A, and each
    /// visitor expected to act (a POST that succeeds) objects of their own, so that what one
    /// did (publish, withdraw, remove) cannot change what the next one gets; the others share
    /// the row's, which a refused or invalid request must leave as they were.
    /// `routed: false` for paths the router never sees (static files).
    static func check(_ rows: [Row], routed: Bool = true) async throws {
        try await withApp { app, ctx in
            let harness = Harness(app: app, ctx: ctx)
            for row in rows {
                #expect(row.expected.count == Visitor.allCases.count, "\(row.key): one outcome per visitor")
                let shared = World(harness: harness)
                for (visitor, expected) in zip(Visitor.allCases, row.expected) {
                    let world = row.method == .POST && expected.acts ? World(harness: harness) : shared
                    do {
                        let path = try await row.path(world)
                        if routed {
                            #expect(harness.pattern(of: row.method, path) == row.pattern, "\(row.key): the path \(path) reaches another route")
                        }
                        let (status, location) = try await harness.send(row, path: path, world: world, as: visitor)
                        let got = Outcome(status, location: location)
                        #expect(got == expected, "\(row.key) as \(visitor.rawValue): expected \(expected), got \(got) (\(path))")
                    } catch {
                        Issue.record(error, "\(row.key) as \(visitor.rawValue)")
                    }
                }
            }
        }
    }
}
