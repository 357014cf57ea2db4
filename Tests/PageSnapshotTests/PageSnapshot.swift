import Domain
import Foundation
import Plot
import SnapshotTesting
import Testing

@testable import App

/// What every page snapshot shares: fixed ids and dates, the shipped translation catalogues,
/// and the page written out one element a line, so that a changed page shows as a readable
/// difference in `__Snapshots__`.
///
/// A snapshot that is missing is recorded and the test fails once; commit the new file after
/// reading it. When a page changes on purpose, delete its files and run the tests again (or
/// run with `SNAPSHOT_TESTING_RECORD=failed`) and read the difference before committing it.
enum Mock {
    /// A fixed id per number, so that links in a snapshot never change.
    static func id(_ n: Int) -> UUID { UUID(uuidString: "00000000-0000-4000-8000-" + String(format: "%012d", n))! }

    /// Wednesday 2 December 2026, 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_205_600)

    static func date(daysFromNow days: Int) -> Date { now.addingTimeInterval(Double(days) * 86_400) }

    static let translator: Translator = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        do { return try Translator.load(directory: root.appendingPathComponent("Resources/Locales").path + "/") } catch {
            fatalError("the catalogues in Resources/Locales cannot be read: \(error)")
        }
    }()

    /// A signed-in person's page in `language`, at `path`.
    static func context(_ language: Domain.Language, path: String, user: String? = "Anna Bērziņa", mayRunSurveys: Bool = false) -> PageContext {
        PageContext(
            localizer: translator.localizer(for: language), userName: user, isAdmin: false, csrfToken: "csrf-token-of-the-test",
            currentPath: path, notice: nil, unread: 2, mayRunSurveys: mayRunSurveys)
    }
}

/// The languages every page is snapshot in: the source and one other.
let snapshotLanguages: [Domain.Language] = [.en, .lv]

extension HTML {
    /// The page one element a line, as a person reading the snapshot wants it.
    var snapshotText: String { render(indentedBy: .spaces(1)) }
}
