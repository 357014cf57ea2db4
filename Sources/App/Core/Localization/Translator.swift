import Domain
import Foundation
import Vapor

/// The catalogs of every shipped language, read once at boot from
/// `Resources/Locales/<lang>.po`. A missing or unreadable catalog stops the start:
/// shipping a broken translation is a packaging error, not something to limp past.
struct Translator: Sendable {
    var catalogs: [Language: POCatalog]

    static func load(directory: String) throws -> Translator {
        var catalogs: [Language: POCatalog] = [:]
        for language in Language.allCases where language != .source {
            let path = directory + "\(language.rawValue).po"
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw Abort(.internalServerError, reason: "Missing translation catalog \(path)")
            }
            do {
                catalogs[language] = try POCatalog(parsing: text)
            } catch {
                throw Abort(.internalServerError, reason: "Cannot read \(path): \(error)")
            }
        }
        return Translator(catalogs: catalogs)
    }

    func localizer(for language: Language) -> Localizer {
        Localizer(language: language, catalog: catalogs[language])
    }
}

extension Application {
    private struct TranslatorKey: StorageKey { typealias Value = Translator }

    var translator: Translator {
        get { storage[TranslatorKey.self] ?? Translator(catalogs: [:]) }
        set { storage[TranslatorKey.self] = newValue }
    }
}
