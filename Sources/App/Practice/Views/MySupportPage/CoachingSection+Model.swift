import Domain
import Fluent
import Foundation
import Vapor

/// The coaching part of "My support".
enum CoachingSection {
    struct RequestForMe {
        var id: UUID
        var requester: String
        var topic: String
        var suggestedBy: String?
        var addressedToMe: Bool
    }

    struct Offer {
        var schoolID: UUID
        var schoolName: String
        var topics: String
        var capacity: Int
        var active: Bool
        var freePlaces: Int
    }

    struct Model {
        var forMe: [RequestForMe] = []
        var mine: [(id: UUID, topic: String, coach: String?)] = []
        var offers: [Offer] = []
        /// Other coaches of each school, to pass a request to.
        var colleagues: [UUID: [(id: UUID, name: String)]] = [:]
        var requestSchool: [UUID: UUID] = [:]
        var mayRequest = false

        static func load(principal: Principal, schools: [School], on db: any Database) async throws -> Model {
            let coaching = Coaching(db: db)
            let mySchools = try await coaching.coachingSchools(of: principal.userID)
            var model = Model()
            model.mayRequest = schools.contains { Policy.allows(principal, .requestCoaching, $0.policyResource) }
            let existing = try await CoachOffer.query(on: db).filter(\.$user.$id == principal.userID).all()
            for school in schools {
                guard let id = school.id, Policy.allows(principal, .offerCoaching, school.policyResource) else { continue }
                let offer = existing.first { $0.$school.id == id }
                model.offers.append(
                    Offer(
                        schoolID: id, schoolName: school.name, topics: offer?.topics ?? "", capacity: offer?.capacity ?? 2,
                        active: offer?.active ?? false,
                        freePlaces: try await coaching.freePlaces(coachID: principal.userID, schoolID: id)))
            }
            let waiting = try await CoachingRequest.query(on: db).filter(\.$school.$id ~~ schools.compactMap(\.id))
                .filter(\.$status == .waiting).with(\.$requester).with(\.$coach).sort(\.$createdAt).all()
            for request in waiting {
                let id = try request.requireID()
                if request.$requester.id == principal.userID {
                    model.mine.append((id, request.topic, request.coach?.fullName))
                } else if Policy.allows(principal, .respondToCoachingRequest, Coaching.resource(request, viewerCoachesIn: mySchools)) {
                    model.forMe.append(
                        RequestForMe(
                            id: id, requester: request.requester.fullName, topic: request.topic,
                            suggestedBy: request.suggestedByName, addressedToMe: request.$coach.id == principal.userID))
                    model.requestSchool[id] = request.$school.id
                }
            }
            for offer in try await coaching.offers(in: Array(mySchools)) where offer.$user.id != principal.userID {
                model.colleagues[offer.$school.id, default: []].append((offer.$user.id, offer.user.fullName))
            }
            return model
        }
    }
}
