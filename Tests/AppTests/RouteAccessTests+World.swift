import Domain
import Fluent
import Foundation
import Testing
import Vapor

@testable import App

extension RouteAccessTests {
    /// The objects a row's requests need, made on first use: a school A survey, conversation,
    /// course, ... (see `check` for who shares them). Most are made through the pages by the
    /// people who would make them (the leader publishes the survey, the counsellor takes the
    /// teacher's question), so they are what the product makes.
    final class World: @unchecked Sendable {
        let harness: Harness
        /// Tells this world's names apart from the other worlds' in the same app.
        let n: Int
        private var made: [String: any Sendable] = [:]

        init(harness: Harness) {
            self.harness = harness
            self.n = harness.next()
        }

        var app: Application { harness.app }
        var fixtures: Fixtures { harness.ctx.fixtures }
        var schoolA: UUID { fixtures.schoolA }

        /// Makes an object once per world.
        func once<T: Sendable>(_ key: String, _ make: () async throws -> T) async throws -> T {
            if let value = made[key] as? T { return value }
            let value = try await make()
            made[key] = value
            return value
        }

        func signedIn(_ email: String) async throws -> Browser { try await harness.signedIn(email) }

        func user(_ email: String) async throws -> User {
            try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        }

        func userID(_ email: String) async throws -> UUID { try await user(email).requireID() }

        /// Posts a form as `email` and expects 303; returns where it leads.
        @discardableResult
        func post(as email: String, _ path: String, _ fields: [(String, String)] = []) async throws -> String {
            let page = try await signedIn(email).post(path, fields: fields)
            #expect(page.status == .seeOther, "setup: \(email) posts \(path) (\(page.status))")
            return try #require(page.location, "setup: \(path) leads nowhere")
        }

        /// The last path segment of a location: the id a creating form leads to.
        static func lastID(_ location: String) throws -> UUID {
            try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")), "no id in \(location)")
        }

        // MARK: accounts

        /// A teacher of school A of this world alone (their membership can be changed or ended).
        func member() async throws -> (user: UUID, membership: UUID) {
            try await once("member") {
                let email = try await Fixtures.addMember("member\(n)@example.org", school: schoolA, role: .teacher, on: app)
                let id = try await userID(email)
                let membership = try #require(try await Membership.query(on: app.db).filter(\.$user.$id == id).first())
                return (id, try membership.requireID())
            }
        }

        /// A teacher of school A whom its leader removed a moment ago: the removal's line in the
        /// staff record (what "restore" undoes).
        func removal() async throws -> UUID {
            try await once("removal") {
                let email = try await Fixtures.addMember("removed\(n)@example.org", school: schoolA, role: .teacher, on: app)
                let id = try await userID(email)
                let membership = try #require(try await Membership.query(on: app.db).filter(\.$user.$id == id).first())
                try await StaffRecord.remove(membership, by: nil, at: harness.ctx.clock.now, on: app.db)
                let change = try #require(
                    try await StaffChange.query(on: app.db).filter(\.$user.$id == id).filter(\.$kind == .left).first())
                return try change.requireID()
            }
        }

        /// A pending invitation to school A, sent by its leader: its id and the secret of its link.
        func invitation() async throws -> (id: UUID, token: String) {
            try await once("invitation") {
                let email = "invited\(n)@example.org"
                try await post(
                    as: Fixtures.leaderA, "/schools/\(schoolA)/invitations",
                    [("email", email), ("given_name", "Ieva"), ("family_name", "Jauna"), ("role", "teacher")])
                let link = try #require(try await harness.ctx.mailbox.lastLinkPath(to: email))
                let invitation = try #require(try await Invitation.query(on: app.db).filter(\.$email == email).first())
                return (try invitation.requireID(), String(link.split(separator: "/").last ?? ""))
            }
        }

        /// The secret of a usable password reset link of a person of this world.
        func resetToken() async throws -> String {
            try await once("reset") {
                let email = try await Fixtures.addMember("reset\(n)@example.org", school: schoolA, role: .teacher, on: app)
                let token = SecretToken.generate()
                try await PasswordReset(
                    tokenHash: SecretToken.hash(token), userID: try await userID(email),
                    expiresAt: harness.ctx.clock.now.addingTimeInterval(3600)
                ).save(on: app.db)
                return token
            }
        }

        /// A digest's one-click unsubscribe link of a member of school A.
        func unsubscribeToken() async throws -> String {
            try await once("unsubscribe") {
                let email = try await Fixtures.addMember("digest\(n)@example.org", school: schoolA, role: .teacher, on: app)
                let token = SecretToken.generate()
                try await UnsubscribeLink(tokenHash: SecretToken.hash(token), userID: try await userID(email), createdAt: harness.ctx.clock.now)
                    .save(on: app.db)
                return token
            }
        }

        /// Teacher A's API token (its id) made for this world.
        func teacherTokenID() async throws -> UUID {
            try await once("apiToken") {
                let secret = try await APITokens.issue(name: "world \(n)", for: try await user(Fixtures.teacherA), on: app.db)
                let token = try #require(try await APIToken.query(on: app.db).filter(\.$tokenHash == SecretToken.hash(secret)).first())
                return try token.requireID()
            }
        }

        /// An unread notification of teacher A.
        func teacherNotification() async throws -> UUID {
            try await once("notification") {
                let note = AppNotification(userID: try await userID(Fixtures.teacherA), kind: .noteShared, actor: "A colleague", link: "/support")
                try await note.save(on: app.db)
                return try note.requireID()
            }
        }

        /// The secret of the calendar feed of this world's colleague (one feed per person).
        func feed() async throws -> String {
            try await once("feed") {
                let token = SecretToken.generate()
                try await CalendarFeed(userID: try await member().user, tokenHash: SecretToken.hash(token)).save(on: app.db)
                return token
            }
        }

        // MARK: handbook

        /// A chapter for members only, with two revisions in English; `diverged`: a newer
        /// shipped text waits beside a local edit.
        func chapter(diverged: Bool = false) async throws -> String {
            try await once("chapter\(diverged)") {
                let slug = "members-\(n)"
                let chapter = HandbookChapter(slug: slug, position: 100 + n, practice: nil, isPublic: false)
                try await chapter.save(on: app.db)
                for body in ["## Working together\n\nFirst text.", "## Working together\n\nSecond text."] {
                    try await HandbookLibrary.save(
                        chapter: chapter, language: "en", title: "Working together", summary: "For members.",
                        body: body, note: "", translationCurrent: false, origin: .edited, authorID: nil, on: app.db)
                }
                if diverged {
                    let text = try #require(try await HandbookText.query(on: app.db).filter(\.$chapter.$id == chapter.requireID()).first())
                    text.upstreamTitle = "Working together"
                    text.upstreamBody = "## Working together\n\nThe shipped text."
                    try await text.save(on: app.db)
                }
                return slug
            }
        }
    }
}
