import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import App

/// Issue 17: mail goes through the outbox, in the transaction of its change, is sent once by
/// leased senders, retried or marked undeliverable, and notices follow each person's choice.
@Suite("Mail delivery")
struct MailDeliveryTests {
    static func userID(_ email: String, _ app: Application) async throws -> UUID {
        try #require(try await User.query(on: app.db).filter(\.$email == email).first()?.requireID())
    }

    static func outbox(_ app: Application) async throws -> [OutboxMail] {
        try await OutboxMail.query(on: app.db).sort(\.$createdAt).all()
    }

    /// Moves the test clock to `iso` (UTC), which must be later than now.
    static func move(_ clock: TestClock, to iso: String) throws {
        let moment = try #require(ISO8601DateFormatter().date(from: iso))
        clock.advance(by: moment.timeIntervalSince(clock.now))
    }

    @Test("A rolled-back change queues no mail; a saved one queues exactly its mail")
    func outboxFollowsTheTransaction() async throws {
        try await withApp { app, ctx in
            let message = MailMessage(
                kind: .test, to: "someone@example.org", toName: "Some One", userID: nil, language: "en", subject: "Hello", paragraphs: ["Text"])
            struct Rollback: Error {}
            await #expect(throws: Rollback.self) {
                try await app.db.writeTransaction { db in
                    try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: db)
                    throw Rollback()
                }
            }
            #expect(try await Self.outbox(app).isEmpty)
            let queued = try await app.db.writeTransaction { db in
                try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: db)
            }
            #expect(queued)
            let rows = try await Self.outbox(app)
            #expect(rows.count == 1)
            #expect(rows.first?.message.contains("Message-ID: <") == true)
            #expect(rows.first?.message.contains("Auto-Submitted: auto-generated") == true)
            #expect(rows.first?.message.contains("multipart/alternative") == true)
        }
    }

    @Test("A subject with a line break cannot become a header: the mail is refused, nothing is queued")
    func headerInjectionIsImpossible() async throws {
        try await withApp { app, ctx in
            let message = MailMessage(
                kind: .test, to: "someone@example.org", toName: "Eve\r\nBcc: all@example.org", userID: nil, language: "en",
                subject: "Hi\r\nBcc: all@example.org", paragraphs: ["Text"])
            let rendered = try? Outbox.render(message, from: app.config.mail.from, now: ctx.clock.now)
            #expect(rendered == nil)
            let queued = try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: app.db)
            #expect(!queued)
            #expect(try await Self.outbox(app).isEmpty)
        }
    }

    @Test("Two senders never hold the same mail; a sender that died leaves it for another after the lease")
    func leaseClaimsOnce() async throws {
        try await withApp { app, ctx in
            for n in 1...3 {
                let message = MailMessage(kind: .test, to: "r\(n)@example.org", toName: nil, userID: nil, language: "en", subject: "M\(n)", paragraphs: ["x"])
                try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: app.db)
            }
            let first = OutboxSender(db: app.db, transport: ctx.mailbox, lease: 60, logger: app.logger, owner: "first")
            let second = OutboxSender(db: app.db, transport: ctx.mailbox, lease: 60, logger: app.logger, owner: "second")
            // The first claims all three and "dies" before sending.
            #expect(try await first.claim(now: ctx.clock.now).count == 3)
            #expect(try await second.claim(now: ctx.clock.now).isEmpty)
            ctx.clock.advance(by: 30)
            #expect(try await second.sendBatch(now: ctx.clock.now) == 0)
            // After the lease, the second sends them, each once.
            ctx.clock.advance(by: 31)
            #expect(try await second.sendBatch(now: ctx.clock.now) == 3)
            #expect(try await second.sendBatch(now: ctx.clock.now) == 0)
            let sent = try await ctx.mailbox.messages().map(\.to).sorted()
            #expect(sent == ["r1@example.org", "r2@example.org", "r3@example.org"])
            #expect(try await Self.outbox(app).allSatisfy { $0.status == .sent && $0.sentAt != nil })
        }
    }

    /// A transport whose server is away: every attempt is a temporary failure.
    struct AwayServer: MailTransport {
        func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome] { mails.map { _ in .retry("421 4.3.2 try later") } }
    }

    /// A server that takes mails one by one and then the process dies: `record` fails after
    /// `acceptedBeforeDeath` mails, as a killed process would stop writing.
    struct DyingProcess: MailTransport {
        struct Killed: Error {}
        let acceptedBeforeDeath: Int
        let arrived: NIOLockedValueBox<[String]>

        func deliver(_ mails: [QueuedMail], logger: Logger) async -> [MailOutcome] { mails.map { _ in .sent } }

        func deliver(_ mails: [QueuedMail], logger: Logger, record: (Int, MailOutcome) async throws -> Void) async throws {
            for (index, mail) in mails.enumerated() {
                arrived.withLockedValue { $0.append(mail.to) }
                if arrived.withLockedValue({ $0.count }) > acceptedBeforeDeath { throw Killed() }
                try await record(index, .sent)
            }
        }
    }

    @Test("Each mail is written down as sent before the next goes: a process that dies mid-slice resends one mail, not the slice")
    func outcomesAreWrittenDownOneByOne() async throws {
        try await withApp { app, ctx in
            for index in 1...10 {
                let message = MailMessage(
                    kind: .test, to: "r\(index)@example.org", toName: nil, userID: nil, language: "en", subject: "M", paragraphs: ["x"])
                try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: app.db)
            }
            let arrived = NIOLockedValueBox<[String]>([])
            let dying = OutboxSender(
                db: app.db, transport: DyingProcess(acceptedBeforeDeath: 6, arrived: arrived), lease: 30, logger: app.logger)
            await #expect(throws: DyingProcess.Killed.self) { try await dying.sendBatch(now: ctx.clock.now) }
            // Six reached the server and are marked sent; the seventh reached it as the process died.
            #expect(try await Self.outbox(app).filter { $0.status == .sent }.count == 6)
            // After the lease, another process sends the four left and the seventh again: one duplicate.
            ctx.clock.advance(by: 31)
            let survivor = OutboxSender(db: app.db, transport: ctx.mailbox, lease: 30, logger: app.logger)
            #expect(try await survivor.sendBatch(now: ctx.clock.now) == 4)
            let twice = Set(arrived.withLockedValue { $0 }).intersection(try await ctx.mailbox.messages().map(\.to))
            #expect(twice.count == 1)
            #expect(try await Self.outbox(app).allSatisfy { $0.status == .sent })
        }
    }

    @Test("A server that is away: retried with growing waits, and given up after 48 hours")
    func temporaryFailuresRetryThenFail() async throws {
        try await withApp { app, ctx in
            let message = MailMessage(kind: .test, to: "r@example.org", toName: nil, userID: nil, language: "en", subject: "M", paragraphs: ["x"])
            try await Outbox.enqueue(message, settings: app.config.mail, now: ctx.clock.now, on: app.db)
            let sender = OutboxSender(db: app.db, transport: AwayServer(), lease: 60, logger: app.logger)
            #expect(try await sender.sendBatch(now: ctx.clock.now) == 1)
            var row = try #require(try await Self.outbox(app).first)
            #expect(row.status == .queued && row.attempts == 1)
            #expect(row.nextAttemptAt.timeIntervalSince(ctx.clock.now) == 60)
            // Not tried again before its time.
            #expect(try await sender.sendBatch(now: ctx.clock.now.addingTimeInterval(59)) == 0)
            var tries = 1
            while row.status == .queued, tries < 200 {
                ctx.clock.advance(by: row.nextAttemptAt.timeIntervalSince(ctx.clock.now))
                try await sender.sendBatch(now: ctx.clock.now)
                row = try #require(try await Self.outbox(app).first)
                tries += 1
            }
            #expect(row.status == .failed)
            #expect(row.lastError?.contains("421") == true)
            #expect(row.createdAt.distance(to: ctx.clock.now) <= 48 * 3600)
            #expect(tries > 45)
            // A temporary failure never marks the address.
            #expect(try await Outbox.undeliverable("r@example.org", on: app.db) == nil)
        }
    }

    @Test("A permanent refusal marks the address: nothing more is queued, the person and their leader are told")
    func permanentRefusalMarksTheAddress() async throws {
        try await withApp { app, ctx in
            ctx.mailbox.refuses = [Fixtures.teacherA]
            try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(try await ctx.mailbox.messages().isEmpty)
            let marked = try #require(try await Outbox.undeliverable(Fixtures.teacherA, on: app.db))
            #expect(marked.reason.contains("550"))
            #expect(try await Self.outbox(app).first?.status == .failed)

            // A second reset queues nothing for the known-bad address.
            try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(try await Self.outbox(app).count == 1)

            let teacher = ctx.browser(language: "en")
            try await teacher.login(Fixtures.teacherA)
            let home = try await teacher.get("/")
            #expect(home.contains("id=\"undeliverable\""))
            #expect(home.contains("cannot be delivered"))

            let leader = ctx.browser(language: "en")
            try await leader.login(Fixtures.leaderA)
            let school = try await leader.get("/schools/\(ctx.fixtures.schoolA)")
            #expect(school.contains("E-mail cannot be delivered"))
            // A colleague who does not manage staff is not told about someone else's address.
            let counsellor = ctx.browser(language: "en")
            try await counsellor.login(Fixtures.counsellorA)
            #expect(!(try await counsellor.get("/schools/\(ctx.fixtures.schoolA)")).contains("E-mail cannot be delivered"))

            // The teacher's mailbox works again: they say so, and mail is queued for it again.
            #expect(try await teacher.get("/account/notifications").contains("id=\"retry-address\""))
            let retried = try await teacher.post("/account/notifications/retry", form: [:])
            #expect(retried.status == .seeOther)
            #expect(try await Outbox.undeliverable(Fixtures.teacherA, on: app.db) == nil)
            #expect(!(try await teacher.get("/")).contains("id=\"undeliverable\""))
            ctx.mailbox.refuses = []
            try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            #expect(try await ctx.mailbox.last(to: Fixtures.teacherA)?.kind == .passwordReset)
            // It bounces again (an hour later: three reset mails an hour at most): marked again.
            // Nobody clears another's mark: the counsellor's click concerns their own address only.
            ctx.mailbox.refuses = [Fixtures.teacherA]
            ctx.clock.advance(by: 3601)
            try await ctx.browser().post("/password/forgot", form: ["email": Fixtures.teacherA])
            _ = try await ctx.mailbox.messages()
            #expect(try await Outbox.undeliverable(Fixtures.teacherA, on: app.db) != nil)
            try await counsellor.post("/account/notifications/retry", form: [:])
            #expect(try await Outbox.undeliverable(Fixtures.teacherA, on: app.db) != nil)
        }
    }

    @Test("A leader cannot learn from a mark that another school's mail bounced: their invitation tries once, and its own bounce shows")
    func invitationBadgeIsTheSchoolsOwn() async throws {
        try await withApp { app, ctx in
            // School A's invitation to this address bounced.
            ctx.mailbox.refuses = ["gone@example.org"]
            let leaderA = ctx.browser(language: "en")
            try await leaderA.login(Fixtures.leaderA)
            try await leaderA.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "gone@example.org", "given_name": "Gone", "family_name": "Away", "role": "teacher", "language": "en"])
            _ = try await ctx.mailbox.messages()
            let marked = try #require(try await Outbox.undeliverable("gone@example.org", on: app.db))
            #expect(try await leaderA.get("/schools/\(ctx.fixtures.schoolA)").contains("E-mail cannot be delivered"))

            // School B's leader invites the same address the next day: before their own mail is
            // refused, their page says nothing of it, and the mail is tried.
            ctx.clock.advance(by: 86_400)
            let leaderB = ctx.browser(language: "en")
            try await leaderB.login(Fixtures.leaderB)
            let invited = try await leaderB.post(
                "/schools/\(ctx.fixtures.schoolB)/invitations",
                form: ["email": "gone@example.org", "given_name": "Gone", "family_name": "Away", "role": "teacher", "language": "en"])
            #expect(invited.status == .seeOther)
            #expect(!(try await leaderB.get("/schools/\(ctx.fixtures.schoolB)")).contains("E-mail cannot be delivered"))
            #expect(try await Self.outbox(app).filter { $0.toAddress == "gone@example.org" && $0.status == .queued }.count == 1)
            // Their own mail is refused: now it shows, and the mark says when.
            _ = try await ctx.mailbox.messages()
            #expect(try await leaderB.get("/schools/\(ctx.fixtures.schoolB)").contains("E-mail cannot be delivered"))
            #expect(try #require(try await Outbox.undeliverable("gone@example.org", on: app.db)).markedAt > marked.markedAt)
        }
    }

    @Test("The leader chooses the invitation's language; without a choice it is the school's")
    func invitationLanguage() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let english = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "emma@example.org", "given_name": "Emma", "family_name": "Byrne", "role": "teacher", "language": "en"])
            #expect(english.status == .seeOther)
            let mail = try #require(try await ctx.mailbox.last(to: "emma@example.org"))
            #expect(mail.subject == "You are invited to join School A on Collegium")
            #expect(mail.message.contains("<html lang=3D\"en\">"))
            #expect(mail.body.contains("/invitations/"))

            let latvian = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "anna@example.org", "given_name": "Anna", "family_name": "Kalniņa", "role": "teacher"])
            #expect(latvian.status == .seeOther)
            let lv = try #require(try await ctx.mailbox.last(to: "anna@example.org"))
            #expect(!lv.subject.hasPrefix("You are invited"))
            #expect(lv.message.contains("<html lang=3D\"lv\">"))

            let bad = try await leader.post(
                "/schools/\(ctx.fixtures.schoolA)/invitations",
                form: ["email": "x@example.org", "given_name": "X", "family_name": "Y", "role": "teacher", "language": "xx"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await ctx.mailbox.last(to: "x@example.org") == nil)
        }
    }

    @Test("An invitation sent again before the first mail left: only the new one goes, and its link works")
    func invitationSentAgain() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            for given in ["Emma", "Emma Jane"] {
                let sent = try await leader.post(
                    "/schools/\(ctx.fixtures.schoolA)/invitations",
                    form: ["email": "emma@example.org", "given_name": given, "family_name": "Byrne", "role": "teacher", "language": "en"])
                #expect(sent.status == .seeOther)
            }
            let mails = try await ctx.mailbox.messages().filter { $0.to == "emma@example.org" }
            #expect(mails.count == 1)
            #expect(mails.first?.body.contains("Hello Emma Jane,") == true)
            let path = try #require(try await ctx.mailbox.lastLinkPath(to: "emma@example.org"))
            #expect(try await ctx.browser().get(path).status == .ok)
        }
    }

    @Test("A roster's language column sets each invitation's language; an unknown one names its line")
    func rosterLanguage() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let bad = try await leader.upload(
                "/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "staff.csv",
                content: "givenName,familyName,email,role,school,language\nEmma,Byrne,emma@example.org,teacher,A-1,klingon\n")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("klingon"))
            let good = try await leader.upload(
                "/schools/\(ctx.fixtures.schoolA)/import", field: "file", filename: "staff.csv",
                content:
                    "givenName,familyName,email,role,school,language\nEmma,Byrne,emma@example.org,teacher,A-1,en\nAnna,Kalniņa,anna@example.org,teacher,A-1,\n")
            #expect(good.status == .seeOther || good.status == .ok)
            #expect(try await ctx.mailbox.last(to: "emma@example.org")?.subject == "You are invited to join School A on Collegium")
            #expect(try await ctx.mailbox.last(to: "anna@example.org")?.message.contains("<html lang=3D\"lv\">") == true)
        }
    }

    @Test("Notices follow each person's choice: at once by e-mail, in the digest, or only in the app")
    func noticesFollowTheChoice() async throws {
        try await withApp { app, ctx in
            let teacherID = try await Self.userID(Fixtures.teacherA, app)
            let counsellorID = try await Self.userID(Fixtures.counsellorA, app)
            let teacher = ctx.browser(language: "en")
            try await teacher.login(Fixtures.teacherA)
            let page = try await teacher.get("/account/notifications")
            #expect(page.status == .ok)
            #expect(page.contains("name=\"kind.note_shared\" value=\"digest\" checked=\"checked\""), "\(page.body)")
            let saved = try await teacher.post("/account/notifications", form: ["kind.note_shared": "now", "kind.group_invited": "app"])
            #expect(saved.status == .seeOther)

            try await MailContext(app, now: ctx.clock.now).run {
                try await Notifications.notify([teacherID, counsellorID], kind: .noteShared, actor: "Jānis Ozols", link: .support, on: app.db)
            }
            // The teacher chose "at once"; the counsellor has the default, the digest.
            let mails = try await ctx.mailbox.messages()
            #expect(mails.count == 1)
            let notice = try #require(mails.first)
            #expect(notice.to == Fixtures.teacherA)
            #expect(notice.kind == .notice)
            // Teacher A never chose a language: the mail speaks their school's (Latvian), not English.
            #expect(notice.subject == "Jānis Ozols kopīgoja ar jums piezīmi.")
            #expect(notice.body.contains("http://collegium.test/support"))
            #expect(notice.message.contains("Auto-Submitted: auto-generated"))

            try await MailContext(app, now: ctx.clock.now).run {
                try await Notifications.notify([teacherID], kind: .groupInvited, actor: "Jānis Ozols", link: .support, on: app.db)
            }
            #expect(try await ctx.mailbox.messages().count == 1)

            // A value that is not a choice: 422, the page says why, nothing is saved.
            let bad = try await teacher.post("/account/notifications", form: ["kind.note_shared": "sms", "digest_hour": "7"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("for each kind"))
            let deliveries = try await NotificationMail.deliveries(of: teacherID, on: app.db)
            #expect(deliveries[.noteShared] == .now)
        }
    }

    @Test("One digest a morning at the person's hour, listing each new notice once, with one-click unsubscribe")
    func morningDigest() async throws {
        try await withApp { app, ctx in
            let teacherID = try await Self.userID(Fixtures.teacherA, app)
            try Self.move(ctx.clock, to: "2026-12-03T12:00:00Z")
            try await Notifications.notify([teacherID], kind: .questionTaken, actor: "Līga Kalniņa", link: .support, on: app.db)
            try await Notifications.notify([teacherID], kind: .meetingPlanned, actor: "Līga Kalniņa", link: .support, on: app.db)

            // 04:30 UTC is 06:30 in Riga (school A's country): before the hour.
            try Self.move(ctx.clock, to: "2026-12-04T04:30:00Z")
            #expect(try await Digests.sendDue(now: ctx.clock.now, context: MailContext(app, now: ctx.clock.now), on: app.db) == 0)
            // 05:15 UTC is 07:15 in Riga.
            try Self.move(ctx.clock, to: "2026-12-04T05:15:00Z")
            #expect(try await Digests.sendDue(now: ctx.clock.now, context: MailContext(app, now: ctx.clock.now), on: app.db) == 1)
            #expect(try await Digests.sendDue(now: ctx.clock.now.addingTimeInterval(3600), context: MailContext(app, now: ctx.clock.now), on: app.db) == 0)

            let digest = try #require(try await ctx.mailbox.last(to: Fixtures.teacherA))
            #expect(digest.kind == .digest)
            // Teacher A never chose a language: the digest is in their school's, Latvian.
            #expect(digest.body.contains("Līga Kalniņa paņēma jūsu jautājumu."))
            #expect(digest.body.contains("Līga Kalniņa ieplānoja tikšanos."))
            // One-click (RFC 8058) is offered with an HTTPS link only: these tests' PUBLIC_URL is http.
            #expect(digest.message.contains("List-Unsubscribe: <http://collegium.test/mail/unsubscribe/"))
            #expect(!digest.message.contains("List-Unsubscribe-Post"))
            var overHTTPS = MailMessage(kind: .digest, to: "r@example.org", toName: nil, userID: nil, language: "en", subject: "S", paragraphs: ["x"])
            overHTTPS.unsubscribeURL = "https://collegium.example/mail/unsubscribe/abc"
            let rendered = try Outbox.render(overHTTPS, from: app.config.mail.from, now: ctx.clock.now).rendered()
            #expect(rendered.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            let header = try #require(digest.message.components(separatedBy: "\r\n").first { $0.hasPrefix("List-Unsubscribe: <") })
            let url = String(header.dropFirst("List-Unsubscribe: <".count).dropLast())
            let path = try #require(URL(string: url)?.path)

            // The next morning, nothing new: no digest. A new notice: a digest with it alone.
            try Self.move(ctx.clock, to: "2026-12-05T06:00:00Z")
            #expect(try await Digests.sendDue(now: ctx.clock.now, context: MailContext(app, now: ctx.clock.now), on: app.db) == 0)
            try await Notifications.notify([teacherID], kind: .noteShared, actor: "Līga Kalniņa", link: .support, on: app.db)
            #expect(try await Digests.sendDue(now: ctx.clock.now, context: MailContext(app, now: ctx.clock.now), on: app.db) == 1)
            let second = try #require(try await ctx.mailbox.last(to: Fixtures.teacherA))
            #expect(second.body.contains("kopīgoja ar jums piezīmi"))
            #expect(!second.body.contains("paņēma jūsu jautājumu"))

            // One click, without a session or a CSRF token, as a mail reader posts it.
            let reader = ctx.browser()
            let done = try await reader.post(path, form: ["List-Unsubscribe": "One-Click"], csrf: false)
            #expect(done.status == .ok)
            #expect(done.contains("id=\"unsubscribed\""))
            let deliveries = try await NotificationMail.deliveries(of: teacherID, on: app.db)
            #expect(!deliveries.values.contains(.digest))
            #expect(try await reader.get("/mail/unsubscribe/" + String(repeating: "A", count: 43)).status == .notFound)

            try Self.move(ctx.clock, to: "2026-12-06T06:00:00Z")
            try await Notifications.notify([teacherID], kind: .noteShared, actor: "Līga Kalniņa", link: .support, on: app.db)
            #expect(try await Digests.sendDue(now: ctx.clock.now, context: MailContext(app, now: ctx.clock.now), on: app.db) == 0)
        }
    }

    @Test("A meeting planned and cancelled mails its .ics at once to a participant who chose so, in the request's transaction")
    func meetingMailCarriesTheCalendar() async throws {
        try await withApp { app, ctx in
            let (path, teacher, counsellor) = try await MeetingTests.conversation(app, ctx)
            let saved = try await teacher.post("/account/notifications", form: ["kind.meeting_planned": "now", "kind.meeting_cancelled": "now"])
            #expect(saved.status == .seeOther)
            let planned = try await counsellor.post(
                path + "/meetings",
                form: ["date": "2026-12-03", "time": "17:00", "time_zone": "Europe/Riga", "duration": "45", "place": "Room 204", "agenda": "Private agenda"])
            #expect(planned.status == .seeOther)
            let mail = try #require(try await ctx.mailbox.last(to: Fixtures.teacherA))
            #expect(mail.kind == .notice)
            #expect(mail.message.contains("text/calendar; method=PUBLISH"))
            #expect(mail.message.contains("collegium-meeting.ics"))
            // The agenda stays in Collegium: the file goes to everyone alike.
            #expect(!mail.message.contains("Private agenda"))
            let meeting = try #require(try await Meeting.query(on: app.db).first())
            let cancelled = try await counsellor.post(path + "/meetings/\(try meeting.requireID())/cancel")
            #expect(cancelled.status == .seeOther)
            let mails = try await ctx.mailbox.messages().filter { $0.to == Fixtures.teacherA }
            #expect(mails.count == 2)
            // The counsellor, who acted, gets nothing.
            #expect(try await ctx.mailbox.last(to: Fixtures.counsellorA) == nil)
        }
    }

    @Test("A question that waits too long is raised once to the school's support staff, without the asker's name")
    func waitingQuestionIsRaised() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            #expect(try await AskAColleagueTests.ask(teacher, school: ctx.fixtures.schoolA).status == .seeOther)
            let counsellorID = try await Self.userID(Fixtures.counsellorA, app)
            let teacherID = try await Self.userID(Fixtures.teacherA, app)
            try await app.db.writeTransaction { db in
                try await NotificationPreference(userID: counsellorID, kind: .questionRaised, delivery: .now).create(on: db)
            }
            let scheduler = AppJobs.scheduler
            // "This week": two days may pass before it counts as waiting too long.
            try await scheduler.runDue(app, now: ctx.clock.now.addingTimeInterval(86_400))
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .questionRaised).count() == 0)
            ctx.clock.advance(by: 2 * 86_400 + 60)
            let now = ctx.clock.now
            let count = try await MailContext(app, now: now).run { try await AskAColleague(db: app.db).raiseWaiting(now: now) }
            #expect(count == 1)
            // The counsellor chose "at once" for this kind: the mail says nothing of who asked.
            let mail = try #require(try await ctx.mailbox.last(to: Fixtures.counsellorA))
            #expect(mail.kind == .notice)
            #expect(!mail.body.contains("teacher.a"))
            let raised = try await AppNotification.query(on: app.db).filter(\.$kind == .questionRaised).all()
            #expect(raised.map { $0.$user.id } == [counsellorID])
            #expect(raised.first?.actor == "")
            // Raised once: running again tells nobody more.
            #expect(try await AskAColleague(db: app.db).raiseWaiting(now: ctx.clock.now.addingTimeInterval(3600)) == 0)
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == .questionRaised).count() == 1)
            #expect(!raised.contains { $0.$user.id == teacherID })
        }
    }

    @Test("Each job runs once per period, however many schedulers share the database")
    func jobsRunOnce() async throws {
        try await withApp { app, ctx in
            let counter = NIOLockedCounter()
            let job = ScheduledJob(name: "count", every: 600) { _, _ in counter.increment() }
            let one = JobScheduler(jobs: [job], owner: "one")
            let two = JobScheduler(jobs: [job], owner: "two")
            async let a = one.runDue(app, now: ctx.clock.now)
            async let b = two.runDue(app, now: ctx.clock.now)
            _ = try await (a, b)
            #expect(counter.value == 1)
            #expect(try await one.runDue(app, now: ctx.clock.now.addingTimeInterval(599)).isEmpty)
            #expect(try await two.runDue(app, now: ctx.clock.now.addingTimeInterval(600)) == ["count"])
            #expect(counter.value == 2)
        }
    }

    @Test("The mail settings are checked at boot, naming the variable")
    func configurationIsChecked() throws {
        #expect(throws: ConfigError.self) { try AppConfig.load(from: ["SMTP_URL": "smtp+starttls://user:secret@mail.example.org:587"]) }
        do {
            _ = try AppConfig.load(from: ["SMTP_URL": "smtp+starttls://user:secret@mail.example.org:587"])
        } catch {
            #expect(error.problems.contains { $0.hasPrefix("MAIL_FROM") })
        }
        do {
            _ = try AppConfig.load(from: ["SMTP_URL": "ftp://mail.example.org", "MAIL_FROM": "Collegium <noreply@school.example>"])
            Issue.record("a wrong scheme was accepted")
        } catch {
            #expect(error.problems.contains { $0.hasPrefix("SMTP_URL") })
        }
        do {
            _ = try AppConfig.load(from: ["DKIM_SELECTOR": "collegium"])
            Issue.record("a selector without a key was accepted")
        } catch {
            #expect(error.problems.contains { $0.hasPrefix("DKIM_KEY_FILE") })
        }
        let config = try AppConfig.load(from: ["SMTP_URL": "smtps://user:secret@mail.example.org", "MAIL_FROM": "Skola <noreply@skola.example>"])
        #expect(config.mail.smtp?.port == 465)
        #expect(config.mail.from.address == "noreply@skola.example")
        #expect(config.mail.from.displayName == "Skola")
    }
}

/// A count shared with a job's closure.
final class NIOLockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
