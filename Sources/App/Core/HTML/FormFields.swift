import Domain
import Foundation
import Vapor

extension Request {
    /// The fields of a URL-encoded form with repeated names kept: a group of checkboxes
    /// sends one name several times, without `[]` (survey answers, quiz answers, the forms of
    /// support of a course review), which Vapor's decoder would reduce to one value.
    func formFields() -> [String: [String]] {
        guard let body = body.string else { return [:] }
        var result: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            // NUL becomes U+FFFD here too, as in every decoded form (`NULInput`, issue #14).
            let parts = pair.split(separator: "=", maxSplits: 1)
                .map { TextInput.replacingNUL(String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") }
            guard let key = parts.first, !key.isEmpty else { continue }
            let name = key.hasSuffix("[]") ? String(key.dropLast(2)) : key
            result[name, default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return result
    }
}
