import Domain
import Foundation

/// Ready questionnaires, written by us in English and Latvian here, and in Czech, Italian,
/// Greek and Georgian in `Resources/Questionnaires` (`QuestionnaireTranslations`). A new
/// survey can start from one; it is then the survey's own copy, to change like any other.
enum SurveyTemplates {
    enum Template: String, CaseIterable, Sendable {
        /// School leaders on their experience, attitudes and needs for collegial support.
        case leaderNeeds = "leader_needs"
        /// Staff on the collegial culture of their school.
        case staffCulture = "staff_culture"
        /// Learners at the end of a course: what helped, what to change, what they will do.
        case courseEvaluation = "course_evaluation"
    }

    static func both(_ en: String, _ lv: String) -> LocalizedText { ["en": en, "lv": lv] }

    static func options(_ labels: [LocalizedText]) -> [SurveyDefinition.Option] {
        labels.enumerated().map { .init(value: $0.offset + 1, label: $0.element) }
    }

    static let agreement = options([
        both("Strongly disagree", "Pilnībā nepiekrītu"), both("Disagree", "Nepiekrītu"),
        both("Neither agree nor disagree", "Ne piekrītu, ne nepiekrītu"), both("Agree", "Piekrītu"),
        both("Strongly agree", "Pilnībā piekrītu"),
    ])

    static let forms = options([
        both("Mentoring of new teachers", "Jauno skolotāju mentorings"),
        both("Coaching", "Koučings"),
        both("Consultation: asking a colleague for advice", "Konsultēšanās: padoms no kolēģa"),
        both("Supervision with a trained supervisor", "Supervīzija ar apmācītu supervizoru"),
        both("Intervision: colleagues consult each other on cases", "Intervīzija: kolēģi konsultē cits citu par gadījumiem"),
        both("Peer observation of lessons", "Kolēģu stundu vērošana"),
        both("School-based study groups", "Skolas mācīšanās grupas"),
    ])

    /// The questionnaire in every language it is worded in.
    static func definition(_ template: Template, _ translations: QuestionnaireTranslations) -> SurveyDefinition {
        translations.apply(to: definition(template))
    }

    /// The questionnaire as written here, in English and Latvian.
    static func definition(_ template: Template) -> SurveyDefinition {
        switch template {
        case .leaderNeeds: leaderNeeds
        case .staffCulture: staffCulture
        case .courseEvaluation: courseEvaluation
        }
    }

