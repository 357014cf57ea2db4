import Domain
import Fluent
import Vapor

/// Making and sending invitations, shared by the invite form, the roster import and the API.
struct InvitationService {
    let req: Request

    enum Problem: Error, Equatable {
        case alreadyMember
    }

    struct Draft {
        var email: EmailAddress
        var givenName: String
        var familyName: String
        var role: SchoolRole
        /// The language of the invitation e-mail; nil: the school's.
        var language: Language? = nil
    }

    /// Stores an invitation (replacing an earlier pending one for the same person and
    /// school), queues its e-mail on the same database, and returns it with its secret
    /// token. Call it inside a transaction: a rolled-back import e-mails nobody.
    func create(_ draft: Draft, school: School, on db: any Database) async throws -> (Invitation, String) {
        let schoolID = try school.requireID()
        if let user = try await User.query(on: db).filter(\.$email == draft.email.value).first(),
            try await Membership.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$school.$id == schoolID).count() > 0
        {
            throw Problem.alreadyMember
        }
        let replaced = try await Invitation.query(on: db)
            .filter(\.$email == draft.email.value).filter(\.$school.$id == schoolID)
            .filter(\.$acceptedAt == nil).all()
        if !replaced.isEmpty {
            // Their links die with them: a mail of theirs still waiting is not sent.
            let hashes = Set(replaced.map(\.tokenHash))
            try await Outbox.withdraw(.invitation, to: draft.email.value, now: req.now, on: db) { link in
                hashes.contains(SecretToken.hash(String(link.split(separator: "/").last ?? "")))
            }
            try await Invitation.query(on: db).filter(\.$id ~~ replaced.compactMap(\.id)).delete()
        }
        let token = SecretToken.generate()
        let invitation = Invitation(
            tokenHash: SecretToken.hash(token), email: draft.email.value, givenName: draft.givenName,
            familyName: draft.familyName, role: draft.role, schoolID: schoolID, invitedByID: req.currentUser?.id,
            expiresAt: req.now.addingTimeInterval(req.application.config.invitationLifetime))
        invitation.language = (draft.language ?? Language(rawValue: school.language) ?? .source).rawValue
        try await invitation.save(on: db)
        // Even to an address marked undeliverable: the leader learns that it bounces from this
        // mail, never from another school's (which would tell them the address was mailed before).
        try await Outbox.enqueue(
            mail(invitation, token: token, school: school), settings: req.application.config.mail, now: req.now, evenIfMarked: true, on: db)
        return (invitation, token)
    }

    /// The invitation e-mail, in the language chosen for the person.
    func mail(_ invitation: Invitation, token: String, school: School) -> MailMessage {
        let language = invitation.language.flatMap(Language.init(rawValue:)) ?? .source
        let l = req.application.translator.localizer(for: language)
        let link = SiteURL.invitation(.value(token)).absolute(req.application.config)
        let inviter = req.currentUser?.fullName ?? "Collegium"
        let days = Int(req.application.config.invitationLifetime / 86_400)
        return MailMessage(
            kind: .invitation, to: invitation.email, toName: "\(invitation.givenName) \(invitation.familyName)", userID: nil,
            language: language.rawValue, subject: l.t("You are invited to join {school} on Collegium", ["school": school.name]),
            paragraphs: [
                l.t("Hello {name},", ["name": invitation.givenName]),
                l.t(
                    "{inviter} invites you to join {school} on Collegium, where colleagues find mentors and coaches, observe each other's lessons and learn together.",
                    ["inviter": inviter, "school": school.name]),
                l.tn(
                    "Open the link below to choose your password. It works once, for {count} day.",
                    "Open the link below to choose your password. It works once, for {count} days.", count: days),
            ],
            action: .init(label: l.t("Join {school}", ["school": school.name]), url: link),
            footer: [l.t("If you did not expect this invitation, ignore this e-mail: nothing happens without the link.")])
    }
}

/// Accepting an invitation.
extension InvitationService {
    /// A newcomer's answer to an invitation, checked (`InvitationAcceptForm.newcomer`): the
    /// names they go by and the password they chose.
    struct Newcomer {
        var givenName: String
        var familyName: String
        var password: String

        /// Gives `user` (a new account, or one made earlier without a password) the names and
        /// the password's hash, and the language of the page unless they chose one before.
        func fill(_ user: User, passwordHash: String, language: String) {
            user.givenName = givenName
            user.familyName = familyName
            user.passwordHash = passwordHash
            if user.language == nil { user.language = language }
        }
    }

    /// Saves `user` and accepts the invitation for them: they join its school in its role.
    static func accept(_ invitation: Invitation, by user: User, at now: Date, on db: any Database) async throws {
        invitation.acceptedAt = now
        try await db.writeTransaction { db in
            try await user.save(on: db)
            let userID = try user.requireID()
            // Recorded in the school's staff record, as made by whoever sent the invitation.
            try await StaffRecord.join(
                userID: userID, schoolID: invitation.$school.id, role: invitation.role,
                by: invitation.$invitedBy.id, at: now, on: db)
            try await invitation.save(on: db)
            // The mark on the address stays: the link may have come another way than by mail
            // (the demo prints it). A delivered invitation takes it off (`OutboxSender`).
        }
    }
}
