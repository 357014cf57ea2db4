/// One step of a conversation with the server, for `collegium mail-test` and for logs at
/// debug level. Passwords and AUTH payloads are masked before a line is made, so a
/// transcript can be shown or kept.
public enum SMTPTranscriptLine: Sendable, Equatable, CustomStringConvertible {
    /// What the client sent (`EHLO school.example`).
    case client(String)
    /// A line the server sent (`250-PIPELINING`).
    case server(String)
    /// Something that happened between lines ("TLS started (TLSv1.3)").
    case note(String)

    /// `C: …`, `S: …` or `* …`.
    public var description: String {
        switch self {
        case .client(let line): "C: \(line)"
        case .server(let line): "S: \(line)"
        case .note(let text): "* \(text)"
        }
    }
}

/// Receives each step of a conversation; called on the connection's event loop or task, in
/// order, so it should return quickly.
public typealias SMTPTranscript = @Sendable (SMTPTranscriptLine) -> Void
