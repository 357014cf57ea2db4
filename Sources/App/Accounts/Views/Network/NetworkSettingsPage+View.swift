import Foundation
import Plot

extension NetworkSettingsPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        return Layout.page(
            context, title: context.t("Settings of {network}", ["network": model.name]),
            .h1(.text(context.t("Settings of {network}", ["network": model.name]))),
            .section(
                .id("logo-section"), .attribute(named: "aria-labelledby", value: "logo-heading"),
                .h2(.id("logo-heading"), .text(context.t("Logo on certificates"))),
                .p(
                    .text(
                        context.t(
                            "The certificates the network issues show its logo beside its name, and badge wallets show it with the issuer. A PNG or JPEG file of at most 200 KB, between 32 and 2,000 pixels a side; a wide logo about 600 × 200 pixels prints well."
                        ))),
                .unwrap(model.logo) { logo in
                    .div(
                        .id("current-logo"), .class("logo-preview"),
                        .img(.src(logo.path), .alt(context.t("Logo of {network}", ["network": model.name]))),
                        .p(
                            .text(
                                context.t(
                                    "In use: {width} × {height} pixels, {size} KB.",
                                    [
                                        "width": l.number(logo.width), "height": l.number(logo.height),
                                        "size": l.number(max(1, (logo.bytes + 512) / 1024)),
                                    ]))))
                },
                .if(model.logo == nil, .p(.id("no-logo"), .text(context.t("No logo yet: certificates show the network's name alone.")))),
                .form(
                    .id("logo-form"), .class("stack"), .method(.post), .enctype(.multipartData),
                    .action(SiteURL.networkLogo(.value(model.id)).path),
                    Components.csrfField(context),
                    .div(
                        .class(model.logoError == nil ? "field" : "field field-invalid"),
                        .label(.for("logo"), .text(model.logo == nil ? context.t("Logo file") : context.t("A new logo file"))),
                        .unwrap(model.logoError) { .p(.id("logo-error"), .class("field-error"), .text($0)) },
                        .input(
                            .type(.file), .id("logo"), .name("logo"), .required(true),
                            .attribute(named: "accept", value: "image/png,image/jpeg"),
                            // Plot drops attributes whose value is nil.
                            .attribute(named: "aria-describedby", value: model.logoError == nil ? nil : "logo-error"),
                            .attribute(named: "aria-invalid", value: model.logoError == nil ? nil : "true"))),
                    Components.submit(model.logo == nil ? context.t("Upload the logo") : context.t("Replace the logo"))),
                .unwrap(model.logo) { _ in
                    // Asks first (ConfirmPage): nothing that loses something is one click.
                    .p(
                        .a(
                            .id("logo-remove"), .class("button-secondary"), .href(SiteURL.networkLogoRemove(.value(model.id)).path),
                            .text(context.t("Remove the logo"))))
                })
        )
    }
}
