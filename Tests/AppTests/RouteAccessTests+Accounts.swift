import Testing
import Vapor

@testable import App

/// Signing in and out, password resets, invitations, one's own account; a school's page
/// and staff; the administration.
extension RouteAccessTests {
    // Columns: anonymous, otherSchool, teacher, support, leader, coordinator, otherCoordinator, admin, token
    static let accounts: [Row] = [
        // Signed in already: the login page sends home.
        .get("/login", [.ok, .see, .see, .see, .see, .see, .see, .see, .ok]),
        // A wrong password, whoever sends it (each to an address of their own: no throttling).
        .post(
            "/login", form: { w in [("email", "nobody-\(UUID().uuidString)@example.org"), ("password", "not the password")] },
            [.e401, .e401, .e401, .e401, .e401, .e401, .e401, .e401, .e401]),
        .post("/logout", [.see, .see, .see, .see, .see, .see, .see, .see, .see]),
        .get("/password/forgot", [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/password/forgot", form: { _ in [("email", "nobody@example.org")] },
            [.see, .see, .see, .see, .see, .see, .see, .see, .see]),
        // The link's secret is the key: whoever holds it sees the form; an empty one is refused.
        .get(
            "/password/reset/:token", { "/password/reset/\(try await $0.resetToken())" },
            [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/password/reset/:token", { "/password/reset/\(try await $0.resetToken())" },
            [.e422, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .e422]),
        .get(
            "/invitations/:token", { "/invitations/\(try await $0.invitation().token)" },
            [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/invitations/:token", { "/invitations/\(try await $0.invitation().token)" },
            [.e422, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .e422]),
        .get("/account", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .post("/account/tokens", [.login, .e422, .e422, .e422, .e422, .e422, .e422, .e422, .login]),
        .get("/account/export.json", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        // One's own notification settings: an empty form changes nothing and is saved.
        .get("/account/notifications", [.login, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .login]),
        .post("/account/notifications", [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        .post("/account/notifications/retry", [.login, .see, .see, .see, .see, .see, .see, .see, .login]),
        // A digest's one-click link: its secret is the key, for anyone who holds it, with no
        // session and no CSRF token (a mail reader posts it, RFC 8058).
        .get(
            "/mail/unsubscribe/:token", { "/mail/unsubscribe/\(try await $0.unsubscribeToken())" },
            [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        .post(
            "/mail/unsubscribe/:token", { "/mail/unsubscribe/\(try await $0.unsubscribeToken())" },
            [.ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok, .ok]),
        // A token is its owner's alone: anyone else's request finds nothing, the admin's too.
        .get(
            "/account/tokens/:id/revoke", { "/account/tokens/\(try await $0.teacherTokenID())/revoke" },
            [.login, .e404, .ok, .e404, .e404, .e404, .e404, .e404, .login]),
        .post(
            "/account/tokens/:id/revoke", { "/account/tokens/\(try await $0.teacherTokenID())/revoke" },
            [.login, .e404, .see, .e404, .e404, .e404, .e404, .e404, .login]),
    ]

    static let staff: [Row] = [
        // Members of school A and its network's coordinator; another school's leader does not
        // learn that it exists.
        .get(
            "/schools/:schoolID", { "/schools/\($0.schoolA)" },
            [.login, .e404, .ok, .ok, .ok, .ok, .e404, .ok, .login]),
        .get(
            "/schools/:schoolID/invitations/new", { "/schools/\($0.schoolA)/invitations/new" },
            [.login, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/schools/:schoolID/invitations", { "/schools/\($0.schoolA)/invitations" },
            [.login, .e404, .e403, .e403, .e422, .e422, .e404, .e422, .login]),
        .get(
            "/schools/:schoolID/import", { "/schools/\($0.schoolA)/import" },
            [.login, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/schools/:schoolID/import", { "/schools/\($0.schoolA)/import" },
            [.login, .e404, .e403, .e403, .e422, .e422, .e404, .e422, .login]),
        // The page that asks before cancelling an invitation: those who manage the staff.
        .get(
            "/schools/:schoolID/invitations/:id/cancel", { "/schools/\($0.schoolA)/invitations/\(try await $0.invitation().id)/cancel" },
            [.login, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/schools/:schoolID/invitations/:id/cancel", { "/schools/\($0.schoolA)/invitations/\(try await $0.invitation().id)/cancel" },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        .post(
            "/schools/:schoolID/invitations/:id/resend", { "/schools/\($0.schoolA)/invitations/\(try await $0.invitation().id)/resend" },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // A member's own page (role, removal): those who manage the staff.
        .get(
            "/schools/:schoolID/members/:id", { "/schools/\($0.schoolA)/members/\(try await $0.member().membership)" },
            [.login, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/schools/:schoolID/members/:id/role", { "/schools/\($0.schoolA)/members/\(try await $0.member().membership)/role" },
            form: { _ in [("role", "counsellor")] },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // The page that asks before a removal: those who may remove.
        .get(
            "/schools/:schoolID/members/:id/remove", { "/schools/\($0.schoolA)/members/\(try await $0.member().membership)/remove" },
            [.login, .e404, .e403, .e403, .ok, .ok, .e404, .ok, .login]),
        .post(
            "/schools/:schoolID/members/:id/remove", { "/schools/\($0.schoolA)/members/\(try await $0.member().membership)/remove" },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // Undoing a removal: those who may remove.
        .post(
            "/schools/:schoolID/removed/:id/restore", { "/schools/\($0.schoolA)/removed/\(try await $0.removal())/restore" },
            [.login, .e404, .e403, .e403, .see, .see, .e404, .see, .login]),
        // Ending a newcomer's cooling-off: the network's coordinators, never the school's leader.
        .post(
            "/schools/:schoolID/members/:id/clear", { "/schools/\($0.schoolA)/members/\(try await $0.member().membership)/clear" },
            [.login, .e404, .e403, .e403, .e403, .see, .e404, .see, .login]),
        .get("/admin", [.login, .e403, .e403, .e403, .e403, .e403, .e403, .ok, .login]),
        .post("/admin/networks", [.login, .e403, .e403, .e403, .e403, .e403, .e403, .e422, .login]),
        .post("/admin/schools", [.login, .e403, .e403, .e403, .e403, .e403, .e403, .e422, .login]),
        .post("/admin/coordinators", [.login, .e403, .e403, .e403, .e403, .e403, .e403, .e422, .login]),
        // A network's settings (the logo on its certificates): its coordinators and the admin;
        // anyone else is not told the network exists. An upload without a file is refused.
        .get(
            "/networks/:networkID/settings", { "/networks/\($0.fixtures.network)/settings" },
            [.login, .e404, .e404, .e404, .e404, .ok, .e404, .ok, .login]),
        .post(
            "/networks/:networkID/logo", { "/networks/\($0.fixtures.network)/logo" },
            [.login, .e404, .e404, .e404, .e404, .e422, .e404, .e422, .login]),
        // Asking first; with no logo to remove, back to the settings.
        .get(
            "/networks/:networkID/logo/remove", { "/networks/\($0.fixtures.network)/logo/remove" },
            [.login, .e404, .e404, .e404, .e404, .see, .e404, .see, .login]),
        .post(
            "/networks/:networkID/logo/remove", { "/networks/\($0.fixtures.network)/logo/remove" },
            [.login, .e404, .e404, .e404, .e404, .see, .e404, .see, .login]),
    ]

    @Test("Signing in, passwords, invitations and one's own account")
    func accountRoutes() async throws { try await Self.check(Self.accounts) }

    @Test("A school's page, its staff, and the administration")
    func staffRoutes() async throws { try await Self.check(Self.staff) }
}
