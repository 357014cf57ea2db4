import Domain
import Fluent
import Foundation
import Plot
import Vapor

enum ObservationNames {
    static func name(_ p: ObservationProtocol, _ context: PageContext) -> String {
        switch p {
        case .questioning: context.t("Questioning")
        case .engagement: context.t("Pupil engagement")
        case .feedback: context.t("Feedback")
        case .differentiation: context.t("Differentiation")
        }
    }

    /// The protocol's look-fors in the reader's language.
    static func lookFors(_ p: ObservationProtocol, _ context: PageContext) -> [String] {
        p.lookFors.map { context.t($0) }
    }

    /// A cycle's protocol: a ready one in the reader's language, or the school's own as
    /// its authors wrote it. `schoolProtocol` must be loaded.
    static func describe(_ cycle: ObservationCycle, _ context: PageContext) -> (name: String, lookFors: [String]) {
        if let ready = cycle.readyProtocol { return (name(ready, context), lookFors(ready, context)) }
        guard let own = cycle.schoolProtocol else { return (context.t("A protocol the school no longer keeps"), []) }
        return (own.name, own.lookFors)
    }
}
