import Fluent
import Vapor

extension Request {
    /// The school the path names (`/schools/{schoolID}/…`), or 404: one lookup for every
    /// page and API call about a school, whichever module serves it. It decides nothing;
    /// the caller asks the `Policy` next.
    func schoolInPath() async throws -> School {
        guard let school = try await School.find(try uuidParameter(SiteURL.schoolIDKey), on: db) else { throw Abort(.notFound) }
        return school
    }
}
