import Foundation

/// Lays an edition's stories out as printed pages in columns: a masthead, headlines, bylines and
/// body text set in Times, a lead story that jumps from the front page to the next. It makes the
/// demo edition's pages, and pages whose stories' places are known for the tests of PDF import.
public struct PrintedEditionLayout: Sendable {
    /// A story as the layout sets it.
    public struct Story: Sendable, Hashable {
        public var headline: String
        public var byline: String?
        public var paragraphs: [String]

        public init(headline: String, byline: String? = nil, paragraphs: [String]) {
            self.headline = headline
            self.byline = byline
            self.paragraphs = paragraphs
        }
    }

    /// Where a story's text was set: one rectangle for each column it runs down, in points from
    /// the page's top left.
    public struct Placement: Sendable, Hashable {
        public var story: Int
        /// Counted from 1.
        public var page: Int
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
    }

    public var publication: String
    public var dateText: String
    public var pageWidth = 842.0
    public var pageHeight = 1191.0
    public var columns = 5
    public var margin = 36.0
    public var gutter = 12.0
    public var bodySize = 9.0
    public var leading = 11.0
    /// How many paragraphs of the lead story the front page holds before it jumps.
    public var leadParagraphsOnFront = 2

    public init(publication: String, dateText: String) {
        self.publication = publication
        self.dateText = dateText
    }

    /// The pages and where each story went. The first story leads the front page and continues
    /// on page 2; the second and third follow it on the front page; the rest fill page 2 and on.
    public func layout(_ stories: [Story]) -> (pages: [PDFPageWriter.Page], placements: [Placement]) {
        var flow = Flow(layout: self)
        let jumps = stories.count > 1 && stories[0].paragraphs.count > leadParagraphsOnFront
        var jumpLine: (page: Int, mark: Int)?
        for (index, story) in stories.enumerated() {
            if index == 0 && jumps {
                flow.set(story, index: 0, paragraphs: story.paragraphs.prefix(leadParagraphsOnFront), headline: true)
                jumpLine = flow.line("Continued on page 2", font: .timesBold, size: bodySize - 1, story: 0)
                flow.breakColumn()
            } else {
                flow.set(story, index: index, paragraphs: story.paragraphs[...], headline: true)
            }
            if jumps && index == min(2, stories.count - 1) {
                flow.newPage()
                let continuation = flow.pages.count
                if let jumpLine, continuation != 2 {
                    flow.replaceText(at: jumpLine, with: "Continued on page \(continuation)")
                }
                let from = "Continued from page \(jumpLine.map { $0.page + 1 } ?? 1)"
                flow.line(from, font: .timesBold, size: bodySize - 1, story: 0)
                flow.set(
                    stories[0], index: 0, paragraphs: stories[0].paragraphs.dropFirst(leadParagraphsOnFront),
                    headline: false)
            }
        }
        return (flow.pages, flow.placements)
    }

    var columnWidth: Double { (pageWidth - 2 * margin - Double(columns - 1) * gutter) / Double(columns) }

    /// Breaks `text` into lines no wider than `width` in `font` at `size`.
    public static func lines(_ text: String, font: StandardFont, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            // A little room to spare: the widths are the fonts' own, readers' renderers vary.
            if font.width(of: candidate, size: size) * 1.02 <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

/// The running state of a layout: the page, the column, and how far down it is.
private struct Flow {
    let layout: PrintedEditionLayout
    var pages: [PDFPageWriter.Page] = []
    var placements: [PrintedEditionLayout.Placement] = []
    var column = 0
    var y = 0.0
    /// The story whose text the current column segment holds, and where that segment began.
    var segment: (story: Int, top: Double)?

    init(layout: PrintedEditionLayout) {
        self.layout = layout
        newPage()
    }

    var top: Double { pages.count == 1 ? layout.margin + 86 : layout.margin + 28 }
    var bottom: Double { layout.pageHeight - layout.margin }
    var x: Double { layout.margin + Double(column) * (layout.columnWidth + layout.gutter) }

    mutating func newPage() {
        closeSegment()
        var page = PDFPageWriter.Page(width: layout.pageWidth, height: layout.pageHeight)
        let left = layout.margin
        let right = layout.pageWidth - layout.margin
        if pages.isEmpty {
            page.marks.append(.text(layout.publication, font: .timesBold, size: 40, x: left, y: left + 40))
            page.marks.append(.text(layout.dateText, font: .times, size: 11, x: left, y: left + 62))
            page.marks.append(.rule(fromX: left, fromY: left + 72, toX: right, toY: left + 72, width: 1.5))
        } else {
            let folio = "\(layout.publication)  \u{2022}  \(layout.dateText)  \u{2022}  Page \(pages.count + 1)"
            page.marks.append(.text(folio, font: .times, size: 9, x: left, y: left + 10))
            page.marks.append(.rule(fromX: left, fromY: left + 16, toX: right, toY: left + 16, width: 0.75))
        }
        pages.append(page)
        column = 0
        y = top
    }

    mutating func breakColumn() {
        closeSegment()
        column += 1
        y = top
        if column >= layout.columns { newPage() }
    }

    /// Records the rectangle the current story took in this column.
    mutating func closeSegment() {
        guard let segment, y > segment.top else {
            self.segment = nil
            return
        }
        placements.append(
            .init(
                story: segment.story, page: pages.count, x: x, y: segment.top, width: layout.columnWidth,
                height: y - segment.top))
        self.segment = nil
    }

    /// Sets one line for `story`, moving to the next column or page when this one is full;
    /// returns where the line's mark is.
    @discardableResult
    mutating func line(_ text: String, font: StandardFont, size: Double, story: Int) -> (page: Int, mark: Int) {
        let height = max(layout.leading, size * 1.2)
        if y + height > bottom { breakColumn() }
        if segment?.story != story {
            closeSegment()
            segment = (story, y)
        }
        pages[pages.count - 1].marks.append(.text(text, font: font, size: size, x: x, y: y + size))
        y += height
        return (pages.count - 1, pages[pages.count - 1].marks.count - 1)
    }

    mutating func replaceText(at place: (page: Int, mark: Int), with text: String) {
        guard case .text(_, let font, let size, let x, let y) = pages[place.page].marks[place.mark] else { return }
        pages[place.page].marks[place.mark] = .text(text, font: font, size: size, x: x, y: y)
    }

    mutating func set(_ story: PrintedEditionLayout.Story, index: Int, paragraphs: ArraySlice<String>, headline: Bool) {
        let width = layout.columnWidth
        if headline {
            if y > top { y += layout.leading }
            let size = index == 0 ? 18.0 : 14.0
            // A headline is not left alone at the foot of a column.
            if y + 4 * size > bottom { breakColumn() }
            for line in PrintedEditionLayout.lines(story.headline, font: .timesBold, size: size, width: width) {
                self.line(line, font: .timesBold, size: size, story: index)
            }
            if let byline = story.byline {
                for line in PrintedEditionLayout.lines(
                    byline, font: .timesBold, size: layout.bodySize - 1, width: width)
                {
                    self.line(line, font: .timesBold, size: layout.bodySize - 1, story: index)
                }
            }
        }
        for paragraph in paragraphs {
            for line in PrintedEditionLayout.lines(paragraph, font: .times, size: layout.bodySize, width: width) {
                self.line(line, font: .times, size: layout.bodySize, story: index)
            }
            y += layout.leading / 3
        }
        closeSegment()
    }
}
