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

    /// The same chart laid out for a phone (issue 18): the wide one shrunk to 390 px prints its
    /// words at six pixels. Here the viewBox is a phone's width, so the words keep their size;
    /// each label wraps onto up to three lines beside its bar. CSS shows one of the two charts.
    static func narrowSVG(title: String, bars: [(label: String, count: Int, share: Double)], context: PageContext) -> Node<HTML.BodyContext> {
        let width = 360, labelWidth = 176, line = 15, bar = 14, gap = 5
        let barSpace = Double(width - labelWidth - 8 - 68)
        var body = "", y = gap
        for entry in bars {
            let labels = lines(entry.label, width: 26, count: 3)
            let height = max(bar, labels.count * line)
            for (index, text) in labels.enumerated() {
                let baseline = y + (height - labels.count * line) / 2 + (index + 1) * line - 3
                body += "<text x=\"\(labelWidth)\" y=\"\(baseline)\" text-anchor=\"end\" class=\"chart-label\">\(escape(text))</text>"
            }
            let w = max(1, Int((barSpace * entry.share).rounded())), top = y + (height - bar) / 2
            let figure = String(entry.count) + " (" + context.localizer.percent(entry.share) + ")"
            body += "<rect x=\"\(labelWidth + 8)\" y=\"\(top)\" width=\"\(w)\" height=\"\(bar)\" class=\"chart-bar\"/>"
            body += "<text x=\"\(labelWidth + 8 + w + 5)\" y=\"\(top + 11)\" class=\"chart-figure\">\(escape(figure))</text>"
            y += height + gap
        }
        let summary = bars.map { $0.label + ": " + String($0.count) }.joined(separator: "; ")
        let svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-narrow\" viewBox=\"0 0 \(width) \(y)\" width=\"100%\" role=\"img\" "
            + "aria-label=\"\(escape(title + ". " + summary))\"><title>\(escape(title))</title>\(body)</svg>"
        return .raw(svg)
    }

    /// `text` in lines of at most `width` characters, broken between words; past `count`
    /// lines the last ends in "…".
    static func lines(_ text: String, width: Int, count: Int) -> [String] {
        var result: [String] = [], current = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            if !current.isEmpty && current.count + 1 + word.count > width {
                result.append(current)
                current = ""
            }
            while word.count > width {
                result.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { result.append(current) }
        guard result.count > count else { return result }
        let last = result[count - 1]
        return Array(result.prefix(count - 1)) + [String(last.prefix(width - 1)) + "…"]
    }

    static func escape(_ text: String) -> String { HTMLEscape.text(text) }
}
