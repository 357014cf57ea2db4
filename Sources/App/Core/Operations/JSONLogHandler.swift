import Foundation
import Logging

/// `LOG_FORMAT=json`: one JSON object per line, for a log collector (Loki, Elasticsearch,
/// journald's JSON export) rather than a person (issue 20). Each line holds the time (UTC,
/// ISO 8601 with milliseconds), the level, the logger's label, the message and every
/// metadata field, the request's `request-id` among them, so that one request's lines can be
/// gathered across a node's log. What the lines say is what the text format says: the request
/// log names routes, never paths with secrets (RequestLogMiddleware).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = Self.plain(value)
        }
        fields["time"] = Self.timestamp(Date())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["source"] = event.source
        fields["message"] = event.message.description
        if let error = event.error { fields["error"] = String(describing: error) }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]),
            let text = String(data: data, encoding: .utf8)
        else { return }
        write(text + "\n")
    }

    /// A metadata value as JSON has it: strings, arrays and objects.
    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }

    /// UTC, with milliseconds: `2026-12-04T07:21:10.123Z`.
    static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// Whole lines to standard error, as Vapor's text logger writes them.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The handler `LOG_FORMAT` asks for: nil for `text` (or unset, Vapor's own), a
    /// JSON handler's factory for `json`; an error message for anything else.
    public static func factory(format: String?, level: String?) -> Result<(@Sendable (String) -> any LogHandler)?, LogFormatError> {
        let parsedLevel: Logger.Level
        if let level, !level.isEmpty {
            guard let known = Logger.Level(rawValue: level.lowercased()) else {
                return .failure(LogFormatError(message: "LOG_LEVEL: \(level) is not one of trace, debug, info, notice, warning, error, critical"))
            }
            parsedLevel = known
        } else {
            parsedLevel = .info
        }
        switch format?.lowercased() {
        case nil, "", "text": return .success(nil)
        case "json": return .success({ label in JSONLogHandler(label: label, level: parsedLevel) })
        case let other?: return .failure(LogFormatError(message: "LOG_FORMAT: \(other) is neither text nor json"))
        }
    }
}

public struct LogFormatError: Error, Sendable {
    public let message: String
}
