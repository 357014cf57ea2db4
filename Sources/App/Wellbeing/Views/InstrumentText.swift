import Domain
import Plot

/// The instruments' wording in the person's language. English is the published wording;
/// where a catalog has no translation, the English text shows. The Latvian wording is our
/// own (see `source(_:_:)`), not a validated translation.
enum InstrumentText {
    static func item(_ item: Instrument.Item, _ l: Localizer) -> String { l.t(item.text) }
    static func label(_ label: String, _ l: Localizer) -> String { l.t(label) }
    static func instruction(_ instrument: Instrument, _ l: Localizer) -> String { l.t(instrument.instruction) }

    /// Which wording is shown and where the instrument comes from: the citation as published
    /// (in English, and marked so for screen readers and translators' checks), then the
    /// licence and whose wording it is in the reader's language (an English licence line in a
    /// Latvian credit was noticed, issue 18).
    static func source<Context: HTML.BodyContext>(_ instrument: Instrument, _ l: Localizer) -> Node<Context> {
        let wording =
            l.language == .en || l.catalog?.translation(of: instrument.items[0].text) == nil
            ? l.t("Wording: the published English version.")
            : l.t("Wording: translated by the Collegium team, not a validated translation.")
        return .p(
            .class("source"), .span(.attribute(named: "lang", value: "en"), .text(instrument.source)),
            .text(" " + l.t("Free to use without permission.") + " " + wording))
    }

    static func bandName(_ band: WellbeingBand, wellbeing: Bool, _ l: Localizer) -> String {
        switch (band, wellbeing) {
        case (.low, true): l.t("low well-being")
        case (.middle, true): l.t("reduced well-being")
        case (.high, true): l.t("good well-being")
        case (.low, false): l.t("low burnout")
        case (.middle, false): l.t("moderate burnout")
        case (.high, false): l.t("high burnout")
        }
    }

    /// What a person's own score in `band` means for them, in a sentence.
    static func meaning(_ band: WellbeingBand, wellbeing: Bool, _ l: Localizer) -> String {
        switch (band, wellbeing) {
        case (.high, true): l.t("50 or more: well-being in the adequate range.")
        case (.middle, true): l.t("28 to 49: reduced well-being. It is worth noticing what drains you at the moment and what gives you energy back.")
        case (.low, true): l.t("Below 28: low well-being. A score this low is worth talking over with your doctor or a counsellor.")
        case (.low, false): l.t("Below 50: little sign of work-related burnout.")
        case (.middle, false): l.t("50 to 74: moderate burnout. Work is taking more out of you than is good in the long run.")
        case (.high, false): l.t("75 or more: high burnout. Please do not wait before talking to someone.")
        }
    }
}
