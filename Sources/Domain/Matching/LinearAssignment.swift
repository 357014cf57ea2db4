/// The linear assignment problem on a dense square cost matrix: give each row one column,
/// each column one row, at the least total cost.
///
/// The algorithm is Jonker and Volgenant's (LAPJV, "A shortest augmenting path algorithm
/// for dense and sparse linear assignment problems", Computing 38, 1987): column
/// reduction with reduction transfer, two passes of augmenting row reduction, then
/// shortest augmenting paths (Dijkstra over reduced costs) for the rows still free. Its
/// initialisation settles most rows cheaply, which is why it is fast in practice; the
/// worst case is O(n³).
public enum LinearAssignment {
    /// The column of each row. `cost` holds `n × n` finite values, row by row.
    public static func solve(cost: [Double], n: Int) -> [Int] {
        precondition(cost.count == n * n, "the cost matrix must be n × n")
        guard n > 0 else { return [] }
        if n == 1 { return [0] }
        var x = [Int](repeating: -1, count: n)  // column of each row
        var y = [Int](repeating: -1, count: n)  // row of each column
        var v = [Double](repeating: 0, count: n)  // column prices (dual variables)
        var free = [Int](repeating: 0, count: n)
        cost.withUnsafeBufferPointer { c in
            x.withUnsafeMutableBufferPointer { x in
                y.withUnsafeMutableBufferPointer { y in
                    v.withUnsafeMutableBufferPointer { v in
                        free.withUnsafeMutableBufferPointer { free in
                            var freeCount = columnReduction(n, c, free, x, y, v)
                            var pass = 0
                            while freeCount > 0 && pass < 2 {
                                freeCount = augmentingRowReduction(n, c, freeCount, free, x, y, v)
                                pass += 1
                            }
                            if freeCount > 0 { augment(n, c, freeCount, free, x, y, v) }
                        }
                    }
                }
            }
        }
        return x
    }

    typealias Costs = UnsafeBufferPointer<Double>
    typealias Ints = UnsafeMutableBufferPointer<Int>
    typealias Prices = UnsafeMutableBufferPointer<Double>

    /// Column reduction and reduction transfer: each column's price is its smallest cost;
    /// a row that is the cheapest for exactly one column takes it. Returns the free rows.
    static func columnReduction(_ n: Int, _ c: Costs, _ free: Ints, _ x: Ints, _ y: Ints, _ v: Prices) -> Int {
        for j in 0..<n { v[j] = .infinity; y[j] = 0 }
        for i in 0..<n {
            let row = i * n
            for j in 0..<n where c[row + j] < v[j] {
                v[j] = c[row + j]
                y[j] = i
            }
        }
        var unique = [Bool](repeating: true, count: n)
        for j in stride(from: n - 1, through: 0, by: -1) {
            let i = y[j]
            if x[i] < 0 { x[i] = j } else { unique[i] = false; y[j] = -1 }
        }
        var freeCount = 0
        for i in 0..<n {
            if x[i] < 0 {
                free[freeCount] = i
                freeCount += 1
            } else if unique[i] {
                let j = x[i], row = i * n
                var least = Double.infinity
                for j2 in 0..<n where j2 != j {
                    let reduced = c[row + j2] - v[j2]
                    if reduced < least { least = reduced }
                }
                v[j] -= least
            }
        }
        return freeCount
    }

