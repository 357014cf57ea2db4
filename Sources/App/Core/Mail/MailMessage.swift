import Foundation

/// An e-mail to one person, as the feature that sends it words it: in the reader's
/// language, paragraphs of plain text, at most one action link. `Outbox.enqueue` renders it
/// (a plain-text part and a simple HTML part with the same words, no images, no tracking)
/// and queues it.
struct MailMessage: Sendable, Equatable {
    enum Kind: String, Codable, Sendable, CaseIterable {
        case invitation
        case passwordReset = "password_reset"
        /// One notification sent at once (the person chose "at once" for its kind).
        case notice
        /// The morning's list of notifications.
        case digest
        /// `collegium mail-test` and `benchmarks/mail`.
        case test
    }

    struct Action: Sendable, Equatable {
        var label: String
        var url: String
    }

    struct CalendarFile: Sendable, Equatable {
        var filename: String
        var ics: String
    }

    var kind: Kind
    var to: String
    /// The person's name, for the To header (nil for someone without an account yet).
    var toName: String?
    var userID: UUID?
    /// The language the mail is written in: its HTML part's `lang`.
    var language: String
    var subject: String
    var paragraphs: [String]
    var action: Action?
    /// Lines under the message (why the reader gets it, how to change that).
    var footer: [String] = []
    var calendar: CalendarFile?
    /// The one-click unsubscribe link of a digest (RFC 8058).
    var unsubscribeURL: String?

    /// The link the mail is about when it is a secret (an invitation, a reset): the demo
    /// prints it, and it is wiped with the body once sent.
    var secretLink: String? {
        switch kind {
        case .invitation, .passwordReset: action?.url
        case .notice, .digest, .test: nil
        }
    }
}