    static var leaderNeeds: SurveyDefinition {
        SurveyDefinition(
            baseLanguage: "en", languages: ["en", "lv"],
            title: both("Collegial support in your school: experience and needs", "Kolēģu atbalsts jūsu skolā: pieredze un vajadzības"),
            introduction: both(
                "This questionnaire asks school leaders how colleagues in their school support one another today, what stands in the way, and what would help. It takes about ten minutes. Your answers are anonymous: figures are shown only for groups of at least five schools' leaders, and nobody can see your answers on their own.",
                "Šī anketa jautā skolu vadītājiem, kā kolēģi viņu skolā šobrīd atbalsta cits citu, kas traucē un kas palīdzētu. Tā aizņem apmēram desmit minūtes. Jūsu atbildes ir anonīmas: rādītāji tiek rādīti tikai vismaz piecu skolu vadītāju grupām, un neviens nevar redzēt tieši jūsu atbildes."
            ),
            sections: [
                .init(
                    title: both("You and your school", "Jūs un jūsu skola"),
                    questions: [
                        .init(
                            variable: "role", kind: .singleChoice, text: both("What is your role in the school?", "Kāda ir jūsu loma skolā?"), required: true,
                            options: options([
                                both("Head of school", "Skolas direktors"), both("Deputy head", "Direktora vietnieks"),
                                both("Head of a department or subject team", "Metodiskās komisijas vai mācību jomas vadītājs"),
                                both("Another leadership role", "Cita vadības loma"),
                            ])),
                        .init(
                            variable: "size", kind: .singleChoice, text: both("How many teachers work in your school?", "Cik skolotāju strādā jūsu skolā?"),
                            required: true,
                            options: options([
                                both("Fewer than 20", "Mazāk nekā 20"), both("20 to 49", "No 20 līdz 49"), both("50 to 99", "No 50 līdz 99"),
                                both("100 or more", "100 vai vairāk"),
                            ])),
                        .init(
                            variable: "years_leading", kind: .number,
                            text: both("For how many years have you led a school, this one or another?", "Cik gadus jūs vadāt skolu – šo vai citu?"),
                            minimum: 0, maximum: 50),
                    ]),
                .init(
                    title: both("Collegial support today", "Kolēģu atbalsts šobrīd"),
                    questions: [
                        .init(
                            variable: "support_now", kind: .singleChoice,
                            text: both(
                                "Do colleagues in your school support one another in an organised way (mentoring, peer observation, study groups and the like)?",
                                "Vai kolēģi jūsu skolā atbalsta cits citu organizēti (mentorings, stundu vērošana, mācīšanās grupas un tamlīdzīgi)?"),
                            required: true,
                            options: options([both("Yes, regularly", "Jā, regulāri"), both("Now and then", "Reizēm"), both("Not yet", "Vēl ne")])),
                        .init(
                            variable: "forms_used", kind: .multipleChoice,
                            text: both("Which forms take place in your school now?", "Kuras formas jūsu skolā notiek šobrīd?"),
                            help: both("Tick all that apply.", "Atzīmējiet visas, kas atbilst."),
                            required: true, options: forms, condition: .init(variable: "support_now", values: [1, 2])),
                        .init(
                            variable: "difference", kind: .likert,
                            text: both(
                                "Collegial support has made a visible difference to teaching in our school.",
                                "Kolēģu atbalsts ir redzami mainījis mācīšanu mūsu skolā."),
                            required: true, options: agreement, condition: .init(variable: "support_now", values: [1, 2])),
                        .init(
                            variable: "culture", kind: .matrix,
                            text: both("How far do you agree?", "Cik lielā mērā jūs piekrītat?"), required: true, options: agreement,
                            rows: [
                                .init(
                                    variable: "culture_time",
                                    text: both(
                                        "Teachers in my school have time in their week to support one another.",
                                        "Manas skolas skolotājiem nedēļā ir laiks atbalstīt citam citu.")),
                                .init(
                                    variable: "culture_trust",
                                    text: both(
                                        "Teachers trust each other enough to talk about what does not go well.",
                                        "Skolotāji pietiekami uzticas cits citam, lai runātu par to, kas neizdodas.")),
                                .init(
                                    variable: "culture_visit",
                                    text: both(
                                        "Most teachers would welcome a colleague in their lesson.",
                                        "Lielākā daļa skolotāju labprāt ielaistu kolēģi savā stundā.")),
                                .init(
                                    variable: "culture_start",
                                    text: both(
                                        "I know how to start a form of collegial support in my school.",
                                        "Es zinu, kā savā skolā sākt kādu kolēģu atbalsta formu.")),
                                .init(
                                    variable: "culture_worth",
                                    text: both(
                                        "Collegial support is worth the time it takes.",
                                        "Kolēģu atbalsts ir tā laika vērts, ko tas prasa.")),
                            ]),
                    ]),
                .init(
                    title: both("What stands in the way, and what would help", "Kas traucē un kas palīdzētu"),
                    questions: [
                        .init(
                            variable: "obstacles", kind: .multipleChoice,
                            text: both("What makes collegial support hard in your school?", "Kas jūsu skolā apgrūtina kolēģu atbalstu?"),
                            help: both("Tick all that apply.", "Atzīmējiet visas, kas atbilst."),
                            options: options([
                                both("No time for it in the timetable", "Stundu sarakstā tam nav laika"),
                                both("Teachers fear being judged", "Skolotāji baidās tikt vērtēti"),
                                both("Nobody is prepared to lead it", "Neviens nav sagatavots to vadīt"),
                                both("It is unclear what it should achieve", "Nav skaidrs, ko tam jāsasniedz"),
                                both("Little support from the school's owner or municipality", "Maz atbalsta no dibinātāja vai pašvaldības"),
                                both("Earlier attempts faded out", "Iepriekšējie mēģinājumi apsīka"),
                            ])),
                        .init(
                            variable: "learn", kind: .multipleChoice,
                            text: both("What would you like to learn more about?", "Par ko jūs vēlētos uzzināt vairāk?"),
                            help: both("Tick all that apply.", "Atzīmējiet visas, kas atbilst."),
                            options: options([
                                both("Choosing the form of support that fits our needs", "Kā izvēlēties mūsu vajadzībām atbilstošu atbalsta formu"),
                                both("Finding time for it in the timetable", "Kā atrast tam laiku stundu sarakstā"),
                                both("Preparing mentors and coaches", "Kā sagatavot mentorus un koučus"),
                                both("Building trust and a culture of feedback", "Kā veidot uzticēšanos un atgriezeniskās saites kultūru"),
                                both("Finding out whether it works", "Kā noskaidrot, vai tas darbojas"),
                            ])),
                        .init(
                            variable: "wish", kind: .longText,
                            text: both(
                                "What would help you most to make collegial support part of everyday work in your school?",
                                "Kas jums vislabāk palīdzētu padarīt kolēģu atbalstu par ikdienas darba daļu jūsu skolā?")),
                    ]),
            ])
    }

