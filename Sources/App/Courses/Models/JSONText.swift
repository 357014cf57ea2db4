import Foundation

/// JSON kept in a text column (the same on SQLite and PostgreSQL), with sorted keys so
/// that an unchanged value is stored unchanged.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    /// One decoder for all (decoding does not change it): a course page decodes dozens of
    /// rows' texts, and a new decoder for each is wasted work.
    private static let decoder = JSONDecoder()
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }
}
