import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Issue #14, class 9: a GET never changes state. A Markdown image pointing at `/support`
/// (in a handbook chapter, a note, anywhere) made the reader's browser mark their
/// notifications read; now only the page's own POST forms do.
@Suite("GET never changes state")
struct SafeMethodTests {
    func notify(_ email: String, on db: any Database) async throws -> UUID {
        let user = try #require(try await User.query(on: db).filter(\.$email == email).first())
        let notification = AppNotification(userID: try user.requireID(), kind: .noteShared, actor: "Ilze Ozola", link: "/support")
        try await notification.save(on: db)
        return try notification.requireID()
    }

    func unread(_ email: String, on db: any Database) async throws -> Int {
        let user = try #require(try await User.query(on: db).filter(\.$email == email).first())
        return try await AppNotification.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$readAt == nil).count()
    }

    @Test("Showing My support marks nothing read; the Mark as read buttons (POST with CSRF) do")
    func notificationsReadOnlyByPost() async throws {
        try await withApp { app, ctx in
            let first = try await notify(Fixtures.teacherA, on: app.db)
            _ = try await notify(Fixtures.teacherA, on: app.db)
            let theirs = try await notify(Fixtures.counsellorA, on: app.db)
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)

            // The GET a cross-site image would make, twice: still new, and counted in the header.
            for _ in 0..<2 {
                let page = try await teacher.get("/support")
                #expect(page.status == .ok)
                #expect(page.contains("(2 new)"))
                #expect(page.contains("action=\"/support/notifications/\(first)/read\""))
                #expect(page.contains("id=\"notifications-read-all\""))
            }
            #expect(try await unread(Fixtures.teacherA, on: app.db) == 2)

            // A forged POST without the CSRF token is refused.
            let forged = try await teacher.post("/support/notifications/read", csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await unread(Fixtures.teacherA, on: app.db) == 2)

            // One, then someone else's (changes nothing), then all.
            #expect(try await teacher.post("/support/notifications/\(first)/read").status == .seeOther)
            #expect(try await unread(Fixtures.teacherA, on: app.db) == 1)
            try await teacher.post("/support/notifications/\(theirs)/read")
            #expect(try await unread(Fixtures.counsellorA, on: app.db) == 1)
            let all = try await teacher.post("/support/notifications/read")
            #expect(all.status == .seeOther)
            #expect(try await unread(Fixtures.teacherA, on: app.db) == 0)
            let after = try await teacher.get("/support")
            #expect(!after.contains("(2 new)") && !after.contains("(1 new)"))
            #expect(!after.contains("id=\"notifications-read-all\""))
        }
    }
}