    static var staffCulture: SurveyDefinition {
        SurveyDefinition(
            baseLanguage: "en", languages: ["en", "lv"],
            title: both("Learning from colleagues in our school", "Mācīšanās no kolēģiem mūsu skolā"),
            introduction: both(
                "This short questionnaire asks how colleagues in our school work and learn together. It takes about seven minutes. It is anonymous: nobody sees your answers on their own, and figures are shown only for groups of at least five people.",
                "Šī īsā anketa jautā, kā kolēģi mūsu skolā strādā un mācās kopā. Tā aizņem apmēram septiņas minūtes. Tā ir anonīma: neviens neredz tieši jūsu atbildes, un rādītāji tiek rādīti tikai vismaz piecu cilvēku grupām."
            ),
            sections: [
                .init(
                    title: both("About you", "Par jums"),
                    questions: [
                        .init(
                            variable: "staff_role", kind: .singleChoice, text: both("What is your work in the school?", "Kāds ir jūsu darbs skolā?"),
                            required: true,
                            options: options([
                                both("Teacher", "Skolotājs"),
                                both(
                                    "Support staff (counsellor, psychologist, special educator…)",
                                    "Atbalsta personāls (konsultants, psihologs, speciālais pedagogs…)"),
                                both("Other", "Cits"),
                            ])),
                        .init(
                            variable: "years_here", kind: .singleChoice,
                            text: both("How long have you worked in this school?", "Cik ilgi strādājat šajā skolā?"), required: true,
                            options: options([
                                both("Less than two years", "Mazāk nekā divus gadus"), both("2 to 5 years", "No 2 līdz 5 gadiem"),
                                both("6 to 15 years", "No 6 līdz 15 gadiem"), both("More than 15 years", "Vairāk nekā 15 gadus"),
                            ])),
                    ]),
                .init(
                    title: both("How we work together", "Kā mēs strādājam kopā"),
                    questions: [
                        .init(
                            variable: "together", kind: .matrix, text: both("How far do you agree?", "Cik lielā mērā jūs piekrītat?"), required: true,
                            options: agreement,
                            rows: [
                                .init(
                                    variable: "together_ask",
                                    text: both(
                                        "When I am stuck with a class, I can ask a colleague without feeling judged.",
                                        "Kad man ar klasi neveicas, es varu vaicāt kolēģim, nejūtoties vērtēts.")),
                                .init(
                                    variable: "together_share",
                                    text: both(
                                        "Colleagues share materials and ideas with one another.",
                                        "Kolēģi dalās ar materiāliem un idejām.")),
                                .init(
                                    variable: "together_feedback",
                                    text: both(
                                        "I get feedback on my teaching from colleagues that helps me.",
                                        "No kolēģiem es saņemu atgriezenisko saiti par savu darbu, kas man palīdz.")),
                                .init(
                                    variable: "together_visit",
                                    text: both(
                                        "I would welcome a colleague in one of my lessons.",
                                        "Es labprāt ielaistu kolēģi kādā no savām stundām.")),
                                .init(
                                    variable: "together_mistakes",
                                    text: both(
                                        "It is safe here to talk about a lesson that went badly.",
                                        "Šeit ir droši runāt par stundu, kas neizdevās.")),
                                .init(
                                    variable: "together_time",
                                    text: both(
                                        "Our leaders make time for colleagues to learn from one another.",
                                        "Mūsu vadītāji atvēl laiku, lai kolēģi mācītos cits no cita.")),
                                .init(
                                    variable: "together_new",
                                    text: both(
                                        "New colleagues get enough support in their first year.",
                                        "Jaunie kolēģi pirmajā gadā saņem pietiekamu atbalstu.")),
                            ]),
                        .init(
                            variable: "improved", kind: .likert,
                            text: both("Working with colleagues has improved my teaching this year.", "Darbs ar kolēģiem šogad ir uzlabojis manu mācīšanu."),
                            options: agreement),
                    ]),
                .init(
                    title: both("What you would like", "Ko jūs vēlētos"),
                    questions: [
                        .init(
                            variable: "took_part", kind: .multipleChoice,
                            text: both("In the past year, which of these have you taken part in?", "Kurās no šīm formām pēdējā gadā esat piedalījies?"),
                            help: both("Tick all that apply.", "Atzīmējiet visas, kas atbilst."), options: forms),
                        .init(
                            variable: "would_try", kind: .multipleChoice,
                            text: both("Which would you like to try?", "Kuras jūs vēlētos izmēģināt?"),
                            help: both("Tick all that apply.", "Atzīmējiet visas, kas atbilst."), options: forms),
                        .init(
                            variable: "easier", kind: .longText,
                            text: both(
                                "What would make it easier to learn from colleagues in our school?",
                                "Kas atvieglotu mācīšanos no kolēģiem mūsu skolā?")),
                    ]),
            ])
    }
}
