import Foundation

/// An email address as Collegium stores it: trimmed and lower-cased, so one person
/// has one account whatever case they type. The check is deliberately modest (one `@`,
/// a dot in the domain, no spaces): the invitation email is the real proof.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    public init?(_ raw: String) {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 254, parts.count == 2,
            let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.count <= 64,
            domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
            !domain.contains(".."),
            value.unicodeScalars.allSatisfy({ !CharacterSet.whitespacesAndNewlines.contains($0) && $0.value > 31 }),
            !value.contains("<"), !value.contains(">"), !value.contains(",")
        else { return nil }
        self.value = value
    }
}
