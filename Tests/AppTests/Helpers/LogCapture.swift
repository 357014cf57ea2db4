import Foundation
import Vapor

/// Collects every log line an application writes (its own logger and every request's,
/// which Vapor derives from `app.logger`), so a test can say what never appears in a log.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [String] = []

    var lines: [String] {
        lock.lock(); defer { lock.unlock() }
        return captured
    }

    /// Makes `app` log into this capture, at every level.
    func attach(to app: Application) {
        app.logger = Logger(label: "collegium.test") { [self] _ in Handler(capture: self) }
        app.logger.logLevel = .trace
    }

    fileprivate func append(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        captured.append(line)
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            capture.append("[\(event.level)] \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }
}