    /// Augmenting row reduction: a free row takes its cheapest column (lowering that
    /// column's price when it can) and the row it displaces becomes free in turn.
    static func augmentingRowReduction(_ n: Int, _ c: Costs, _ freeCount: Int, _ free: Ints, _ x: Ints, _ y: Ints, _ v: Prices) -> Int {
        var current = 0, newFree = 0, steps = 0
        while current < freeCount {
            steps += 1
            let i = free[current]
            current += 1
            let row = i * n
            var j1 = 0, u1 = c[row] - v[0]
            var j2 = -1, u2 = Double.infinity
            for j in 1..<n {
                let reduced = c[row + j] - v[j]
                if reduced < u2 {
                    if reduced >= u1 {
                        u2 = reduced; j2 = j
                    } else {
                        u2 = u1; u1 = reduced; j2 = j1; j1 = j
                    }
                }
            }
            var i0 = y[j1]
            let lowered = v[j1] - (u2 - u1)
            let lowers = lowered < v[j1]
            if steps < current * n {
                if lowers {
                    v[j1] = lowered
                } else if i0 >= 0 && j2 >= 0 {
                    j1 = j2
                    i0 = y[j2]
                }
                if i0 >= 0 {
                    if lowers {
                        current -= 1
                        free[current] = i0
                    } else {
                        free[newFree] = i0
                        newFree += 1
                    }
                }
            } else if i0 >= 0 {
                free[newFree] = i0
                newFree += 1
            }
            x[i] = j1
            y[j1] = i
        }
        return newFree
    }

    /// Shortest augmenting paths for the rows still free.
    static func augment(_ n: Int, _ c: Costs, _ freeCount: Int, _ free: Ints, _ x: Ints, _ y: Ints, _ v: Prices) {
        var pred = [Int](repeating: 0, count: n)
        var cols = [Int](repeating: 0, count: n)
        var d = [Double](repeating: 0, count: n)
        pred.withUnsafeMutableBufferPointer { pred in
            cols.withUnsafeMutableBufferPointer { cols in
                d.withUnsafeMutableBufferPointer { d in
                    for f in 0..<freeCount {
                        let start = free[f]
                        var j = shortestPath(n, c, start, y, v, pred, cols, d)
                        var i = -1
                        var steps = 0
                        while i != start {
                            i = pred[j]
                            y[j] = i
                            swap(&j, &x[i])
                            steps += 1
                            precondition(steps <= n, "augmenting path longer than the matrix")
                        }
                    }
                }
            }
        }
    }

    /// Dijkstra over reduced costs from a free row to the nearest free column; updates the
    /// prices of the columns settled on the way. Returns that column.
    static func shortestPath(_ n: Int, _ c: Costs, _ start: Int, _ y: Ints, _ v: Prices, _ pred: Ints, _ cols: Ints, _ d: Prices) -> Int {
        var lo = 0, hi = 0, ready = 0
        var last = -1
        let startRow = start * n
        for j in 0..<n {
            cols[j] = j
            pred[j] = start
            d[j] = c[startRow + j] - v[j]
        }
        while last == -1 {
            if lo == hi {
                ready = lo
                // The columns at the smallest distance move to cols[lo..<hi].
                hi = lo + 1
                var least = d[cols[lo]]
                for k in hi..<n {
                    let j = cols[k]
                    if d[j] <= least {
                        if d[j] < least { hi = lo; least = d[j] }
                        cols[k] = cols[hi]
                        cols[hi] = j
                        hi += 1
                    }
                }
                for k in lo..<hi where y[cols[k]] < 0 { last = cols[k] }
            }
            if last == -1 {
                // Scan the settled columns' rows for shorter paths. When a free column is
                // reached, the block bounds go back to where the scan started (the prices
                // below are measured from the start of the block).
                let blockStart = lo
                scan: while lo != hi {
                    let j0 = cols[lo]
                    lo += 1
                    let i = y[j0]
                    let least = d[j0]
                    let row = i * n
                    let h = c[row + j0] - v[j0] - least
                    var k = hi
                    while k < n {
                        let j = cols[k]
                        let reduced = c[row + j] - v[j] - h
                        if reduced < d[j] {
                            d[j] = reduced
                            pred[j] = i
                            if reduced == least {
                                if y[j] < 0 { last = j; break scan }
                                cols[k] = cols[hi]
                                cols[hi] = j
                                hi += 1
                            }
                        }
                        k += 1
                    }
                }
                if last != -1 { lo = blockStart }
            }
        }
        let least = d[cols[lo]]
        for k in 0..<ready {
            let j = cols[k]
            v[j] += d[j] - least
        }
        return last
    }
}
