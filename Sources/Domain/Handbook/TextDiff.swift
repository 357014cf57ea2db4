/// A line-by-line comparison of two texts (longest common subsequence), for comparing two
/// revisions of a chapter.
public enum TextDiff {
    public enum Line: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The lines of `old` and `new` in order, each marked as kept, removed or added.
    /// Texts longer than `limit` lines are compared as one block removed and one added,
    /// so that a huge paste cannot make the comparison slow.
    public static func lines(from old: String, to new: String, limit: Int = 4000) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if a.count > limit || b.count > limit {
            return a == b ? a.map(Line.same) : a.map(Line.removed) + b.map(Line.added)
        }
        // lcs[i][j]: length of the longest common subsequence of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                result.append(.same(a[i])); i += 1; j += 1
            } else if lcs[i + 1][j] >= lcs[i][j + 1] {
                result.append(.removed(a[i])); i += 1
            } else {
                result.append(.added(b[j])); j += 1
            }
        }
        result += a[i...].map(Line.removed)
        result += b[j...].map(Line.added)
        return result
    }
}
