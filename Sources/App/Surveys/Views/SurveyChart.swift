import Domain
import Foundation
import Plot

/// A horizontal bar chart drawn on the server as SVG: one bar per option, each labelled
/// with its text, count and share, so it reads without colour and without a script.
enum SurveyChart {
    static let width = 720
    static let labelWidth = 330
    static let barHeight = 22
    static let gap = 8

    static func svg(title: String, bars: [(label: String, count: Int, share: Double)], context: PageContext) -> Node<HTML.BodyContext> {
        let height = bars.count * (barHeight + gap) + gap
        let barSpace = Double(width - labelWidth - 110)
        var body = ""
        for (i, bar) in bars.enumerated() {
            let y = gap + i * (barHeight + gap)
            let w = max(1, Int((barSpace * bar.share).rounded()))
            let label = escape(String(bar.label.prefix(40)) + (bar.label.count > 40 ? "…" : ""))
            let figure = String(bar.count) + " (" + context.localizer.percent(bar.share) + ")"
            body += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" class=\"chart-label\">\(label)</text>"
            body += "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" class=\"chart-bar\"/>"
            body += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16)\" class=\"chart-figure\">\(escape(figure))</text>"
        }
        let summary = bars.map { $0.label + ": " + String($0.count) }.joined(separator: "; ")
        let svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" "
            + "aria-label=\"\(escape(title + ". " + summary))\"><title>\(escape(title))</title>\(body)</svg>"
        return .raw(svg)
    }

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
