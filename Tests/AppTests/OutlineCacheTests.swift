import Fluent
import Foundation
import Testing

@testable import App

/// The outline cache keeps values between requests, never model instances (issue 16, point 6).
@Suite("Course outline cache")
struct OutlineCacheTests {
    @Test("Each read gets its own modules and steps, equal to the stored ones; what one request changes on them reaches no other")
    func ownInstances() async throws {
        try await withApp { app, _ in
            try await CourseLibrary.sync(CourseTests.document(), on: app.db)
            let course = try #require(try await Course.query(on: app.db).filter(\.$slug == CourseTests.slug).first())
            let cache = OutlineCache()
            let first = try await CourseOutline.cached(course, on: app.db, cache: cache)
            let second = try await CourseOutline.cached(course, on: app.db, cache: cache)
            let fresh = try await CourseOutline.load(course, on: app.db)
            #expect(second.activities.map(\.key) == fresh.activities.map(\.key))
            #expect(second.activities.map(\.titles) == fresh.activities.map(\.titles))
            #expect(second.activities.map(\.$section.id) == fresh.activities.map(\.$section.id))
            #expect(second.sections.map(\.texts) == fresh.sections.map(\.texts))
            #expect(second.sections.allSatisfy { $0.$id.exists } && second.activities.allSatisfy { $0.$id.exists })
            let firstStep = try #require(first.activities.first), secondStep = try #require(second.activities.first)
            #expect(firstStep !== secondStep, "two reads never share a model instance")
            firstStep.titleJSON = #"{"en":"Changed by one request"}"#
            first.sections[0].textsJSON = #"{"title":{"en":"Changed"},"summary":{}}"#
            let third = try await CourseOutline.cached(course, on: app.db, cache: cache)
            #expect(third.activities.first?.titles["en"] == "Why it matters")
            #expect(third.sections.first?.texts.title["en"] == "Why")
        }
    }
}
