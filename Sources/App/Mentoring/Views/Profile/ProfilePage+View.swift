import Domain
import Fluent
import Foundation
import Plot
import Vapor

/// A member's profile for the matching.
enum ProfilePage {
    static let goals = ["planning", "classroom", "assessment", "differentiation", "parents", "digital", "wellbeing", "career"]
    static let slots = ["mon-am", "mon-pm", "tue-am", "tue-pm", "wed-am", "wed-pm", "thu-am", "thu-pm", "fri-am", "fri-pm"]

    static func goalName(_ goal: String, _ context: PageContext) -> String {
        switch goal {
        case "planning": context.t("Planning lessons")
        case "classroom": context.t("Classroom management")
        case "assessment": context.t("Assessment and feedback")
        case "differentiation": context.t("Differentiation")
        case "parents": context.t("Working with parents")
        case "digital": context.t("Digital tools")
        case "wellbeing": context.t("Workload and time")
        default: context.t("Growing in my career")
        }
    }

    static func slotName(_ slot: String, _ context: PageContext) -> String {
        let day: String
        switch slot.prefix(3) {
        case "mon": day = context.t("Monday")
        case "tue": day = context.t("Tuesday")
        case "wed": day = context.t("Wednesday")
        case "thu": day = context.t("Thursday")
        default: day = context.t("Friday")
        }
        return day + " " + (slot.hasSuffix("am") ? context.t("morning") : context.t("afternoon"))
    }

    static func view(_ context: PageContext, programme: MentoringProgramme, member: ProgrammeMember, errors: [String: String]) -> HTML {
        let chosenGoals = ProgrammeMember.list(member.goals), chosenSlots = ProgrammeMember.list(member.availability)
        return Layout.page(
            context, title: context.t("My profile for {programme}", ["programme": programme.name]),
            .p(.class("breadcrumb"), .a(.href(SiteURL.programme(.value(programme.id ?? UUID())).path), .text(programme.name))),
            .h1(.text(context.t("My profile for {programme}", ["programme": programme.name]))),
            .p(.class("lead"), .text(context.t("The matching reads this to find you a good pair. Only the programme's leader sees it."))),
            Components.errorSummary(context, Array(errors.values).sorted()),
            .form(
                .id("profile-form"), .class("stack"), .method(.post), .action(SiteURL.programmeProfile(.value(programme.id ?? UUID())).path),
                Components.csrfField(context),
                Components.field(
                    .init(
                        id: "subjects", label: context.t("Subjects I teach"), value: member.subjects, required: false,
                        hint: context.t("Separated by commas, e.g. mathematics, physics"), error: errors["subjects"])),
                Components.field(
                    .init(
                        id: "levels", label: context.t("School levels"), value: member.levels, required: false,
                        hint: context.t("e.g. primary, lower secondary, upper secondary"), error: errors["levels"])),
                Components.field(
                    .init(
                        id: "years", label: context.t("Years of teaching"), type: .number, value: member.profileDone ? String(member.years) : "",
                        error: errors["years"])),
                Components.field(
                    .init(
                        id: "languages", label: context.t("Languages I can work in"), value: member.languages,
                        hint: context.t("Separated by commas, e.g. Latvian, English"), error: errors["languages"])),
                .fieldset(
                    .class("question"),
                    .element(named: "legend", text: member.role == .mentor ? context.t("What I can help with") : context.t("What I want to work on")),
                    .div(
                        .class("choices"),
                        .forEach(goals) { goal in
                            .label(
                                .input(
                                    .type(.checkbox), .name("goals[]"), .value(goal),
                                    .attribute(named: "checked", value: chosenGoals.contains(goal) ? "checked" : nil)),
                                .text(goalName(goal, context)))
                        })),
                Components.textArea(
                    id: "goals_text", label: context.t("In my own words (optional)"), hint: nil, value: member.goalsText, rows: 2,
                    error: errors["goals_text"], language: nil),
                .fieldset(
                    .class("question"), .element(named: "legend", text: context.t("When I am usually free to meet")),
                    .div(
                        .class("choices"),
                        .forEach(slots) { slot in
                            .label(
                                .input(
                                    .type(.checkbox), .name("availability[]"), .value(slot),
                                    .attribute(named: "checked", value: chosenSlots.contains(slot) ? "checked" : nil)),
                                .text(slotName(slot, context)))
                        })),
                .if(
                    member.role == .mentor,
                    Components.field(
                        .init(
                            id: "capacity", label: context.t("How many mentees I can take"), type: .number,
                            value: String(member.capacity), error: errors["capacity"]))),
                Components.submit(context.t("Save my profile"))
            )
        )
    }
}
