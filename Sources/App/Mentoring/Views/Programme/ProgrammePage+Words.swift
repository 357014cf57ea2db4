import Domain
import Plot

/// The programme page's words: criteria, statuses and refusals named, a pair's "why" told
/// as what matched and what did not, the weights as labelled choices, and what a run of
/// the matching did (issue 18, point 6: mentoring in words, not bare numbers).
extension ProgrammePage {
    static func criterionName(_ c: MentoringMatch.Criterion, _ context: PageContext) -> String {
        switch c {
        case .subject: context.t("Subject")
        case .level: context.t("Level")
        case .experienceGap: context.t("Experience gap")
        case .goals: context.t("Goals")
        case .availability: context.t("Availability")
        case .school: context.t("School")
        }
    }

    static func statusName(_ s: ProgrammePair.Status, _ context: PageContext) -> String {
        switch s {
        case .proposed: context.t("Proposed")
        case .published: context.t("Waiting for answers")
        case .accepted: context.t("Accepted")
        case .declined: context.t("Declined")
        case .excluded: context.t("Ruled out")
        }
    }

    static func message(_ failure: MentoringService.Failure, _ context: PageContext) -> String {
        switch failure {
        case .forbiddenPair(.lineManager): context.t("A mentor cannot be the mentee's line manager.")
        case .forbiddenPair(.noCommonLanguage): context.t("These two have no language in common.")
        case .forbiddenPair: context.t("This pair has been ruled out or declined.")
        case .mentorFull: context.t("This mentor has no free place.")
        case .notAMember: context.t("Both must be members of the programme, one as mentor, one as mentee.")
        }
    }

    /// What matched and what did not, among the criteria the programme weighs: a criterion
    /// scoring three quarters or more matched, one under a quarter did not, others partly.
    static func why(_ criteria: [(MentoringMatch.Criterion, Double)], weights: MentoringMatch.Weights, _ context: PageContext) -> Node<HTML.BodyContext> {
        let weighed = criteria.filter { (weights.weight[$0.0] ?? 0) > 0 }
        func names(_ keep: (Double) -> Bool) -> String {
            weighed.filter { keep($0.1) }.map { criterionName($0.0, context).lowercased() }.joined(separator: ", ")
        }
        let lines = [
            (context.t("Matches: {criteria}"), names { $0 >= 0.75 }, "why-matches"),
            (context.t("Partly: {criteria}"), names { $0 >= 0.25 && $0 < 0.75 }, "why-partly"),
            (context.t("Does not match: {criteria}"), names { $0 < 0.25 }, "why-not"),
        ].filter { !$0.1.isEmpty }
        return .ul(
            .class("why-list"),
            .forEach(lines) { line in .li(.class(line.2), .text(Localizer.fill(line.0, ["criteria": line.1]))) })
    }

    /// How much a criterion counts, in words; the value is the weight the matching uses.
    static func weightChoices(_ context: PageContext) -> [(String, String)] {
        [
            ("0", context.t("Does not matter")),
            ("1", context.t("Matters a little")),
            ("2", context.t("Matters")),
            ("3", context.t("Matters a lot")),
            ("4", context.t("Matters very much")),
            ("5", context.t("Matters most of all")),
        ]
    }

    /// What a run of the matching did, for the notice after it.
    static func proposalNotice(_ outcome: MentoringService.ProposalOutcome, _ l: Localizer) -> String {
        var parts: [String] = []
        if outcome.mentees == 0 {
            return l.t("The programme has no mentees yet: add them under Members first.")
        }
        if outcome.proposed > 0 {
            parts.append(
                l.tn(
                    "{count} pair proposed. Adjust by hand if you wish, then publish.",
                    "{count} pairs proposed. Adjust by hand if you wish, then publish.", count: outcome.proposed))
        } else if outcome.unpaired == 0 && outcome.profilesMissing == 0 {
            parts.append(l.t("Every mentee already has a mentor: there is nothing to propose."))
        } else if outcome.unpaired == 0 {
            parts.append(l.t("Every mentee with a finished profile already has a mentor."))
        }
        if outcome.unpaired > 0 {
            parts.append(
                l.tn(
                    "{count} mentee has no fitting mentor with a free place: pair them by hand, or invite another mentor.",
                    "{count} mentees have no fitting mentor with a free place: pair them by hand, or invite another mentor.",
                    count: outcome.unpaired))
        }
        if outcome.profilesMissing > 0 {
            parts.append(
                l.tn(
                    "{count} mentee has not finished their profile yet and is not matched.",
                    "{count} mentees have not finished their profile yet and are not matched.", count: outcome.profilesMissing))
        }
        return parts.joined(separator: " ")
    }
}
