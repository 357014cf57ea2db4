import Domain
import Fluent
import Vapor

/// A network's settings, for its coordinators, and its logo, which anyone may fetch (the
/// certificates that show it are public).
struct NetworkSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.networkSettings(.key).pathComponents, use: show)
        routes.post(SiteURL.networkLogo(.key).pathComponents, use: upload)
        routes.get(SiteURL.networkLogoRemove(.key).pathComponents, use: confirmRemove)
        routes.post(SiteURL.networkLogoRemove(.key).pathComponents, use: remove)
        routes.get(SiteURL.networkLogo(.key).pathComponents, use: logo)
    }

    struct LogoForm: Content {
        var logo: File?
    }

    func show(req: Request) async throws -> Response {
        let network = try await authorizedNetwork(req)
        return req.render(NetworkSettingsPage.view(req.pageContext(), try await .load(network: network, on: req.db)))
    }

    /// A file that is no PNG or JPEG, too large or of a size out of range is refused with its
    /// reason beside the field, and the logo in use stays.
    func upload(req: Request) async throws -> Response {
        let network = try await authorizedNetwork(req)
        let id = try network.requireID()
        let file = (try? req.content.decode(LogoForm.self))?.logo
        let bytes = file.map { Array($0.data.readableBytesView) } ?? []
        do {
            _ = try await NetworkLogos.replace(network: id, bytes: bytes, on: req.db)
        } catch let problem as LogoImage.Problem {
            var model = try await NetworkSettingsPage.Model.load(network: network, on: req.db)
            model.logoError = Self.message(problem, req)
            return req.render(NetworkSettingsPage.view(req.pageContext(), model), status: Self.status(problem))
        }
        return req.redirect(to: .networkSettings(.value(id)), notice: req.t("The logo is saved. Certificates show it from now on."))
    }

    /// Asks first, saying what goes (the logo on the certificates and in badge wallets) and what
    /// stays (the certificates themselves, and a new upload at any time).
    func confirmRemove(req: Request) async throws -> Response {
        let network = try await authorizedNetwork(req)
        let id = try network.requireID()
        guard try await NetworkLogos.path(network: id, on: req.db) != nil else {
            return req.redirect(to: .networkSettings(.value(id)), notice: req.t("The logo is removed."))
        }
        return req.confirm(
            req.t("Remove the logo of {network}?", ["network": network.name]),
            consequences: [
                req.t("Certificates, their public check and the issuer's profile show the network's name alone from now on."),
                req.t("The certificates stay valid. You can upload a logo again at any time."),
            ],
            action: .networkLogoRemove(.value(id)), confirmLabel: req.t("Remove the logo"), back: .networkSettings(.value(id)))
    }

    func remove(req: Request) async throws -> Response {
        let network = try await authorizedNetwork(req)
        try await NetworkLogos.remove(network: try network.requireID(), on: req.db)
        return req.redirect(to: .networkSettings(.value(try network.requireID())), notice: req.t("The logo is removed."))
    }

    /// The image as uploaded: only bytes that `LogoImage` read as PNG or JPEG are ever stored,
    /// served with their type (and, from SecurityHeadersMiddleware, `nosniff` and the CSP).
    func logo(req: Request) async throws -> Response {
        guard let image = try await NetworkLogos.image(network: try req.uuidParameter(SiteURL.networkIDKey), on: req.db) else {
            throw Abort(.notFound)
        }
        let etag = "\"\(image.sha256.prefix(32))\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        // The address of the current file (`?v=` its hash) is cached for a day, as is a 304 for
        // it; any other address (an older logo's, or none) is checked again each time.
        let current = req.query[String.self, at: "v"] == image.version
        headers.replaceOrAdd(name: .cacheControl, value: current ? "public, max-age=86400" : "public, no-cache")
        if (req.headers.first(name: .ifNoneMatch) ?? "").split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag
        }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.replaceOrAdd(name: .contentType, value: image.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"logo.\(image.contentType == "image/png" ? "png" : "jpg")\"")
        return Response(status: .ok, headers: headers, body: .init(data: image.image))
    }

    private func authorizedNetwork(_ req: Request) async throws -> Network {
        _ = try req.requireUser()
        guard let network = try await Network.find(try req.uuidParameter(SiteURL.networkIDKey), on: req.db) else { throw Abort(.notFound) }
        try await req.authorize(.manageNetwork, .network(id: try network.requireID()))
        return network
    }

    static func status(_ problem: LogoImage.Problem) -> HTTPResponseStatus {
        switch problem {
        case .empty, .dimensions: .unprocessableEntity
        case .tooLarge: .payloadTooLarge
        case .notAnImage: .unsupportedMediaType
        }
    }

    static func message(_ problem: LogoImage.Problem, _ req: Request) -> String {
        switch problem {
        case .empty:
            req.t("Choose a logo file (PNG or JPEG).")
        case .tooLarge(let bytes):
            req.t(
                "The file is {size} KB; a logo may be at most 200 KB. Save it smaller (fewer pixels, or as JPEG) and upload it again.",
                ["size": req.localizer.number((bytes + 1023) / 1024)])
        case .notAnImage:
            req.t("This file is not a PNG or JPEG image. Save the logo as PNG or JPEG and upload it again.")
        case .dimensions(let width, let height):
            req.t(
                "The logo is {width} × {height} pixels; each side must be between 32 and 2,000 pixels.",
                ["width": req.localizer.number(width), "height": req.localizer.number(height)])
        }
    }
}
