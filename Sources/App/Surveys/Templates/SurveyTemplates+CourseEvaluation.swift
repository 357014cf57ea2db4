import Domain
import Foundation

/// The course evaluation, the questionnaire a course's learners answer at its end.
extension SurveyTemplates {
    static var courseEvaluation: SurveyDefinition {
        SurveyDefinition(
            baseLanguage: "en", languages: ["en", "lv"],
            title: both("How was the course? Leading collegial support in your school", "Kāds bija kurss? Kolēģu atbalsta vadīšana jūsu skolā"),
            introduction: both(
                "You have finished the course. Tell us what helped you, what did not, and what you will do next in your school. It takes about five minutes and is anonymous: figures are shown only for groups of at least five learners, and your comments are read without your name.",
                "Jūs esat pabeidzis kursu. Pastāstiet, kas jums palīdzēja, kas ne, un ko jūs darīsiet tālāk savā skolā. Tas aizņem apmēram piecas minūtes un ir anonīmi: rādītāji tiek rādīti tikai vismaz piecu dalībnieku grupām, un jūsu komentārus lasa bez jūsu vārda."
            ),
            sections: [
                .init(
                    title: both("The course", "Kurss"),
                    questions: [
                        .init(
                            variable: "course", kind: .matrix, text: both("How far do you agree?", "Cik lielā mērā jūs piekrītat?"), required: true,
                            options: agreement,
                            rows: [
                                .init(variable: "course_useful", text: both("What I learnt is useful in my school.", "Tas, ko iemācījos, noder manā skolā.")),
                                .init(variable: "course_clear", text: both("The lessons were clear.", "Nodarbības bija skaidras.")),
                                .init(
                                    variable: "course_quizzes",
                                    text: both("The quizzes helped me check that I had understood.", "Testi palīdzēja pārbaudīt, vai esmu sapratis.")),
                                .init(
                                    variable: "course_reflection",
                                    text: both("The reflection tasks made me think about my own school.", "Refleksijas uzdevumi lika domāt par manu skolu.")),
                                .init(
                                    variable: "course_time",
                                    text: both("The time it took was reasonable next to my work.", "Kursam vajadzīgais laiks bija samērīgs ar manu darbu.")),
                                .init(
                                    variable: "course_cohort",
                                    text: both(
                                        "Learning with a cohort helped me (leave empty if you learnt alone).",
                                        "Mācīšanās kopā ar kursa grupu man palīdzēja (neatbildiet, ja mācījāties viens).")),
                            ]),
                        .init(
                            variable: "recommend", kind: .likert,
                            text: both(
                                "I would recommend this course to a colleague who leads support in a school.",
                                "Es ieteiktu šo kursu kolēģim, kurš vada atbalstu skolā."),
                            required: true, options: agreement),
                    ]),
                .init(
                    title: both("What next", "Kas tālāk"),
                    questions: [
                        .init(
                            variable: "next_form", kind: .multipleChoice,
                            text: both(
                                "Which forms of support do you plan to start or strengthen in the next six months?",
                                "Kuras atbalsta formas plānojat ieviest vai stiprināt nākamajos sešos mēnešos?"),
                            help: both("Tick all that apply.", "Atzīmējiet visas, kas atbilst."), options: forms),
                        .init(variable: "helped", kind: .longText, text: both("What helped you most?", "Kas jums palīdzēja visvairāk?")),
                        .init(variable: "change", kind: .longText, text: both("What should we change in the course?", "Ko mums vajadzētu mainīt kursā?")),
                    ]),
            ])
    }
}
