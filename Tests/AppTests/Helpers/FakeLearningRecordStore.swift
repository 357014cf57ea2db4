import Domain
import Foundation
import Vapor

@testable import App

/// A Learning Record Store on an ephemeral loopback port: a real HTTP server the product's
/// HTTP client talks to over TCP, which accepts statements, refuses them with a status, or
/// takes the request and never answers (until `stop`, so the server can close).
final class FakeLearningRecordStore: Sendable {
    enum Behaviour: Sendable { case accept, refuse(HTTPStatus), silent }

    /// One POST the store received, whatever it answered.
    struct Received: Sendable {
        var statements: [XAPIStatement]
        var authorization: String?
        var version: String?
        var contentType: String?
        var accepted: Bool
    }

    actor State {
        var behaviour: Behaviour = .accept
        private(set) var received: [Received] = []
        private var held: [CheckedContinuation<Void, Never>] = []
        private var stopping = false

        func set(_ behaviour: Behaviour) { self.behaviour = behaviour }
        func record(_ request: Received) { received.append(request) }
        /// Records the request and keeps it unanswered until `releaseAll` (one actor step,
        /// so a request cannot slip in between a release and its hold).
        func recordAndHold(_ request: Received) async {
            received.append(request)
            guard !stopping else { return }
            await withCheckedContinuation { held.append($0) }
        }
        func releaseAll() {
            stopping = true
            for continuation in held { continuation.resume() }
            held = []
        }

        /// The statements the store has stored (accepted), each id once.
        var stored: [XAPIStatement] {
            var seen = Set<String>()
            return received.filter(\.accepted).flatMap(\.statements).filter { seen.insert($0.id).inserted }
        }
    }

    let state: State
    private let app: Application
    /// The xAPI endpoint, as `XAPI_LRS_URL` takes it (statements go to `<endpoint>/statements`).
    let endpoint: String

    private init(app: Application, state: State, endpoint: String) {
        self.app = app
        self.state = state
        self.endpoint = endpoint
    }

    static func start() async throws -> FakeLearningRecordStore {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        // A batch holds up to 100 statements of about a kilobyte each.
        app.routes.defaultMaxBodySize = "4mb"
        let state = State()
        app.post("xapi", "statements") { req async throws -> Response in
            let statements = try JSONDecoder().decode([XAPIStatement].self, from: Data(req.body.string?.utf8 ?? "".utf8))
            let behaviour = await state.behaviour
            var received = Received(
                statements: statements, authorization: req.headers.first(name: .authorization),
                version: req.headers.first(name: "X-Experience-API-Version"),
                contentType: req.headers.first(name: .contentType), accepted: false)
            switch behaviour {
            case .accept:
                received.accepted = true
                await state.record(received)
                // As an xAPI 1.0.3 store answers: the ids of the stored statements, in order.
                return try Response(status: .ok, body: .init(data: JSONEncoder().encode(statements.map(\.id))))
            case .refuse(let status):
                await state.record(received)
                return Response(status: status)
            case .silent:
                await state.recordAndHold(received)
                return Response(status: .serviceUnavailable)
            }
        }
        do {
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        let port = app.http.server.shared.localAddress?.port ?? 0
        return FakeLearningRecordStore(app: app, state: state, endpoint: "http://127.0.0.1:\(port)/xapi/")
    }

    /// A store that is not there: the address of one that was started and stopped.
    static func unreachableEndpoint() async throws -> String {
        let store = try await start()
        try await store.stop()
        return store.endpoint
    }

    /// Answers every request it still holds, then closes.
    func stop() async throws {
        await state.releaseAll()
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

extension FakeLearningRecordStore {
    /// Runs `body` with a running store, and stops the store whatever happens.
    static func with<T>(_ body: (FakeLearningRecordStore) async throws -> T) async throws -> T {
        let store = try await start()
        do {
            let result = try await body(store)
            try await store.stop()
            return result
        } catch {
            try? await store.stop()
            throw error
        }
    }
}
