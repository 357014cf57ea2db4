import Foundation

/// What an API token may do: read, or read and write, in some of the API's modules
/// (issue #14, class 8). Least privilege: a script that reads survey reports needs no
/// power to invite staff. `write` includes `read`.
struct APIScopes: Sendable, Equatable {
    /// The API's modules, named by the first segment of their paths under `/api/v1/`.
    enum Module: String, CaseIterable, Sendable {
        case accounts, handbook, wellbeing, practice, surveys, courses

        /// The module a route belongs to, from its first path segment; nil for none (then
        /// no token may use the route: a new module must be named here first).
        init?(routeSegment: String) {
            switch routeSegment {
            case "me", "schools": self = .accounts
            default: self.init(rawValue: routeSegment)
            }
        }
    }

    var write: Bool
    var modules: Set<Module>

    static let all = APIScopes(write: true, modules: Set(Module.allCases))

    init(write: Bool, modules: Set<Module>) {
        self.write = write
        self.modules = modules
    }

    /// Parses `stored`, e.g. `"read surveys courses"`; unknown words are ignored.
    init(stored: String) {
        let words = Set(stored.split(separator: " ").map(String.init))
        write = words.contains("write")
        modules = words.contains("read") || write ? Set(words.compactMap(Module.init(rawValue:))) : []
    }

    /// Space-separated, in a fixed order: `read [write] module…`.
    var stored: String {
        (["read"] + (write ? ["write"] : []) + Module.allCases.filter(modules.contains).map(\.rawValue))
            .joined(separator: " ")
    }

    func allows(_ module: Module, write needsWrite: Bool) -> Bool {
        modules.contains(module) && (write || !needsWrite)
    }
}
