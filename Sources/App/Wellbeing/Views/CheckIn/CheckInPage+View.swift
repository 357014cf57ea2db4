import Domain
import Foundation
import Plot

extension CheckInPage {
    static func view(_ context: PageContext, _ model: Model) -> HTML {
        let l = context.localizer
        return Layout.page(
            context, title: context.t("Well-being check-in"),
            .h1(.text(context.t("Well-being check-in"))),
            .p(
                .class("lead"),
                .text(
                    context.t(
                        "Twelve short questions, under a minute. They help you notice how you are doing, and help your school see how its staff are doing, without anyone being singled out."
                    ))),
            whoSeesWhat(context, model),
            .if(
                model.memberships.isEmpty,
                .p(.text(context.t("Check-ins are for staff of a school. Once you belong to one, you can check in here.")))),
            .if(
                model.alreadyCheckedIn,
                .p(
                    .class("notice"), .attribute(named: "role", value: "status"),
                    .text(
                        context.t(
                            "You have checked in for {period}. The next check-in opens with the next period.",
                            ["period": PeriodName.name(model.period ?? "", l)])))),
            .if(!model.memberships.isEmpty && !model.alreadyCheckedIn, form(context, model)),
            HistorySection.view(context, model.history),
            .p(.a(.href(SiteURL.wellbeingSupport.path), .text(context.t("Where to find support"))))
        )
    }

    static func whoSeesWhat(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .section(
            .class("privacy-box"), .attribute(named: "aria-labelledby", value: "privacy-heading"),
            .h2(.id("privacy-heading"), .text(context.t("Who sees what"))),
            .ul(
                .li(.text(context.t("Checking in is voluntary. Nobody is told whether you did."))),
                .li(.text(context.t("Your scores join your school's figures without your name, date or any other trace of you."))),
                .li(
                    .text(
                        context.t(
                            "Leaders and coordinators see only figures for groups of at least {count} people, never a person's answers.",
                            ["count": context.localizer.number(model.minimumGroup)]))),
                .li(
                    .text(
                        context.t(
                            "Your own history and your notes are kept only if you ask for it, and only you can see them. You can download or delete them at any time."
                        )))
            )
        )
    }

    static func form(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        .form(
            .id("checkin-form"), .method(.post), .action(SiteURL.wellbeing.path),
            Components.csrfField(context),
            Components.errorSummary(context, model.errors),
            .if(
                model.memberships.count > 1,
                Components.selectField(
                    id: "school", label: context.t("School"),
                    options: model.memberships.map { ($0.school.id?.uuidString ?? "", $0.school.name) },
                    selected: model.selectedSchool?.uuidString),
                else: .input(.type(.hidden), .name("school"), .value(model.selectedSchool?.uuidString ?? ""))),
            instrument(context, .who5, model),
            instrument(context, .cbiWork, model),
            .div(
                .class("field"),
                .label(.for("note"), .text(context.t("A private note (optional)"))),
                .p(.id("note-hint"), .class("hint"), .text(context.t("Kept only in your own history, if you keep one."))),
                .textarea(
                    .id("note"), .name("note"), .rows(3), .attribute(named: "aria-describedby", value: "note-hint"),
                    .attribute(named: "maxlength", value: "2000"), .text(model.note))),
            .p(
                .class("checkbox"),
                .input(.type(.checkbox), .id("keep_history"), .name("keep_history"), .value("yes"), .checked(model.keepHistory)),
                .label(.for("keep_history"), .text(context.t("Keep this check-in in my own history, so that I can see my trend")))),
            Components.submit(context.t("Send my check-in"))
        )
    }

    static func instrument(_ context: PageContext, _ instrument: Instrument, _ model: Model) -> Node<HTML.FormContext> {
        let l = context.localizer
        return .fieldset(
            .class("instrument"),
            .element(named: "legend", text: l.t(instrument.name)),
            .p(.text(InstrumentText.instruction(instrument, l))),
            .forEach(instrument.items) { item in
                .fieldset(
                    .class(model.missing.contains(item.key) ? "question field-invalid" : "question"),
                    .id("q-\(item.key)"),
                    .element(named: "legend", text: InstrumentText.item(item, l)),
                    .if(model.missing.contains(item.key), .p(.class("field-error"), .text(context.t("Please choose an answer.")))),
                    .div(
                        .class("choices"),
                        .forEach(Array(zip(item.scale.values, item.scale.labels))) { value, label in
                            .label(
                                .input(
                                    .type(.radio), .name(item.key), .value(String(value)), .required(true),
                                    .id("\(item.key)-\(value)"), .checked(model.answers[item.key] == value)),
                                .text(InstrumentText.label(label, l)))
                        })
                )
            },
            InstrumentText.source(instrument, l)
        )
    }
}

/// A period's name for people: "November 2026", or "from November 2026" for longer periods.
enum PeriodName {
    static func name(_ period: String, _ l: Localizer) -> String {
        guard let start = CheckInCadence.start(of: period) else { return period }
        return FormatterCache.shared.date(start, locale: l.language.localeIdentifier, timeZone: .gmt, style: .template("LLLL yyyy"))
    }

    static func short(_ period: String, _ l: Localizer) -> String {
        guard let start = CheckInCadence.start(of: period) else { return period }
        return FormatterCache.shared.date(start, locale: l.language.localeIdentifier, timeZone: .gmt, style: .template("MMM yyyy"))
    }
}
