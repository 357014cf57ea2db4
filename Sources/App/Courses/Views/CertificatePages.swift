import Domain
import Foundation
import Plot

/// The learner's certificate, to print or download, and the public page where anyone can
/// check one.
enum CertificatePage {
    static func view(
        _ context: PageContext, credential: CourseCredential, outcomes: [String], verifyURL: String,
        evaluation: (url: String, answered: Bool)?, logo: String? = nil
    ) -> HTML {
        let issuer = credential.issuerName ?? CourseCredential.formerIssuerName
        return Layout.page(
            context, title: context.t("Certificate"),
            .p(.class("breadcrumb no-print"), .a(.href(SiteURL.courses.path), .text(context.t("Courses")))),
            .article(
                .id("certificate"), .class("certificate"),
                // The issuing network's logo (issue 18, point 7), named for those who cannot see it.
                .unwrap(logo) {
                    .img(.id("certificate-logo"), .class("certificate-logo"), .src($0), .alt(context.t("Logo of {network}", ["network": issuer])))
                },
                .p(.class("certificate-kicker"), .text(context.t("Certificate of completion"))),
                .h1(.text(credential.recipientName)),
                .p(.text(context.t("has completed the course"))),
                .p(.class("certificate-course"), .text(credential.courseTitle)),
                .unwrap(credential.workloadMinutes) { minutes in
                    .p(.id("certificate-workload"), .text(context.t("Workload: {workload}", ["workload": CourseWorkload.text(minutes, context.localizer)])))
                },
                .p(
                    .id("certificate-issuer"),
                    .text(
                        context.t(
                            "Issued by {issuer} on {date}.",
                            ["issuer": issuer, "date": context.localizer.date(credential.issuedAt)]))),
                .if(
                    !outcomes.isEmpty,
                    .group(
                        .h2(.text(context.t("What the course prepares one to do"))),
                        .ul(.forEach(outcomes) { .li(.text($0)) }))),
                .p(.class("certificate-verify"), .text(context.t("Check this certificate at") + " "), .a(.href(verifyURL), .text(verifyURL)))
            ),
            .div(
                .class("button-row no-print"),
                .button(.type(.button), .class("button-primary"), .attribute(named: "data-print", value: "true"), .text(context.t("Print"))),
                .a(
                    .class("button-secondary"), .href(SiteURL.credentialToken(.value(credential.id ?? UUID())).path),
                    .attribute(named: "download", value: "certificate.jwt"), .text(context.t("Download the digital badge (Open Badges 3.0)")))),
            .p(
                .class("hint no-print"),
                .text(
                    context.t(
                        "The digital badge is a signed Open Badges 3.0 credential. Add it to a badge wallet or send it to anyone: they can check it with the link above."
                    ))),
            .unwrap(evaluation) { e in
                .section(
                    .id("evaluation"), .class("panel no-print"),
                    .h2(.text(context.t("How was the course?"))),
                    e.answered
                        ? .p(.text(context.t("Thank you for your evaluation of the course.")))
                        : .group(
                            .p(
                                .text(
                                    context.t(
                                        "Tell us what helped and what did not, in a short anonymous questionnaire. It shapes the next version of the course."))),
                            .p(.a(.id("evaluate"), .class("button-secondary"), .href(e.url), .text(context.t("Evaluate the course"))))))
            }
        )
    }
}

/// The public verification page of a certificate.
enum CredentialPage {
    enum Status { case valid, revoked(String?, Date?), invalid }

    static func view(
        _ context: PageContext, credential: CourseCredential, status: Status, mayRevoke: Bool,
        revokeError: String? = nil, reason: String = "", logo: String? = nil
    ) -> HTML {
        let id = credential.id ?? UUID()
        return Layout.page(
            context, title: context.t("Check a certificate"),
            .h1(.text(context.t("Check a certificate"))),
            .div(.id("verification"), .attribute(named: "role", value: "status"), verdict(context, credential, status)),
            .dl(
                .class("facts"),
                .dt(.text(context.t("Issued to"))), .dd(.text(credential.recipientName)),
                .dt(.text(context.t("Course"))), .dd(.text(credential.courseTitle)),
                .dt(.text(context.t("Issued on"))), .dd(.text(context.localizer.date(credential.issuedAt))),
                .dt(.text(context.t("Issuer"))),
                .dd(
                    // The issuer's name follows: the logo says nothing more (an empty alt, which
                    // Plot would drop unless told).
                    .unwrap(logo) { .img(.class("issuer-logo"), .src($0), Attribute(name: "alt", value: "", ignoreIfValueIsEmpty: false)) },
                    .text(credential.issuerName ?? CourseCredential.formerIssuerName)),
                .unwrap(credential.workloadMinutes) { minutes in
                    .group(.dt(.text(context.t("Workload"))), .dd(.text(CourseWorkload.text(minutes, context.localizer))))
                },
                .dt(.text(context.t("Credential"))), .dd(.code(.text("urn:uuid:" + id.uuidString.lowercased())))),
            .p(
                .text(
                    context.t(
                        "The credential is an Open Badges 3.0 OpenBadgeCredential signed with RS256. Its signature was checked against the issuer's public keys, which anyone can fetch:"
                    )),
                .text(" "), .a(.href(SiteURL.jwks.path), .text(SiteURL.jwks.path))),
            .p(.a(.href(SiteURL.credentialToken(.value(id)).path), .text(context.t("Download the signed credential")))),
            .if(
                mayRevoke && credential.revokedAt == nil,
                .form(
                    .id("revoke-form"), .class("stack panel"), .method(.post), .action(SiteURL.credentialRevoke(.value(id)).path),
                    Components.csrfField(context),
                    .h2(.text(context.t("Revoke this certificate"))),
                    .p(
                        .class("hint"),
                        .text(
                            context.t(
                                "Anyone who checks it from then on is told it is revoked, with your reason. This cannot be undone."
                            ))),
                    Components.field(.init(id: "reason", label: context.t("Reason (shown on this page)"), value: reason, required: true, error: revokeError)),
                    Components.submit(context.t("Revoke"))))
        )
    }

    private static func verdict(_ context: PageContext, _ credential: CourseCredential, _ status: Status) -> Node<HTML.BodyContext> {
        switch status {
        case .valid:
            .p(
                .class("verdict verdict-valid"), .strong(.text(context.t("Valid."))), .text(" "),
                .text(
                    context.t(
                        "Collegium issued this certificate to {name} for completing “{course}”, and it has not been revoked.",
                        ["name": credential.recipientName, "course": credential.courseTitle])))
        case .revoked(let reason, let date):
            .p(
                .class("verdict verdict-revoked"), .strong(.text(context.t("Revoked."))), .text(" "),
                .text(
                    context.t("This certificate was revoked on {date}.", ["date": date.map { context.localizer.date($0) } ?? ""])
                        + (reason.map { " " + context.t("Reason: {reason}", ["reason": $0]) } ?? "")))
        case .invalid:
            .p(
                .class("verdict verdict-revoked"), .strong(.text(context.t("Not valid."))), .text(" "),
                .text(context.t("The signature of this certificate does not match the issuer's keys.")))
        }
    }
}
