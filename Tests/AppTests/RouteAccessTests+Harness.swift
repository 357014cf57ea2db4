import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

extension RouteAccessTests {
    /// One app of one row: the browsers of the people who set up objects, the visitors'
    /// API tokens, and a counter that keeps each visitor's objects apart.
    final class Harness: @unchecked Sendable {
        let app: Application
        let ctx: TestContext
        private var people: [String: Browser] = [:]
        private var visitors: [Visitor: Browser] = [:]
        private var tokens: [String: String] = [:]
        private var counter = 0

        init(app: Application, ctx: TestContext) {
            self.app = app
            self.ctx = ctx
        }

        func next() -> Int {
            counter += 1
            return counter
        }

        /// A browser signed in as `email` that sets up objects (never the visitor's own).
        func signedIn(_ email: String) async throws -> Browser {
            if let browser = people[email] { return browser }
            let browser = ctx.browser()
            #expect(try await browser.login(email).status == .seeOther, "setting up as \(email)")
            people[email] = browser
            return browser
        }

        /// A full API token of `email`, or teacher A's read-only one for `nil`.
        func token(_ email: String?) async throws -> String {
            let key = email ?? "read-only"
            if let token = tokens[key] { return token }
            let user = try #require(try await User.query(on: app.db).filter(\.$email == (email ?? Fixtures.teacherA)).first())
            let scopes = email == nil ? APIScopes(write: false, modules: Set(APIScopes.Module.allCases)) : .all
            let token = try await APITokens.issue(name: "route-access \(key)", for: user, scopes: scopes, expiresAt: .distantFuture, on: app.db)
            tokens[key] = token
            return token
        }

        /// Sends the row's request as `visitor`: pages through a browser of their own
        /// (signed in, or not, with the CSRF field a form carries), the API with their token.
        func send(_ row: Row, path: String, world: World, as visitor: Visitor) async throws -> (HTTPStatus, String?) {
            if row.isAPI { return try await sendAPI(row, path: path, world: world, as: visitor) }
            return try await sendPage(row, path: path, world: world, as: visitor)
        }

        /// The visitor's own browser: signed in once and kept while its session lasts (the
        /// logout row ends it); a visitor without an account gets a fresh one each time.
        private func browser(of visitor: Visitor) async throws -> Browser {
            guard let email = visitor.email else { return ctx.browser() }
            if let browser = visitors[visitor], browser.cookies[CookiePolicy.session] != nil { return browser }
            let browser = ctx.browser()
            #expect(try await browser.login(email).status == .seeOther, "\(visitor.rawValue) signs in")
            visitors[visitor] = browser
            return browser
        }

        private func sendPage(_ row: Row, path: String, world: World, as visitor: Visitor) async throws -> (HTTPStatus, String?) {
            let browser = try await browser(of: visitor)
            var headers = HTTPHeaders()
            if visitor == .token { headers.bearerAuthorization = BearerAuthorization(token: try await token(nil)) }
            var body: ByteBuffer?
            switch row.body {
            case .none:
                break
            case .form(let make):
                // As a page's form does: the CSRF cookie's value in the `_csrf` field.
                if browser.cookies[CookiePolicy.csrf] == nil { try await browser.get("/login", headers: headers) }
                let fields = try await make(world) + [(CSRFMiddleware.fieldName, browser.cookies[CookiePolicy.csrf] ?? "")]
                headers.contentType = .urlEncodedForm
                body = ByteBuffer(string: fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&"))
            case .json(let make):
                headers.contentType = .json
                body = ByteBuffer(string: try await make(world))
            }
            let page = try await browser.send(row.method, path, headers: headers, body: body)
            return (page.status, page.location)
        }

        private func sendAPI(_ row: Row, path: String, world: World, as visitor: Visitor) async throws -> (HTTPStatus, String?) {
            var headers = HTTPHeaders()
            switch visitor {
            case .anonymous: break
            case .token: headers.bearerAuthorization = BearerAuthorization(token: try await token(nil))
            default: headers.bearerAuthorization = BearerAuthorization(token: try await token(visitor.email))
            }
            var body: ByteBuffer?
            switch row.body {
            case .none:
                break
            case .json(let make):
                headers.contentType = .json
                body = ByteBuffer(string: try await make(world))
            case .form:
                Issue.record("\(row.key): the API takes JSON")
            }
            var result: (HTTPStatus, String?) = (.internalServerError, nil)
            try await app.testing().test(row.method, path, headers: headers, body: body) { response in
                result = (response.status, response.headers.first(name: .location))
            }
            return result
        }

        private static func encode(_ value: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
        }

        /// The pattern of the route the router picks for `path`: like Vapor's trie, a
        /// constant segment wins over a parameter at the same place.
        func pattern(of method: HTTPMethod, _ path: String) -> String? {
            let segments = String(path.split(separator: "?", maxSplits: 1).first ?? "").split(separator: "/").map(String.init)
            let candidates = app.routes.all.filter { route in
                route.method == method && route.path.count == segments.count
                    && zip(route.path, segments).allSatisfy { pair in
                        if case .constant(let value) = pair.0 { return value == pair.1 }
                        return true
                    }
            }
            func constants(_ route: Route) -> [Int] { route.path.map { if case .constant = $0 { 1 } else { 0 } } }
            let best = candidates.max { constants($0).lexicographicallyPrecedes(constants($1)) }
            return best.map { String(RouteAccessTests.key($0).drop { $0 != " " }.dropFirst()) }
        }
    }
}
