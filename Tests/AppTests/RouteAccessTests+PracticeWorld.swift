import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Support between colleagues of school A, made through the pages by those taking part:
/// teacher A asks and counsellor A takes it; counsellor A coaches, teacher A asks for
/// coaching; teacher A starts groups with counsellor A and a colleague of this world.
extension RouteAccessTests.World {
    /// Teacher A's open question to colleagues of school A.
    func helpRequest() async throws -> UUID {
        try await once("helpRequest") {
            let question = "How do I answer a parent who writes every evening? (\(n))"
            try await post(
                as: Fixtures.teacherA, "/support/ask",
                [
                    ("school", schoolA.uuidString), ("topic", "parents"),
                    ("urgency", "this_week"), ("question", question),
                ])
            return try #require(try await HelpRequest.query(on: app.db).filter(\.$question == question).first()).requireID()
        }
    }

    /// The conversation between teacher A (who asked) and counsellor A (who took the question).
    func engagement() async throws -> UUID {
        try await once("engagement") {
            let request = try await helpRequest()
            return try Self.lastID(try await post(as: Fixtures.counsellorA, "/support/requests/\(request)/take"))
        }
    }

    /// A meeting planned by teacher A in `engagement`.
    func meeting(in engagement: UUID) async throws -> UUID {
        try await once("meeting-\(engagement)") {
            try await post(
                as: Fixtures.teacherA, "/support/engagements/\(engagement)/meetings",
                [
                    ("date", "2030-01-15"), ("time", "15:00"), ("time_zone", "Europe/Riga"), ("duration", "45"),
                    ("place", "Library"), ("repeats", "once"),
                ])
            return try #require(try await Meeting.query(on: app.db).filter(\.$engagement.$id == engagement).first()).requireID()
        }
    }

    /// Teacher A's request for coaching from any coach of school A; counsellor A coaches there.
    func coachingRequest() async throws -> UUID {
        try await once("coachingRequest") {
            try await post(
                as: Fixtures.counsellorA, "/support/coaching/offer",
                [("school", schoolA.uuidString), ("topics", "Classroom climate"), ("capacity", "3"), ("active", "1")])
            let topic = "Calmer starts to lessons (\(n))"
            try await post(as: Fixtures.teacherA, "/support/coaching/request", [("school", schoolA.uuidString), ("coach", "anyone"), ("topic", topic)])
            return try #require(try await CoachingRequest.query(on: app.db).filter(\.$topic == topic).first()).requireID()
        }
    }

    /// An observation protocol of school A written by teacher A.
    func schoolProtocol() async throws -> UUID {
        try await once("protocol") {
            let name = "Questions \(n)"
            try await post(
                as: Fixtures.teacherA, "/support/observation/protocols",
                [("school", schoolA.uuidString), ("name", name), ("look_fors", "Open questions\nWait time")])
            return try #require(try await SchoolProtocol.query(on: app.db).filter(\.$name == name).first()).requireID()
        }
    }

    /// A group started by teacher A with counsellor A and a colleague of this world; for a
    /// case group, `agreed`: teacher and counsellor have agreed to its confidentiality.
    func group(_ kind: String, agreed: Bool = false) async throws -> UUID {
        try await once("group-\(kind)-\(agreed)") {
            let counsellor = try await userID(Fixtures.counsellorA), colleague = try await member().user
            let location = try await post(
                as: Fixtures.teacherA, "/support/groups/new",
                [
                    ("kind", kind), ("school", schoolA.uuidString), ("name", "Year 8 team \(n)"), ("purpose", "Pupils who stop coming"),
                    ("members[]", counsellor.uuidString), ("members[]", colleague.uuidString),
                ])
            let id = try Self.lastID(location)
            if agreed {
                for person in [Fixtures.teacherA, Fixtures.counsellorA] { try await post(as: person, "/support/engagements/\(id)/agree") }
            }
            return id
        }
    }

    /// A case session of an intervision group, facilitated by teacher A, on counsellor A's case.
    func caseSession() async throws -> (group: UUID, session: UUID) {
        try await once("caseSession") {
            let group = try await group("intervision", agreed: true)
            let location = try await post(
                as: Fixtures.teacherA, "/support/engagements/\(group)/sessions",
                [
                    ("title", "A pupil in year 8 who stopped handing in work"),
                    ("case_owner", try await userID(Fixtures.counsellorA).uuidString),
                ])
            return (group, try Self.lastID(location))
        }
    }
}
