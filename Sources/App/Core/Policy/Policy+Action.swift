import Foundation

extension Policy {
    enum Action: String, CaseIterable, Sendable {
        /// See that the thing exists and its basic details.
        case view
        /// See who belongs to a school and their roles.
        case viewMembers
        /// Invite and import staff, see pending invitations.
        case manageStaff
        /// End a new member's cooling-off before colleagues' waiting questions reach them: the
        /// coordinators of the school's network, never its leader (issue 14, class 5).
        case clearNewStaff
        /// Create networks and schools, change any school: the instance's administration.
        case administer
        /// Change a network's settings, such as the logo on the certificates it issues: its
        /// coordinators (and the instance's admins).
        case manageNetwork
        /// See the guarded well-being figures of a school or network (never a person's).
        case viewWellbeingFigures
        /// Set a school's check-in cadence, minimum group and help lines.
        case manageWellbeing
        /// Read handbook chapters.
        case readHandbook
        /// Edit chapters, restore revisions, make chapters public, see translation status.
        case editHandbook
        /// See how much collegial support goes on in a school: counts only, never who or what.
        case viewPracticeCounts
        /// Start a mentoring programme for a school (its leader) or a network (its coordinator).
        case createProgramme
        /// Run a programme: invite, match, publish, see how pairs are doing (never their notes).
        case manageProgramme
        /// Take part in a programme: fill one's profile, accept or decline one's pair.
        case takePartInProgramme
        /// Ask colleagues of a school for help (any member of the school).
        case askForHelp
        /// Offer to answer requests on some topics in a school (members other than leaders).
        case volunteer
        /// See an open ask-a-colleague request.
        case seeHelpRequest
        /// Take a request: it becomes an engagement between the asker and the one who took it.
        case takeHelpRequest
        /// Withdraw one's own request.
        case withdrawHelpRequest
        /// Start a peer observation cycle in a school, or be invited to observe (members other
        /// than leaders: an observation between colleagues is never an appraisal).
        case startObservation
        /// Offer to coach colleagues of a school (members other than leaders).
        case offerCoaching
        /// Ask for coaching in a school (any member).
        case requestCoaching
        /// See a coaching request.
        case seeCoachingRequest
        /// Accept a coaching request, or pass it to another coach.
        case respondToCoachingRequest
        /// Withdraw one's own coaching request.
        case withdrawCoachingRequest
        /// See an engagement: who takes part, what it is about, its shared notes.
        case viewEngagement
        /// Add a note to an engagement, or close it.
        case writeNote
        /// Read one note.
        case readNote
        /// Read a meeting's agenda: the engagement's participants; in a supervision or
        /// intervision group, only those who agreed to its confidentiality, since an agenda
        /// names the cases to be brought (issue 14, class 5). The time and place stay visible.
        case readAgenda
        /// Start a study group in a school (any member: learning together is open to all).
        case startStudyGroup
        /// Start a supervision or intervision group in a school, or be invited to one
        /// (members other than leaders: cases are confidential among peers).
        case startCaseGroup
        /// Agree to a supervision or intervision group's confidentiality (its members, once).
        case agreeToConfidentiality
        /// Run a group: record attendance, start a case session. The facilitator of a study
        /// group, the supervisor of a supervision group, any member of an intervision group
        /// (the role rotates), always after agreeing to confidentiality where it applies.
        case leadGroup
        /// Move a case session through its steps: the facilitator of that session only.
        case runCaseSession
        /// Make a survey for a school (its leader) or a network (its coordinator).
        case createSurvey
        /// Design, publish, close a survey and read its report.
        case manageSurvey
        /// Answer a survey (anyone with its link, while it is open).
        case answerSurvey
        /// Write an observation protocol for one's school (any member: it is a tool for
        /// colleagues, and it never holds a score).
        case addObservationProtocol
        /// Stop offering a school's protocol: its author, while a member of the school.
        case retireObservationProtocol
        /// Enrol in a published course and take it (anyone signed in; authors also preview drafts).
        case takeCourse
        /// Write and revise courses, reorder their parts, publish them (coordinators: they
        /// publish the course for their networks, as they do the handbook).
        case authorCourse
        /// Form cohorts of a course, enrol people into them, revoke certificates.
        case manageCohort
        /// Follow a cohort: its learners' progress, item difficulty, the evaluation report
        /// (its facilitator, and the coordinators of its network).
        case followCohort
        /// Give a learner of the cohort who asked one more attempt at a quiz: its
        /// facilitator; the coordinators of its network when it has none.
        case grantQuizAttempt
        /// Read a reflection: its author, or the members of its cohort when it is shared.
        case readReflection
        /// Comment on a shared reflection: the members of its cohort.
        case commentOnReflection
        /// See one's quiz attempts and answers: the learner alone.
        case viewQuizAttempts
        /// Accept or decline an invitation to a cohort: the person it was sent to alone,
        /// whatever their rank (nobody joins a cohort on someone else's word).
        case answerCohortInvitation

        /// Actions on the support between colleagues: decided by who takes part, never by
        /// rank. An admin or leader gets no way in (notes and requests are confidential).
        var isPractice: Bool {
            [
                .askForHelp, .volunteer, .seeHelpRequest, .takeHelpRequest, .withdrawHelpRequest,
                .startObservation, .offerCoaching, .requestCoaching, .seeCoachingRequest, .respondToCoachingRequest, .withdrawCoachingRequest,
                .viewEngagement, .writeNote, .readNote, .readAgenda, .startStudyGroup, .startCaseGroup, .agreeToConfidentiality,
                .leadGroup, .runCaseSession, .addObservationProtocol, .retireObservationProtocol,
                .readReflection, .commentOnReflection, .viewQuizAttempts, .answerCohortInvitation,
            ].contains(self)
        }
    }
}
