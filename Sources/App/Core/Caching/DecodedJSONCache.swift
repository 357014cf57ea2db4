import Foundation
import NIOConcurrencyHelpers

/// A JSON column's decoded value, kept per process and row, and used only while the row
/// still holds the very bytes it was decoded from.
///
/// Why: some columns hold a JSON document that pages read on every request (a survey's
/// definition: every question in every language; a released response's answers), and
/// decoding them again each time was two fifths of the survey report's CPU time (`perf
/// record`, issue 16, point 9). Keyed by the row's id and checked byte for byte against the
/// text just read from the database, so an edit made by any process is seen at once: a
/// changed text is decoded and replaces the entry. A value is only ever handed to a request
/// that read the same bytes itself, so nothing passes from one reader to another.
final class DecodedJSONCache<Value: Decodable & Sendable>: Sendable {
    private struct Entry: Sendable {
        var json: String
        var value: Value
    }
    private struct State: Sendable {
        var entries: [UUID: Entry] = [:]
        var bytes = 0
    }
    private let state = NIOLockedValueBox(State())
    private let budget: Int

    /// `budget`: how many bytes of JSON to keep before starting afresh (the decoded values
    /// take about as much again). A bound on memory, not an eviction policy: the rows read
    /// often come back at once.
    init(budget: Int) { self.budget = budget }

    /// The value of `json`, decoded once for the row `id` (every time when the row has no
    /// id yet).
    func value(of id: UUID?, json: String) throws -> Value {
        guard let id else { return try Self.decode(json) }
        if let entry = state.withLockedValue({ $0.entries[id] }), entry.json.utf8.elementsEqual(json.utf8) { return entry.value }
        let value = try Self.decode(json)
        let size = json.utf8.count
        // What is let go is freed after the lock, so other requests do not wait on it.
        let dropped: State? = state.withLockedValue { state in
            var old: State?
            if state.bytes + size > budget {
                old = state
                state = State()
            }
            if let previous = state.entries.updateValue(Entry(json: json, value: value), forKey: id) {
                state.bytes -= previous.json.utf8.count
            }
            state.bytes += size
            return old
        }
        _ = dropped
        return value
    }

    private static func decode(_ json: String) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(json.utf8))
    }
}
