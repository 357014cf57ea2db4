/// Decides which aggregate figures may be shown without exposing anyone.
///
/// Answers are counted in *cells*: the finest groups that are ever reported (one school,
/// one staff category, one period). A *view* is a union of cells (a school, a category
/// across the network, the whole network…). Within one period the guard publishes a view
/// only when:
/// 1. it holds at least `minimumGroup` answers;
/// 2. for every published view split into parts (a school into categories, the network
///    into schools), the parts left unpublished hold none or at least `minimumGroup`
///    answers together (complementary suppression: the hidden rest cannot be computed by
///    subtraction, so no view differs from a parent or sibling by a smaller group);
/// 3. a withheld view takes every view inside it along, so it cannot be summed back.
/// What is published depends on the data alone, never on who asks: every person sees a
/// part of one safe set, so combining what two people see reveals nothing more.
/// Periods are independent: their answers are different measurements, so no difference
/// between periods isolates an answer.
public struct AnonymityGuard: Sendable {
    public var minimumGroup: Int

    public init(minimumGroup: Int = 5) {
        self.minimumGroup = max(2, minimumGroup)
    }

    /// A view: a name the caller understands and the cells it covers.
    public struct View<Key: Hashable & Sendable>: Hashable, Sendable {
        public var key: Key
        public var cells: Set<Int>
        public init(key: Key, cells: Set<Int>) {
            self.key = key
            self.cells = cells
        }
    }

    /// Why a view was withheld, for the reader of the report.
    public enum Suppression: String, Sendable, Equatable, Codable {
        /// Fewer answers than the minimum group.
        case tooFewAnswers
        /// Shown, it would let a smaller group be worked out from another figure.
        case wouldRevealByDifference
    }

    /// How a view is split into parts, and which to give up when the hidden rest is too small.
    public struct Partition<Key: Hashable & Sendable>: Sendable {
        public var parent: Key
        public var parts: [Key]
        /// Give up the parent rather than a part, when nothing shown contains the parent
        /// (a network total matters less than its schools' figures).
        public var preferWithholdingParent: Bool
        public init(parent: Key, parts: [Key], preferWithholdingParent: Bool = false) {
            self.parent = parent
            self.parts = parts
            self.preferWithholdingParent = preferWithholdingParent
        }
    }

    /// The published views and the reason for each one withheld.
    /// `sizes[i]` is the number of answers in cell `i`; `partitions` lists, for a view, the
    /// views that split it (each cell of the parent in exactly one part).
    public func decide<Key>(views: [View<Key>], sizes: [Int], partitions: [Partition<Key>]) -> [Key: Suppression?] {
        // Sizes are summed once: the loops below ask for them many times.
        let sizeOf = Dictionary(views.map { ($0.key, $0.cells.reduce(0) { $0 + sizes[$1] }) }, uniquingKeysWith: { a, _ in a })
        func size(_ view: View<Key>) -> Int { sizeOf[view.key] ?? 0 }
        let byKey = Dictionary(views.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var decision: [Key: Suppression?] = [:]
        var published = Set<Key>()
        for view in views {
            if size(view) >= minimumGroup {
                published.insert(view.key)
                decision[view.key] = .some(nil)
            } else {
                decision[view.key] = .some(.tooFewAnswers)
            }
        }
        // A withheld view must not be computable from the views inside it either, so
        // everything inside it is withheld with it.
        func withhold(_ key: Key) {
            guard let view = byKey[key] else { return }
            for inner in views where published.contains(inner.key) && inner.cells.isSubset(of: view.cells) {
                published.remove(inner.key)
                decision[inner.key] = .some(.wouldRevealByDifference)
            }
        }
        var changed = true
        while changed {
            changed = false
            for partition in partitions where published.contains(partition.parent) {
                let parentKey = partition.parent, partKeys = partition.parts
                let parts = partKeys.compactMap { byKey[$0] }
                let hidden = parts.filter { !published.contains($0.key) }.reduce(0) { $0 + size($1) }
                guard hidden > 0 && hidden < minimumGroup else { continue }
                // A top-level view (nothing shown contains it) can simply be withheld: nothing
                // else adds up to it. Otherwise withhold the smallest part still shown (with
                // everything inside it), until the hidden rest is large enough.
                let parentView = byKey[parentKey]!
                let isTopLevel = !views.contains { $0.key != parentKey && published.contains($0.key) && parentView.cells.isStrictSubset(of: $0.cells) }
                if isTopLevel && partition.preferWithholdingParent {
                    published.remove(parentKey)
                    decision[parentKey] = .some(.wouldRevealByDifference)
                } else if let smallest = parts.filter({ published.contains($0.key) }).min(by: { size($0) < size($1) }) {
                    withhold(smallest.key)
                } else {
                    withhold(parentKey)
                }
                changed = true
            }
        }
        return decision
    }
}
