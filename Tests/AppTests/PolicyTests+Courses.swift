import Domain
import Foundation
import Testing

@testable import App

/// The course resources, one example each (the full matrix is `PolicyMatrixTests+Courses.swift`).
extension PolicyTests {
    @Test("Courses: anyone reads the catalogue; signed-in people take a published course; coordinators author, form cohorts and preview drafts")
    func courses() {
        let published = Policy.Resource.course(published: true)
        let draft = Policy.Resource.course(published: false)
        for who in Who.allCases {
            let p = Self.principal(who)
            let authors = [.coordinator, .otherCoordinator, .admin].contains(who)
            #expect(Policy.allows(p, .view, published), "\(who)")
            #expect(Policy.allows(p, .takeCourse, published) == (who != .anonymous), "\(who)")
            #expect(Policy.allows(p, .view, draft) == authors, "\(who)")
            #expect(Policy.allows(p, .takeCourse, draft) == authors, "\(who)")
            #expect(Policy.allows(p, .authorCourse, published) == authors, "\(who)")
            #expect(Policy.allows(p, .manageCohort, published) == authors, "\(who)")
        }
        #expect(Policy.denialStatus(Self.principal(.teacherA), draft) == .notFound)
        #expect(Policy.denialStatus(Self.principal(.teacherA), published) == .forbidden)
    }

    @Test("Cohorts: followed by their facilitator and the coordinators of their network, nobody else")
    func cohorts() {
        let facilitator = UUID()
        let cohort = Policy.Resource.cohort(facilitatorID: facilitator, networkID: Self.network)
        for who in Who.allCases {
            #expect(Policy.allows(Self.principal(who), .followCohort, cohort) == [.coordinator, .admin].contains(who), "\(who)")
        }
        let f = Principal(userID: facilitator, isAdmin: false, schoolRoles: [Self.schoolA: .counsellor], coordinatedNetworks: [])
        #expect(Policy.allows(f, .followCohort, cohort))
        #expect(!Policy.allows(f, .followCohort, .cohort(facilitatorID: UUID(), networkID: Self.network)), "another facilitator's cohort")
        #expect(!Policy.allows(f, .manageCohort, .course(published: true)), "a facilitator does not form cohorts")
        #expect(Policy.denialStatus(f, .cohort(facilitatorID: UUID(), networkID: Self.otherNetwork)) == .notFound)
    }

    @Test(
        "Reflections and quiz answers: a private reflection is its author's alone; a shared one is read and commented on by the cohort; quiz answers are the learner's alone, even for admins"
    )
    func reflections() {
        let author = UUID(), peer = UUID(), facilitator = UUID(), stranger = UUID()
        func person(_ id: UUID, admin: Bool = false, networks: Set<UUID> = []) -> Principal {
            Principal(userID: id, isAdmin: admin, schoolRoles: [Self.schoolA: .teacher], coordinatedNetworks: networks)
        }
        let members: Set<UUID> = [author, peer, facilitator]
        let privateOne = Policy.Resource.reflection(authorID: author, shared: false, cohortMembers: members)
        let sharedOne = Policy.Resource.reflection(authorID: author, shared: true, cohortMembers: members)
        #expect(Policy.allows(person(author), .readReflection, privateOne))
        for other in [peer, facilitator] {
            #expect(!Policy.allows(person(other), .readReflection, privateOne), "private: not even the cohort")
            #expect(Policy.allows(person(other), .readReflection, sharedOne))
            #expect(Policy.allows(person(other), .commentOnReflection, sharedOne))
            #expect(!Policy.allows(person(other), .commentOnReflection, privateOne))
        }
        for outsider in [person(stranger), person(UUID(), admin: true), person(UUID(), networks: [Self.network])] {
            #expect(!Policy.allows(outsider, .readReflection, sharedOne), "outside the cohort, whatever the rank")
            #expect(!Policy.allows(outsider, .commentOnReflection, sharedOne))
            #expect(!Policy.allows(outsider, .viewQuizAttempts, .quizAttempts(learnerID: author)))
        }
        #expect(!Policy.allows(nil, .readReflection, sharedOne))
        #expect(Policy.allows(person(author), .viewQuizAttempts, .quizAttempts(learnerID: author)))
        #expect(!Policy.allows(person(facilitator), .viewQuizAttempts, .quizAttempts(learnerID: author)), "facilitators see item difficulty, never answers")
        #expect(Policy.denialStatus(person(peer), privateOne) == .notFound)
    }

    @Test("A course's evaluation report is read by whoever may follow one of its cohorts")
    func courseEvaluation() {
        let facilitator = UUID()
        let evaluation = Policy.Resource.courseEvaluation(cohorts: [.init(facilitatorID: facilitator, networkID: Self.network)])
        for who in Who.allCases {
            #expect(Policy.allows(Self.principal(who), .followCohort, evaluation) == [.coordinator, .admin].contains(who), "\(who)")
        }
        let f = Principal(userID: facilitator, isAdmin: false, schoolRoles: [:], coordinatedNetworks: [])
        #expect(Policy.allows(f, .followCohort, evaluation))
        #expect(!Policy.allows(f, .manageSurvey, evaluation), "reading the report is all")
        #expect(!Policy.allows(f, .followCohort, .courseEvaluation(cohorts: [])))
    }

    @Test("Certificates are revoked by the coordinators of the issuing network only")
    func credentials() {
        let mine = Policy.Resource.credential(issuingNetwork: Self.network)
        for who in Who.allCases {
            #expect(Policy.allows(Self.principal(who), .manageCohort, mine) == [.coordinator, .admin].contains(who), "\(who)")
        }
        #expect(!Policy.allows(Self.principal(.coordinator), .manageCohort, .credential(issuingNetwork: nil)), "taken alone: admins only")
        #expect(Policy.allows(Self.principal(.admin), .manageCohort, .credential(issuingNetwork: nil)))
    }
}
