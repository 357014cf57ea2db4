import Foundation

/// Picks the best supported language from an HTTP `Accept-Language` header
/// (RFC 9110 §12.5.4): highest quality first, ties in the order given; `q=0` means "not this one".
public enum AcceptLanguage {
    public static func bestMatch(_ header: String?) -> Language? {
        guard let header, !header.isEmpty else { return nil }
        var candidates: [(language: Language, quality: Double, index: Int)] = []
        for (index, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, let language = Language(tag: tag) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0 { candidates.append((language, quality, index)) }
        }
        return candidates.sorted { ($0.quality, -$0.index) > ($1.quality, -$1.index) }.first?.language
    }
}
