import Domain
import Fluent
import Vapor

/// `/api/v1/wellbeing`: the person's own history, and the same guarded figures as the pages.
struct WellbeingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let wellbeing = routes.grouped("wellbeing")
        wellbeing.get("me", use: me)
        wellbeing.get("schools", ":schoolID", use: school)
        wellbeing.get("networks", ":networkID", use: network)
    }

    func me(req: Request) async throws -> [WellbeingAPI.Entry] {
        let user = try req.requireAPIUser()
        return try await CheckInService(db: req.db).history(of: user)
            .map { .init(period: $0.period, wellbeing: $0.wellbeing, burnout: $0.burnout, note: $0.note) }
    }

    func school(req: Request) async throws -> WellbeingAPI.SchoolReport {
        _ = try req.requireAPIUser()
        let school = try await req.schoolInPath()
        try await req.authorize(.viewWellbeingFigures, school.policyResource)
        let figures = try await WellbeingFigures.load(family: try await WellbeingFigures.family(of: school, on: req.db), now: req.now, on: req.db)
        return try figures.schoolReport(school)
    }

    func network(req: Request) async throws -> WellbeingAPI.NetworkReport {
        _ = try req.requireAPIUser()
        guard let network = try await Network.find(try req.uuidParameter(SiteURL.networkIDKey), on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.viewWellbeingFigures, .network(id: try network.requireID()))
        // The API keeps the database's order, the same for every client whatever its language;
        // pages sort for their reader (Collation).
        let schools = try await School.query(on: req.db).filter(\.$network.$id == network.requireID()).sort(\.$name).all()
        return try await WellbeingFigures.load(family: schools, now: req.now, on: req.db).networkReport(network)
    }
}
