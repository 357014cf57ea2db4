import Foundation
import Vapor

/// Courses' modules and steps (titles only) kept by this process between requests, by
/// course and outline version. A change anywhere (another process included) moves the
/// version in the database, and the next request reads the outline again.
final class OutlineCache: @unchecked Sendable {
    struct Entry { var version: Int; var sections: [CourseSection]; var activities: [CourseActivity] }
    private let lock = NSLock()
    private var entries: [UUID: Entry] = [:]

    func get(_ course: UUID, version: Int) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[course], entry.version == version else { return nil }
        return entry
    }

    func put(_ course: UUID, version: Int, sections: [CourseSection], activities: [CourseActivity]) {
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
