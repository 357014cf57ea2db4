import Domain

/// The instruments' wording in the person's language. English is the published wording;
/// where a catalog has no translation, the English text shows. The Latvian wording is our
/// own (see `source(_:_:)`), not a validated translation.
enum InstrumentText {
    static func item(_ item: Instrument.Item, _ l: Localizer) -> String { l.t(item.text) }
    static func label(_ label: String, _ l: Localizer) -> String { l.t(label) }
    static func instruction(_ instrument: Instrument, _ l: Localizer) -> String { l.t(instrument.instruction) }

    /// Which wording is shown and where the instrument comes from.
    static func source(_ instrument: Instrument, _ l: Localizer) -> String {
        let wording =
            l.language == .en || l.catalog?.translation(of: instrument.items[0].text) == nil
            ? l.t("Wording: the published English version.")
            : l.t("Wording: translated by the Collegium team, not a validated translation.")
        return instrument.source + " " + wording
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
}
