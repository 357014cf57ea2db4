import Foundation
import Plot

enum ImportPage {
    struct Model {
        var schoolID: UUID
        var schoolName: String
        var schoolCode: String
        var problems: [String] = []
    }

    static func view(_ context: PageContext, _ model: Model) -> HTML {
        Layout.page(
            context, title: context.t("Import staff from a file"),
            .nav(
                .class("breadcrumbs"), .attribute(named: "aria-label", value: context.t("Breadcrumbs")),
                .a(.href(SiteURL.school(.value(model.schoolID)).path), .text(model.schoolName))),
            .h1(.text(context.t("Import staff from a file"))),
            .p(
                .text(
                    context.t(
                        "Upload a CSV file with one person per row. Everyone in it receives an invitation. If any row has a problem, nothing is imported and every problem is listed, so you can correct the file and upload it again."
                    ))),
            .p(
                .text(
                    context.t(
                        "The first row names the columns: givenName, familyName, email, role, school. Roles: teacher, counsellor, psychologist, pedagogical_adviser, leader. The school column holds this school's code: {code}.",
                        ["code": model.schoolCode]))),
            .pre(.class("example"), .code(.text("givenName,familyName,email,role,school\nAnna,Kalniņa,anna.kalnina@example.org,teacher,\(model.schoolCode)"))),
            Components.errorSummary(context, model.problems),
            .form(
                .id("import-form"), .class("stack"), .method(.post), .enctype(.multipartData),
                .action(SiteURL.schoolImport(.value(model.schoolID)).path),
                Components.csrfField(context),
                .div(
                    .class("field"),
                    .label(.for("file"), .text(context.t("CSV file"))),
                    .input(
                        .type(.file), .id("file"), .name("file"), .required(true),
                        .attribute(named: "accept", value: ".csv,text/csv"))),
                Components.submit(context.t("Import"))
            )
        )
    }
}
