import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import App

/// LOG_FORMAT=json: lines a log collector can read, with the request id (issue 20).
@Suite("Log format")
struct LogFormatTests {
    @Test("One JSON object per line: time, level, label, message and the request id; quotes and line breaks stay inside the line")
    func oneObjectPerLine() throws {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "codes.vapor.request") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLockedValue { $0.append(line) } }
        }
        logger[metadataKey: "request-id"] = "7D1C-REQ"
        logger.info("GET /courses/:slug", metadata: ["status": "200"])
        logger.warning("a \"quoted\"\nsecond line")
        logger.debug("below the level: not written")
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().firstIndex(of: "\n") == nil }, "each entry is one line")
        let first = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(first["message"] as? String == "GET /courses/:slug")
        #expect(first["level"] as? String == "info")
        #expect(first["label"] as? String == "codes.vapor.request")
        #expect(first["request-id"] as? String == "7D1C-REQ")
        #expect(first["status"] as? String == "200")
        let time = try #require(first["time"] as? String)
        #expect(time.hasSuffix("Z") && time.contains("."), "UTC with milliseconds: \(time)")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(written[1].utf8)) as? [String: Any])
        #expect(second["message"] as? String == "a \"quoted\"\nsecond line")
        #expect(second["level"] as? String == "warning")
    }

    @Test("LOG_FORMAT text (or unset) keeps Vapor's lines, json switches, anything else is named; a wrong LOG_LEVEL too")
    func choosing() throws {
        #expect(try JSONLogHandler.factory(format: nil, level: nil).get() == nil)
        #expect(try JSONLogHandler.factory(format: "text", level: "debug").get() == nil)
        let json = try? JSONLogHandler.factory(format: "JSON", level: "warning").get()
        #expect(json?("x").logLevel == .warning)
        #expect(try JSONLogHandler.factory(format: "json", level: nil).get()?("x").logLevel == .info)
        guard case .failure(let format) = JSONLogHandler.factory(format: "xml", level: nil) else {
            Issue.record("xml accepted")
            return
        }
        #expect(format.message.hasPrefix("LOG_FORMAT: xml"))
        guard case .failure(let level) = JSONLogHandler.factory(format: "json", level: "loud") else {
            Issue.record("LOG_LEVEL=loud accepted")
            return
        }
        #expect(level.message.hasPrefix("LOG_LEVEL: loud"))
    }
}
