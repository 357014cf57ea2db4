import Fluent

/// Every table of every module, with or without personal data: `PersonalDataTests` fails
/// when a table is in neither list, so a new table must say how it hands a person's data
/// over and erases it, or why it holds none. A module adds its tables here when it adds
/// its migrations to `migrations.swift`.
extension PersonalData {
    /// Every table with personal data; the User table last, as the others refer to it.
    static let holders: [any PersonalDataHolder.Type] = [
        Membership.self, StaffChange.self, NetworkCoordinator.self, Invitation.self, PasswordReset.self,
        LoginSession.self, LoginFailure.self, APIToken.self,
        WellbeingParticipation.self, WellbeingPersonalEntry.self,
        HandbookRevision.self,
        EngagementNote.self, EngagementParticipant.self, HelpRequest.self, HelpVolunteer.self, CalendarFeed.self,
        CoachOffer.self, CoachingRequest.self, AppNotification.self,
        CaseEntry.self, CaseSession.self, Attendance.self, SchoolProtocol.self,
        SurveyResponse.self, SurveyParticipation.self, Survey.self,
        ProgrammeMember.self, ProgrammePair.self, FeedbackGiven.self,
        LearningStatement.self, CourseCredential.self, ReflectionComment.self, CourseReflection.self, QuizAttemptRequest.self, QuizAttempt.self,
        ActivityCompletion.self, CohortInvitation.self, CourseEnrolment.self, CourseCohort.self, Course.self, CourseReview.self,
        OutboxMail.self, UndeliverableAddress.self, NotificationPreference.self, MailSchedule.self, UnsubscribeLink.self,
        User.self,
    ]

    /// Tables that hold nothing about a person, and why.
    static let impersonalTables: [String: String] = [
        "networks": "names and descriptions of organisations",
        "network_logos": "a network's logo for its certificates; not who uploaded it",
        "schools": "names and places of organisations",
        "_fluent_migrations": "Fluent's record of applied migrations",
        "scheduled_jobs": "when each periodic job last ran and runs next, and which server process holds it",
        "wellbeing_settings": "a school's check-in settings",
        "wellbeing_settings_changes": "a school's check-in cadence and minimum group over time; not who changed them",
        "mentoring_feedback_releases": "sums of anonymous mentoring feedback released together, per programme; no link to any person",
        "wellbeing_cells": "running sums of anonymous scores per school, staff group and period",
        "mentoring_feedback": "anonymous feedback on ended mentoring pairs, with the programme only; no link to any person exists",
        "mentoring_programmes": "a programme's name, goal, dates and matching weights; its members are in mentoring_members",
        "practice_observation_cycles": "the focus and protocol of an observation engagement; who takes part is in practice_participants",
        "survey_counts": "counts of coded answers per survey, question and group; no link to any person or response",
        "survey_tokens": "hashes of single-use survey links and whether each was used; nothing links a token to a person or to a response",
        "survey_drafts": "answers being given to a survey, found again only by a secret kept in the respondent's browser; no link to a person",
        "survey_publications": "when a survey was first published; no link to any person",
        "survey_corrections": "wording of a survey changed after its first answer, with the reason; no link to any person",
        "survey_link_uses":
            "a keyed hash of a client address and a time, for a public link's rate limit, deleted after a day; no link to a response or an account",
        "request_limits":
            "how many requests one client made in a minute or an hour, the client a hash of the API token as sent (which no table can be joined to) or of the network address, deleted within ten minutes of its window's end (a minute or an hour); nothing of what was asked, and no link to an account",
        "practice_groups": "a group's purpose and its action plan, written by the group together; who takes part is in practice_participants",
        "practice_meetings": "when and where an engagement's participants meet; who they are is in practice_participants",
        "practice_engagements": "the form, topic and status of a conversation; who takes part is in practice_participants",
        "handbook_chapters": "the handbook's chapters and who may read them",
        "course_sections": "the modules of a course and their texts",
        "course_activities": "the steps of a course: lessons, quizzes and reflection tasks as written by the authors",
        "signing_keys": "the platform's keys for signing certificates",
        "handbook_texts": "the current text of each chapter per language; who wrote it is in handbook_revisions",
        "handbook_search": "the search index of the chapters' text",
        // SQLite's FTS5 keeps the index of handbook_search in these tables of its own.
        "handbook_search_data": "part of the handbook search index (SQLite FTS5)",
        "handbook_search_idx": "part of the handbook search index (SQLite FTS5)",
        "handbook_search_content": "part of the handbook search index (SQLite FTS5)",
        "handbook_search_docsize": "part of the handbook search index (SQLite FTS5)",
        "handbook_search_config": "part of the handbook search index (SQLite FTS5)",
        "wellbeing_answers":
            "anonymous scores with a school, staff group and period only; no link to any person exists, so they cannot be exported or erased per person",
    ]
}
