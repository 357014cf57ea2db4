import Plot
import Vapor

/// The friendly page for 4xx and 5xx answers, in the person's language.
enum ErrorPage {
    static func view(_ context: PageContext, status: HTTPResponseStatus, requestID: String, identifier: String?) -> HTML {
        let (title, message) = texts(context, status: status, identifier: identifier)
        return Layout.page(
            context, title: title,
            .h1(.text(title)),
            .p(.text(message)),
            .if(status.code >= 500, .p(.class("hint"), .text(context.t("If you contact your administrator, mention this reference: {id}", ["id": requestID])))),
            .p(.a(.href(SiteURL.home.path), .text(context.t("Go to the home page"))))
        )
    }

    static func texts(_ context: PageContext, status: HTTPResponseStatus, identifier: String?) -> (String, String) {
        switch status.code {
        case 401:
            return (context.t("Please log in"), context.t("You need to log in to see this page."))
        case 403 where identifier == "csrf":
            return (
                context.t("This form has expired"),
                context.t("For your security, forms stop working after a while or when you log in again. Go back, reload the page and send it again.")
            )
        case 403:
            return (context.t("Not allowed"), context.t("Your role does not allow this. If you think it should, ask a leader of your school."))
        case 404:
            return (context.t("Page not found"), context.t("We could not find this page. The link may be old, or the page may have moved."))
        case 413:
            return (context.t("File too large"), context.t("The file you sent is larger than we accept. Split it into smaller files and try again."))
        case 429:
            return (context.t("Too many attempts"), context.t("There were too many failed attempts. Please wait a few minutes and try again."))
        case 400..<500:
            return (context.t("Something is not right with this request"), context.t("Please go back and check what you entered."))
        case 503 where identifier == DatabaseUnavailable.identifier:
            return (
                context.t("Collegium is unavailable for a moment"),
                context.t("It cannot reach its database just now. Nothing you had already saved is lost. Please try again in a minute.")
            )
        default:
            return (
                context.t("Something went wrong"),
                context.t("Something went wrong on our side. Nothing you had already saved is lost. Please try again in a moment.")
            )
        }
    }
}
