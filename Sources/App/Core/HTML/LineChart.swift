import Plot

/// A small line chart drawn on the server as SVG: readable without colour (each series
/// has its own marker shape and dash), with a title for screen readers; pages put the
/// same numbers in a table next to it.
struct LineChart {
    struct Series {
        var name: String
        /// One value per label; nil leaves a gap (e.g. a period whose figure is withheld).
        var values: [Double?]
        var dashed: Bool
    }

    var title: String
    var labels: [String]
    var series: [Series]
    var maximum: Double = 100

    private let width = 640.0, height = 240.0, left = 40.0, right = 32.0, top = 16.0, bottom = 40.0

    func node() -> Node<HTML.BodyContext> {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ i: Int) -> Double { labels.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(i) / Double(labels.count - 1) }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - min(max(v, 0), maximum) / maximum) }
        func fmt(_ v: Double) -> String { String(Int(v.rounded())) }

        var parts: [Node<HTML.BodyContext>] = [.element(named: "title", text: title)]
        for tick in stride(from: 0.0, through: maximum, by: maximum / 4) {
            parts.append(line(left, y(tick), width - right, y(tick), style: "grid"))
            parts.append(text(fmt(tick), x: left - 6, y: y(tick) + 4, anchor: "end"))
        }
        for (i, label) in labels.enumerated() {
            parts.append(text(label, x: x(i), y: height - bottom + 18, anchor: "middle"))
        }
        for (index, series) in series.enumerated() {
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    parts.append(
                        .selfClosedElement(
                            named: "polyline",
                            attributes: [
                                .attribute(named: "points", value: segment.joined(separator: " ")),
                                .attribute(named: "class", value: series.dashed ? "series dashed" : "series"),
                            ]))
                }
                segment = []
            }
            for (i, value) in series.values.enumerated() {
                guard let value else { flush(); continue }
                segment.append("\(fmt(x(i))),\(fmt(y(value)))")
                parts.append(marker(index, x: x(i), y: y(value)))
            }
            flush()
        }
        return .element(
            named: "svg",
            nodes: [
                .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
                .attribute(named: "viewBox", value: "0 0 \(Int(width)) \(Int(height))"),
                .attribute(named: "role", value: "img"),
                .attribute(named: "aria-label", value: title),
                .attribute(named: "class", value: "chart"),
            ] + parts)
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, style: String) -> Node<HTML.BodyContext> {
        .selfClosedElement(
            named: "line",
            attributes: [
                .attribute(named: "x1", value: "\(x1)"), .attribute(named: "y1", value: "\(y1)"),
                .attribute(named: "x2", value: "\(x2)"), .attribute(named: "y2", value: "\(y2)"),
                .attribute(named: "class", value: style),
            ])
    }

    private func text(_ content: String, x: Double, y: Double, anchor: String) -> Node<HTML.BodyContext> {
        .element(
            named: "text",
            nodes: [
                .attribute(named: "x", value: "\(x)"), .attribute(named: "y", value: "\(y)"),
                .attribute(named: "text-anchor", value: anchor), .text(content),
            ])
    }

    /// A circle for the first series, a square for the second: told apart without colour.
    private func marker(_ series: Int, x: Double, y: Double) -> Node<HTML.BodyContext> {
        if series == 0 {
            return .selfClosedElement(
                named: "circle",
                attributes: [
                    .attribute(named: "cx", value: "\(x)"), .attribute(named: "cy", value: "\(y)"),
                    .attribute(named: "r", value: "5"), .attribute(named: "class", value: "marker"),
                ])
        }
        return .selfClosedElement(
            named: "rect",
            attributes: [
                .attribute(named: "x", value: "\(x - 5)"), .attribute(named: "y", value: "\(y - 5)"),
                .attribute(named: "width", value: "10"), .attribute(named: "height", value: "10"),
                .attribute(named: "class", value: "marker square"),
            ])
    }
}
