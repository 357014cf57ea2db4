import Domain
import Foundation
import Plot

/// "What fits, and why": the forms of collegial support the leaders' answers point to, for
/// all respondents and for each country and school with enough of them to be shown.
enum RecommendationSection {
    struct Group {
        var label: String
        var respondents: Int
        var recommendations: [SupportRecommendations.Recommendation]
    }

    static func form(_ form: SupportRecommendations.Form, _ context: PageContext) -> String {
        switch form {
        case .consultation: context.t("Asking a colleague (consultation)")
        case .peerObservation: context.t("Peer observation")
        case .studyGroups: context.t("A school-based study group")
        case .mentoring: context.t("Mentoring for new teachers")
        case .intervision: context.t("Intervision")
        case .supervision: context.t("Supervision with a supervisor from outside the school")
        case .coaching: context.t("Coaching")
        }
    }

    static func reason(_ reason: SupportRecommendations.Reason, _ context: PageContext) -> String {
        let l = context.localizer
        return switch reason {
        case .notStartedYet(let share):
            context.t(
                "{share} say nothing is organised yet: asking a colleague needs no timetable and no training, and shows that help is normal.",
                ["share": l.percent(share)])
        case .lowTrust(let mean):
            context.t(
                "Trust to talk about what goes wrong averages {mean} of 5: start where nobody's lesson is on show, with questions colleagues choose to ask.",
                ["mean": l.decimal(mean, digits: 1)])
        case .openClassrooms(let trust, let visit):
            context.t(
                "Colleagues would welcome one another in lessons ({visit} of 5) and trust each other ({trust} of 5): the ground for observing one another is there.",
                ["visit": l.decimal(visit, digits: 1), "trust": l.decimal(trust, digits: 1)])
        case .unclearPurpose(let share):
            context.t(
                "{share} find it unclear what collegial support should achieve: reading and trying one thing together builds a shared picture first.",
                ["share": l.percent(share)])
        case .noMentoring(let share):
            context.t("Only {share} have mentoring for new teachers, who otherwise meet their hardest year alone.", ["share": l.percent(share)])
        case .nobodyToLead(let share):
            context.t(
                "{share} say nobody is prepared to lead: intervision needs no expert, the role of facilitator goes round and a fixed protocol carries the group.",
                ["share": l.percent(share)])
        case .fearOfJudgement(let share):
            context.t(
                "{share} say teachers fear being judged: a supervisor from outside, bound to confidentiality, makes it safe to bring real cases.",
                ["share": l.percent(share)])
        case .firstStep:
            context.t(
                "No answer points strongly to one form: asking a colleague is a first step any school can take this week, and it shows what colleagues need.")
        case .readyForCoaching(let worth, _):
            context.t(
                "Leaders find collegial support worth its time ({worth} of 5) and know how to start, yet coaching is rare: a few trained coaches can begin at once.",
                ["worth": l.decimal(worth, digits: 1)])
        }
    }

    static func view(_ context: PageContext, _ groups: [Group]) -> Node<HTML.BodyContext> {
        .section(
            .id("recommendations"), .class("privacy-box"), .attribute(named: "aria-labelledby", value: "recommendations-title"),
            .h2(.id("recommendations-title"), .text(context.t("What fits, and why"))),
            .p(
                .class("hint"),
                .text(
                    context.t(
                        "From the answers, by rules written from the handbook's chapters; a starting point for a conversation with the school, not a verdict. Shown for groups of at least five respondents."
                    ))),
            .forEach(groups.prefix(1)) { group in .group(heading(context, group), list(context, group)) },
            // Each country and school folded under its name (issue 18: a report a leader reads
            // through on a phone); printing opens them (app.js, `print-open`).
            .forEach(groups.dropFirst()) { group in
                .details(.class("recommendation-group print-open"), .summary(heading(context, group)), list(context, group))
            })
    }

    static func heading<C: HTML.BodyContext>(_ context: PageContext, _ group: Group) -> Node<C> {
        .h3(.text(group.label + " · " + context.localizer.tn("{count} response", "{count} responses", count: group.respondents)))
    }

    static func list<C: HTML.BodyContext>(_ context: PageContext, _ group: Group) -> Node<C> {
        .ul(
            .class("recommendations"),
            .forEach(group.recommendations) { r in
                .li(.strong(.text(form(r.form, context) + ". ")), .text(reason(r.reason, context)))
            })
    }

    /// The groups to show: all respondents, then each country and each school the guard
    /// lets through (groups of five, none computable by difference).
    static func groups(
        _ responses: [SurveyResponse], schoolNames: [UUID: String], context: PageContext,
        minimum: Int = PrivacyThresholds.figures
    ) -> [Group] {
        guard responses.count >= minimum else { return [] }
        var result = [
            Group(
                label: context.t("All respondents"), respondents: responses.count,
                recommendations: SupportRecommendations.recommend(responses.map(\.answers)))
        ]
        let guardian = AnonymityGuard(minimumGroup: minimum)
        for (keyOf, label) in [
            ({ (r: SurveyResponse) in r.country }, { (k: String) in CountryNames.name(k, context.localizer) }),
            ({ (r: SurveyResponse) in r.$school.id?.uuidString ?? "" }, { (k: String) in UUID(uuidString: k).flatMap { schoolNames[$0] } ?? k }),
        ] {
            let keys = Array(Set(responses.map(keyOf))).sorted()
            guard keys.count > 1 || keys.first?.isEmpty == false else { continue }
            let sizes = keys.map { k in responses.filter { keyOf($0) == k }.count }
            let views =
                [AnonymityGuard.View(key: "", cells: Set(keys.indices))]
                + keys.enumerated().map { AnonymityGuard.View(key: "g" + $0.element, cells: [$0.offset]) }
            let decision = guardian.decide(views: views, sizes: sizes, partitions: [.init(parent: "", parts: keys.map { "g" + $0 })])
            for key in keys where !key.isEmpty && (decision["g" + key] ?? .tooFewAnswers) == nil {
                let members = responses.filter { keyOf($0) == key }
                result.append(Group(label: label(key), respondents: members.count, recommendations: SupportRecommendations.recommend(members.map(\.answers))))
            }
        }
        return result
    }
}
