import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Decisions about places, taken at the same moment on several connections (issue 20). On
/// PostgreSQL's READ COMMITTED two transactions used to read the same free place and both
/// take it; they now lock the coach's offer or the programme first. On SQLite writers take
/// turns anyway: the same tests hold there too.
@Suite("Places taken at the same moment")
struct CapacityRaceTests {
    static let rounds = 5
    static let requests = 4

    /// One database per event loop, so that concurrent work really holds different connections.
    static func databases(_ app: Application, count: Int) -> [any Database] {
        let loops = Array(app.eventLoopGroup.makeIterator())
        return (0..<count).map { app.databases.database(logger: app.logger, on: loops[$0 % loops.count])! }
    }

    @Test("A coach with one free place accepts four requests at once: one is taken, three are told there is no place, each round")
    func coachingPlaces() async throws {
        try await withApp { app, ctx in
            let school = ctx.fixtures.schoolA
            let coach = try await GroupTests.id(Fixtures.counsellorA, app)
            try await CoachOffer(userID: coach, schoolID: school, topics: "Classroom climate", capacity: 1).save(on: app.db)
            var requesters: [UUID] = []
            for index in 0..<Self.requests {
                try await Fixtures.addMember("requester\(index)@example.org", school: school, role: .teacher, on: app)
                requesters.append(try await GroupTests.id("requester\(index)@example.org", app))
            }
            for round in 1...Self.rounds {
                var waiting: [CoachingRequest] = []
                for requester in requesters {
                    let request = CoachingRequest(schoolID: school, requesterID: requester, coachID: nil, topic: "Round \(round)")
                    try await request.save(on: app.db)
                    waiting.append(request)
                }
                let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                    for (request, db) in zip(waiting, Self.databases(app, count: waiting.count)) {
                        group.addTask {
                            do {
                                _ = try await Coaching(db: db).accept(request, coachID: coach, actor: "Coach")
                                return "taken"
                            } catch Coaching.Failure.noFreePlace {
                                return "no place"
                            }
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 == "taken" }.count == 1, "round \(round): \(outcomes)")
                #expect(outcomes.filter { $0 == "no place" }.count == Self.requests - 1, "round \(round): \(outcomes)")
                let active = try await Engagement.query(on: app.db).filter(\.$form == .coaching).filter(\.$status == .active).all()
                #expect(active.count == 1, "round \(round): the coach has \(active.count) coachings under way")
                // The coaching ends; the next round finds the place free again.
                for engagement in active {
                    engagement.status = .closed
                    try await engagement.save(on: app.db)
                }
            }
        }
    }

    @Test("Mentor and mentee accept their pair at the same moment: the mentoring begins once, for every pair")
    func bothAcceptAtOnce() async throws {
        try await withApp { app, ctx in
            let setup = try await MentoringTests.setUp(app, ctx)
            #expect(try await setup.leader.post(setup.programmePath + "/propose").status == .seeOther)
            #expect(try await setup.leader.post(setup.programmePath + "/publish").status == .seeOther)
            let programme = try #require(try await MentoringProgramme.query(on: app.db).first())
            let pairs = try await ProgrammePair.query(on: app.db).filter(\.$status == .published).all()
            #expect(pairs.count == 3)
            // Each answer with its own copy of the pair, as two requests load it.
            var answers: [(ProgrammePair, UUID)] = []
            for pair in pairs {
                for person in [pair.$mentor.id, pair.$mentee.id] {
                    answers.append((try #require(try await ProgrammePair.find(try pair.requireID(), on: app.db)), person))
                }
            }
            let begun = try await withThrowingTaskGroup(of: (UUID, UUID?).self) { group in
                for ((pair, person), db) in zip(answers, Self.databases(app, count: answers.count)) {
                    group.addTask {
                        (
                            try pair.requireID(),
                            try await MentoringService(db: db).answer(pair, programme: programme, userID: person, accept: true, actor: "Member")
                        )
                    }
                }
                return try await group.reduce(into: [(UUID, UUID?)]()) { $0.append($1) }
            }
            let after = try await ProgrammePair.query(on: app.db).all()
            #expect(after.allSatisfy { $0.status == .accepted && $0.$engagement.id != nil }, "\(after.map { ($0.status, $0.$engagement.id) })")
            // The answer that began the mentoring says so (the page then opens it).
            for pair in after {
                let said = begun.filter { $0.0 == pair.id }.compactMap(\.1)
                #expect(said == [pair.$engagement.id].compactMap { $0 }, "pair \(pair.id?.uuidString ?? ""): the answers returned \(said)")
            }
            let mentorings = try await Engagement.query(on: app.db).filter(\.$form == .mentoring).count()
            #expect(mentorings == pairs.count, "one mentoring per pair, not \(mentorings)")
        }
    }

    @Test(
        "A leader rules out a pair while another publishes: the pair ends published or ruled out, as the answers said, and a published pair cannot be ruled out"
    )
    func excludeWhilePublishing() async throws {
        try await withApp { app, ctx in
            let setup = try await MentoringTests.setUp(app, ctx)
            #expect(try await setup.leader.post(setup.programmePath + "/propose").status == .seeOther)
            let programme = try #require(try await MentoringProgramme.query(on: app.db).first())
            let pairs = try await ProgrammePair.query(on: app.db).filter(\.$status == .proposed).all()
            let target = try #require(pairs.first).requireID()
            let dbs = Self.databases(app, count: 2)
            async let excluded = MentoringService(db: dbs[0]).exclude(pairID: target, of: programme)
            async let published = MentoringService(db: dbs[1]).publish(programme, by: "Leader")
            let (ruledOut, count) = try await (excluded, published)
            let status = try #require(try await ProgrammePair.find(target, on: app.db)).status
            #expect(status == (ruledOut ? .excluded : .published), "exclude said \(ruledOut), the pair is \(status)")
            #expect(count == pairs.count - (ruledOut ? 1 : 0), "publish counted \(count) of \(pairs.count)")
            // Once published, ruling the pair out is refused and changes nothing.
            let published2 = try #require(try await ProgrammePair.query(on: app.db).filter(\.$status == .published).first())
            let path = setup.programmePath + "/pairs/\(try published2.requireID())/exclude"
            #expect(try await setup.leader.post(path).status == .conflict)
            #expect(try await ProgrammePair.find(try published2.requireID(), on: app.db)?.status == .published)
        }
    }
}
