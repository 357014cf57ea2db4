import Fluent
import Testing
import Vapor

@testable import App

@Suite("Administration")
struct AdminTests {
    @Test("An admin creates a network and a school in it")
    func create() async throws {
        try await withApp { app, ctx in
            let admin = ctx.browser()
            try await admin.login(Fixtures.admin)
            #expect(try await admin.post("/admin/networks", form: ["network_name": "Baltic pilot", "network_description": ""]).status == .seeOther)
            let network = try #require(try await Network.query(on: app.db).filter(\.$name == "Baltic pilot").first())
            let created = try await admin.post(
                "/admin/schools",
                form: [
                    "school_name": "Tartu Kool", "school_code": "ee-tartu-1", "school_country": "ee", "school_city": "Tartu",
                    "school_language": "en", "school_network": try network.requireID().uuidString,
                ])
            #expect(created.status == .seeOther)
            let page = try await admin.get("/admin")
            #expect(page.contains("School Tartu Kool created."))
            #expect(page.contains("EE-TARTU-1"))
        }
    }

    @Test("Bad school details are all reported at once and nothing is created")
    func invalid() async throws {
        try await withApp { app, ctx in
            let admin = ctx.browser()
            try await admin.login(Fixtures.admin)
            let page = try await admin.post(
                "/admin/schools",
                form: [
                    "school_name": "", "school_code": "A-1", "school_country": "Latvia", "school_city": "",
                    "school_language": "fr", "school_network": "garbage",
                ])
            #expect(page.status == .unprocessableEntity)
            for message in [
                "Enter the school's name", "Another school already uses this code", "two-letter country code",
                "Enter the city", "Choose a language", "Choose a network",
            ] {
                #expect(page.contains(message), "\(message)")
            }
            #expect(try await School.query(on: app.db).count() == 3)
        }
    }

    @Test("Nobody but an admin may create schools")
    func denied() async throws {
        try await withApp { app, ctx in
            let leader = ctx.browser()
            try await leader.login(Fixtures.leaderA)
            let page = try await leader.post(
                "/admin/schools", form: ["school_name": "X", "school_code": "X-1", "school_country": "LV", "school_city": "X", "school_language": "lv"])
            #expect(page.status == .forbidden)
            #expect(try await School.query(on: app.db).count() == 3)
        }
    }
}

@Suite("Coordinators")
struct CoordinatorTests {
    @Test("An admin makes an existing account coordinator; the coordinator then sees the network's schools")
    func addCoordinator() async throws {
        try await withApp { _, ctx in
            let admin = ctx.browser()
            try await admin.login(Fixtures.admin)
            let unknown = try await admin.post(
                "/admin/coordinators", form: ["coordinator_email": "ghost@example.org", "coordinator_network": ctx.fixtures.network.uuidString])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.contains("No account uses this address yet"))

            let ok = try await admin.post(
                "/admin/coordinators", form: ["coordinator_email": Fixtures.outsider, "coordinator_network": ctx.fixtures.otherNetwork.uuidString])
            #expect(ok.status == .seeOther)

            let coordinator = ctx.browser()
            try await coordinator.login(Fixtures.outsider)
            let home = try await coordinator.get("/")
            #expect(home.contains("Networks I coordinate"))
            #expect(home.contains("School C"))
            #expect(!home.contains("School A"))
            #expect(try await coordinator.get("/schools/\(ctx.fixtures.schoolC)").contains("id=\"invite-link\""))
        }
    }
}
