import Foundation

/// Where to send someone back to after a form (`next` at login, `return_to` of the
/// language switcher and other forms): only a path on this site (no open redirect,
/// ASVS 5.1.5, CWE-601). Every such value goes through here; issue #14, class 8.
///
/// Browsers are lenient with a `Location`: they drop tab and newline anywhere
/// (`/<TAB>/evil.example` becomes `//evil.example`), trim leading control characters and
/// spaces, and read `\` as `/`. So the check is by whitelist, not by spotting bad prefixes:
/// printable ASCII only (no control character, whitespace or non-ASCII at all), no
/// backslash, a single leading `/` and no `//` anywhere, and what remains must parse as a
/// URL with neither scheme nor host.
enum ReturnPath {
    static let maximumLength = 2000

    /// The path when it is safe, else nil.
    static func validated(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty, raw.utf8.count <= maximumLength,
            raw.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }),
            raw.hasPrefix("/"), !raw.contains("//"),
            let url = URLComponents(string: raw), url.scheme == nil, url.host == nil, url.path.hasPrefix("/")
        else { return nil }
        return raw
    }

    /// The path when it is safe, else the home page.
    static func safe(_ raw: String?) -> String {
        validated(raw) ?? SiteURL.home.path
    }
}
