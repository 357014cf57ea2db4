/**
*  Plot
*  Copyright (c) John Sundell 2019
*  MIT license, see LICENSE file for details
*/

internal extension String {
    func escaped() -> String {
        var pendingAmpersandString: String?

        func flushPendingAmpersandString(
            withSuffix suffix: String? = nil,
            resettingTo newValue: String? = nil
        ) -> String {
            let pending = pendingAmpersandString
            pendingAmpersandString = newValue
            return pending.map { "&amp;\($0)\(suffix ?? "")" } ?? suffix ?? ""
        }

        return String(flatMap { character -> String in
            switch character {
            case "<":
                return flushPendingAmpersandString(withSuffix: "&lt;")
            case ">":
                return flushPendingAmpersandString(withSuffix: "&gt;")
            case "&":
                return flushPendingAmpersandString(resettingTo: "")
            case ";":
                let pending = pendingAmpersandString.map { "&\($0);" }
                pendingAmpersandString = nil
                return pending ?? ";"
            case "#" where pendingAmpersandString?.isEmpty == true:
                pendingAmpersandString = "#"
                return ""
            default:
                if let pending = pendingAmpersandString {
                    guard character.isLetter || character.isNumber else {
                        return flushPendingAmpersandString(withSuffix: String(character))
                    }

                    pendingAmpersandString = "\(pending)\(character)"
                    return ""
                }

                return "\(character)"
            }
        }) + flushPendingAmpersandString()
    }
}

internal extension String {
    /// Escapes a double-quoted attribute value (HTML Living Standard §13.1.2.3): `&` always
    /// (an entity-looking sequence in a value is the user's text, not markup), both quote
    /// characters, and `<` `>` so that no value can ever read as a tag, even to a careless
    /// parser. Collegium's addition (see Sources/Plot/README.md).
    func attributeEscaped() -> String {
        guard contains(where: { $0 == "&" || $0 == "\"" || $0 == "'" || $0 == "<" || $0 == ">" }) else {
            return self
        }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
