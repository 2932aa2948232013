import Broadsheet
import Foundation

/// One page of a PDF's text layer: its size in points and its words with normalised boxes.
public struct PDFTextPage: Hashable, Sendable {
    /// The page's place in the PDF, 1 first.
    public var number: Int
    /// The page's size in PDF points (1/72 inch).
    public var width: Double
    public var height: Double
    /// The words in the text layer's reading order, words hyphenated at a line's end joined.
    public var words: [WordBox]

    public init(number: Int, width: Double, height: Double, words: [WordBox]) {
        self.number = number
        self.width = width
        self.height = height
        self.words = words
    }

    /// The page's size in pixels when rasterised at `resolution` dots per inch.
    public func pixelSize(resolution: Double) -> (width: Int, height: Int) {
        (Int((width * resolution / 72).rounded()), Int((height * resolution / 72).rounded()))
    }
}

/// Reads the XHTML that poppler's `pdftotext -bbox-layout` writes: `<page width height>` holding
/// `<flow><block><line><word xMin yMin xMax yMax>` in points from the page's top left.
///
/// Running the program is the importer's part (it keeps poppler's GPL code out of our binary);
/// this is a pure function of its output, read page by page so a long edition is never one tree.
/// A PDF may draw text past its page (a printer's slug line in the bleed): such a word is cut at
/// the page's edge, and one wholly off the page is left out, as nobody can see it on the page image.
public struct PDFTextReader: Sendable {
    public init() {}

    public func read(_ data: Data, file: String) throws(FormatError) -> [PDFTextPage] {
        var pages: [PDFTextPage] = []
        var problem: FormatError?
        let detaching = XMLTreeReader.Detaching(["page"]) { page, _ in
            guard problem == nil else { return }
            do throws(FormatError) {
                pages.append(try Self.page(page, number: pages.count + 1, file: file))
            } catch {
                problem = error
            }
        }
        let root = try XMLTreeReader().root(
            of: data, file: file, oneOf: ["html"], format: "the XHTML of pdftotext -bbox-layout", detaching: detaching)
        if let problem { throw problem }
        guard !pages.isEmpty else {
            throw FormatError(file: file, line: root.line, message: "expected <page> elements in <doc>, found none")
        }
        return pages
    }

    static func page(_ page: XMLTreeElement, number: Int, file: String) throws(FormatError) -> PDFTextPage {
        guard let width = coordinate(page, "width"), let height = coordinate(page, "height"), width > 0, height > 0
        else {
            throw FormatError(
                file: file, line: page.line,
                message: "<page>: expected a width and a height above 0 in points, found width=\""
                    + "\(page.attributes["width"] ?? "")\" height=\"\(page.attributes["height"] ?? "")\"")
        }
        var words: [WordBox] = []
        for flow in page.children("flow") {
            for block in flow.children("block") {
                var joiner = LineEndHyphens()
                for line in block.children("line") {
                    for word in line.children("word") {
                        guard let text = word.normalizedText,
                            let box = try box(of: word, width: width, height: height, file: file)
                        else { continue }
                        joiner.add(text, box, into: &words)
                    }
                    joiner.endLine()
                }
            }
        }
        return PDFTextPage(number: number, width: width, height: height, words: words)
    }

    /// The word's box cut to the page; nil when none of it is on the page.
    static func box(of word: XMLTreeElement, width: Double, height: Double, file: String) throws(FormatError)
        -> PageBox?
    {
        var values: [Double] = []
        for name in ["xMin", "yMin", "xMax", "yMax"] {
            guard let value = coordinate(word, name) else {
                throw FormatError(
                    file: file, line: word.line,
                    message: "<word>: expected \(name) as a number of points, found '\(word.attributes[name] ?? "")'")
            }
            values.append(value)
        }
        let left = min(max(values[0], 0), width)
        let top = min(max(values[1], 0), height)
        let right = min(max(values[2], 0), width)
        let bottom = min(max(values[3], 0), height)
        guard right > left, bottom > top else { return nil }
        return try? PageBox(
            left: left, top: top, width: right - left, height: bottom - top, pageWidth: width, pageHeight: height)
    }

    static func coordinate(_ element: XMLTreeElement, _ name: String) -> Double? {
        element.attributes[name].flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }
}

/// Joins a word broken with a hyphen at a line's end to its rest at the next line's start, when
/// that rest begins in lower case ("Engi-" + "neers"); "Anglo-" + "French" stays two words.
struct LineEndHyphens {
    private var lineStart = true
    /// The last word added, when it ends in a hyphen: the line's last word once the line ends.
    private var waiting: (text: String, box: PageBox)?

    mutating func add(_ text: String, _ box: PageBox, into words: inout [WordBox]) {
        if lineStart, let first = waiting, text.first?.isLowercase == true,
            let joined = try? WordBox(text: String(first.text.dropLast()) + text, boxes: [first.box, box])
        {
            words[words.count - 1] = joined
        } else if let word = try? WordBox(text: text, box: box) {
            words.append(word)
        }
        waiting = nil
        lineStart = false
        if text.count > 1, text.hasSuffix("-"), text.dropLast().last?.isLetter == true {
            waiting = (text, box)
        }
    }

    mutating func endLine() {
        lineStart = true
    }
}
