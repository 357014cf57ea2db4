import Fluent
import Foundation
import Testing
import Vapor

@testable import App

extension AskAColleagueTests {
    /// What one attempt came to, kept whole: a race test that turned errors into nil (`try?`)
    /// would pass whatever the loser was told, a database error included (issue 15).
    static func outcome(_ attempt: () async throws -> Engagement) async -> Result<Engagement, any Error> {
        do { return .success(try await attempt()) } catch { return .failure(error) }
    }

    @Test(
        "Two colleagues take the same question at once: one gets it, the other is told it is taken; one conversation, between the asker and the one who took it"
    )
    func takenOnce() async throws {
        try await withApp { app, ctx in
            let teacher = ctx.browser()
            try await teacher.login(Fixtures.teacherA)
            _ = try await Self.ask(teacher, topic: "workload", school: ctx.fixtures.schoolA)
            let request = try #require(try await HelpRequest.query(on: app.db).first())
            let other = try await Fixtures.addMember("psychologist.a@example.org", school: ctx.fixtures.schoolA, role: .psychologist, on: app)
            let service = AskAColleague(db: app.db)
            let askerID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.teacherA).first()?.requireID())
            let counsellorID = try #require(try await User.query(on: app.db).filter(\.$email == Fixtures.counsellorA).first()?.requireID())
            let otherID = try #require(try await User.query(on: app.db).filter(\.$email == other).first()?.requireID())

            async let first = Self.outcome { try await service.take(request, helperID: counsellorID) }
            async let second = Self.outcome { try await service.take(request, helperID: otherID) }
            let results = await [(counsellorID, first), (otherID, second)]

            let winners = results.compactMap { helper, result -> (UUID, Engagement)? in
                if case .success(let engagement) = result { (helper, engagement) } else { nil }
            }
            try #require(winners.count == 1, "exactly one colleague takes the question: \(results.map(\.1))")
            let (helperID, engagement) = winners[0]
            for case (_, .failure(let error)) in results {
                #expect((error as? AskAColleague.Failure) == .alreadyTaken, "the other is told it is taken, not some other error: \(error)")
            }

            // Stored: the question is the winner's, with one conversation between the asker and them.
            let stored = try #require(try await HelpRequest.find(request.id, on: app.db))
            #expect(stored.status == .taken)
            #expect(stored.$takenBy.id == helperID)
            #expect(stored.$engagement.id == engagement.id)
            #expect(try await Engagement.query(on: app.db).all().map(\.id) == [engagement.id])
            let participants = try await EngagementParticipant.query(on: app.db).all()
            #expect(Set(participants.map { "\($0.$user.id) \($0.role.rawValue)" }) == ["\(askerID) asker", "\(helperID) helper"])
            #expect(participants.allSatisfy { $0.$engagement.id == engagement.id } && participants.count == 2)
            let notes = try await EngagementNote.query(on: app.db).all()
            #expect(notes.map(\.text) == [request.question], "the question is the conversation's first note, once")
        }
    }
}
