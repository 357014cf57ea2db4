import Foundation
import Vapor

/// Courses' modules and steps (titles only) kept by this process between requests, by
/// course and outline version. A change anywhere (another process included) moves the
/// version in the database, and the next request reads the outline again. It holds value
/// snapshots, never model instances: each request makes its own from them (issue 16).
final class OutlineCache: @unchecked Sendable {
    struct Entry: Sendable { var version: Int; var sections: [CourseSection.Snapshot]; var activities: [CourseActivity.Snapshot] }
    private let lock = NSLock()
    private var entries: [UUID: Entry] = [:]

    func get(_ course: UUID, version: Int) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[course], entry.version == version else { return nil }
        return entry
    }

    func put(_ course: UUID, version: Int, sections: [CourseSection.Snapshot], activities: [CourseActivity.Snapshot]) {
        lock.lock(); defer { lock.unlock() }
        // A handful of courses in practice; a bound keeps a runaway catalogue from growing it.
        if entries.count >= 200 { entries.removeAll() }
        entries[course] = Entry(version: version, sections: sections, activities: activities)
    }
}

extension Application {
    private struct OutlineCacheKey: StorageKey { typealias Value = OutlineCache }
    var outlineCache: OutlineCache {
        if let cache = storage[OutlineCacheKey.self] { return cache }
        let cache = OutlineCache()
        storage[OutlineCacheKey.self] = cache
        return cache
    }
}
