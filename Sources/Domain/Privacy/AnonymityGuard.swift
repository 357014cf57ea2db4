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
/// between periods isolates an answer, as long as a period's figures never move once shown
/// (the caller releases only closed periods and freezes what decides them).
/// "At least `minimumGroup`" counts only answers the reader cannot have given themselves
/// (`Plan.decide(sizes:counted:)`): a reader who takes their own answer out of a group of
/// five must still face five others (issue 14).
public struct AnonymityGuard: Sendable {
    public var minimumGroup: Int

    public init(minimumGroup: Int = 5) {
        self.minimumGroup = max(2, minimumGroup)
    }

    /// Whether one group standing alone may be shown: at least `minimumGroup` people. For a
    /// release of batched answers (mentoring feedback) or a single count; groups that overlap
    /// or nest go through `decide`.
    public func allows(_ count: Int) -> Bool { count >= minimumGroup }

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
        let plan = prepare(views: views, partitions: partitions)
        let decision = plan.decide(sizes: sizes)
        var result: [Key: Suppression?] = [:]
        for (index, view) in views.enumerated() where result[view.key] == nil { result[view.key] = .some(decision[index]) }
        return result
    }

    /// Works out once which views contain which, so that deciding many periods over the
    /// same views is arithmetic on arrays (the network-wide report decides every period).
    public func prepare<Key>(views: [View<Key>], partitions: [Partition<Key>]) -> Plan {
        var indexOf: [Key: Int] = [:]
        for (index, view) in views.enumerated() where indexOf[view.key] == nil { indexOf[view.key] = index }
        let cells = views.map { Array($0.cells).sorted() }
        // Candidates for containment share a cell; each cell lies in few views.
        var viewsOfCell: [Int: [Int]] = [:]
        for (index, list) in cells.enumerated() { for cell in list { viewsOfCell[cell, default: []].append(index) } }
        var inside = Array(repeating: [Int](), count: views.count)
        var strictlyContainedIn = Array(repeating: [Int](), count: views.count)
        for (index, view) in views.enumerated() {
            guard let first = cells[index].first else { continue }
            for other in viewsOfCell[first] ?? [] where other != index {
                if view.cells.isStrictSubset(of: views[other].cells) { strictlyContainedIn[index].append(other) }
            }
            var candidates = Set<Int>()
            for cell in cells[index] { candidates.formUnion(viewsOfCell[cell] ?? []) }
            inside[index] = candidates.filter { views[$0].cells.isSubset(of: view.cells) }.sorted()
        }
        let plannedPartitions = partitions.compactMap { partition -> Plan.PlannedPartition? in
            guard let parent = indexOf[partition.parent] else { return nil }
            return .init(parent: parent, parts: partition.parts.compactMap { indexOf[$0] }, preferWithholdingParent: partition.preferWithholdingParent)
        }
        return Plan(
            minimumGroup: minimumGroup, cells: cells, inside: inside, strictlyContainedIn: strictlyContainedIn,
            partitions: plannedPartitions)
    }

    /// The views and their nesting, by index, ready to decide any sizes.
    public struct Plan: Sendable {
        struct PlannedPartition: Sendable {
            var parent: Int
            var parts: [Int]
            var preferWithholdingParent: Bool
        }

        let minimumGroup: Int
        let cells: [[Int]]
        /// For each view, the views whose cells all lie within it (itself included).
        let inside: [[Int]]
        /// For each view, the views that hold all its cells and more.
        let strictlyContainedIn: [[Int]]
        let partitions: [PlannedPartition]

        /// The reason each view (by index) is withheld, or nil where it is published.
        ///
        /// `counted[i]` is how many of cell `i`'s answers count toward the minimum (by default
        /// all): answers that someone who reads the figures may have given themselves do not
        /// (issue 14, class 2), since a reader can take their own answer out again. A group is
        /// then safe when it holds no answer at all or at least `minimum` counted ones.
        /// `minimum` overrides the plan's minimum group (settings in force for one period).
        public func decide(sizes: [Int], counted: [Int]? = nil, minimum: Int? = nil) -> [Suppression?] {
            let minimumGroup = minimum.map { max(2, $0) } ?? self.minimumGroup
            let counted = counted ?? sizes
            let total = cells.map { $0.reduce(0) { $0 + sizes[$1] } }
            let size = cells.map { $0.reduce(0) { $0 + counted[$1] } }
            var decision = [Suppression?](repeating: nil, count: cells.count)
            var published = [Bool](repeating: false, count: cells.count)
            for index in cells.indices {
                if size[index] >= minimumGroup { published[index] = true } else { decision[index] = .tooFewAnswers }
            }
            // A withheld view must not be computable from the views inside it either, so
            // everything inside it is withheld with it.
            func withhold(_ view: Int) {
                for inner in inside[view] where published[inner] {
                    published[inner] = false
                    decision[inner] = .wouldRevealByDifference
                }
            }
            var changed = true
            while changed {
                changed = false
                for partition in partitions where published[partition.parent] {
                    let hiddenParts = partition.parts.filter { !published[$0] }
                    let hidden = hiddenParts.reduce(0) { $0 + size[$1] }
                    let hiddenAnswers = hiddenParts.reduce(0) { $0 + total[$1] }
                    guard hiddenAnswers > 0 && hidden < minimumGroup else { continue }
                    // A top-level view (nothing shown contains it) can simply be withheld: nothing
                    // else adds up to it. Otherwise withhold the smallest part still shown (with
                    // everything inside it), until the hidden rest is large enough.
                    let isTopLevel = !strictlyContainedIn[partition.parent].contains { published[$0] }
                    if isTopLevel && partition.preferWithholdingParent {
                        published[partition.parent] = false
                        decision[partition.parent] = .wouldRevealByDifference
                    } else if let smallest = partition.parts.filter({ published[$0] }).min(by: { size[$0] < size[$1] }) {
                        withhold(smallest)
                    } else {
                        withhold(partition.parent)
                    }
                    changed = true
                }
            }
            return decision
        }
    }
}
