import Broadsheet
import Foundation

/// Reads one page of ALTO OCR (v2, v3 or v4): the page's size, its words with normalised boxes,
/// hyphenated words joined, and its blocks by ID.
///
/// The file is read block by block (`XMLTreeReader.Detaching`): a block is turned into words as
/// soon as it closes and then dropped, so a 2 MB page never sits in memory as one tree and the
/// work grows in step with the file. The same XML safety rules as every other reader hold: no
/// external entities, no DTD entities, a depth limit, UTF-8 only.
///
/// Every problem is a `FormatError` naming the file, the line and the element.
public struct ALTOReader: Sendable {
    /// ALTO's namespaces by schema version. ALTO 1 and 2 first lived under CCS's namespace,
    /// which Library of Congress NDNP batches still write; their elements are ALTO 2's.
    static let versions: [String: Int] = [
        "http://schema.ccs-gmbh.com/ALTO": 2,
        "http://www.loc.gov/standards/alto/ns-v2#": 2,
        "http://www.loc.gov/standards/alto/ns-v3#": 3,
        "http://www.loc.gov/standards/alto/ns-v4#": 4,
    ]

    /// The blocks METS areas may point at; text blocks inside a composed block are read on their own.
    static let blockNames: Set<String> = ["TextBlock", "ComposedBlock", "Illustration", "GraphicalElement"]

    public init() {}

    public func read(_ data: Data, file: String) throws(FormatError) -> ALTOPage {
        let reading = ALTOPageReading(file: file)
        let blocks = XMLTreeReader.Detaching(Self.blockNames) { block, ancestors in
            reading.take(block, in: ancestors)
        }
        let root = try XMLTreeReader().root(
            of: data, file: file, oneOf: ["alto"], format: "an ALTO file", detaching: blocks)
        if let problem = reading.problem { throw problem }
        if !root.namespace.isEmpty, Self.versions[root.namespace] == nil {
            throw FormatError(
                file: file, line: root.line,
                message: "expected an ALTO v2, v3 or v4 namespace (http://www.loc.gov/standards/alto/ns-v4#), "
                    + "found '\(root.namespace)'")
        }
        if reading.frame == nil {
            guard let page = root.path("Layout", "Page") else {
                throw FormatError(file: file, line: root.line, message: "expected <Layout> with a <Page>, found none")
            }
            try reading.enter(page: page, root: root)
        }
        return try reading.finish(version: Self.versions[root.namespace])
    }
}

/// The state of one ALTO page while its blocks arrive.
private final class ALTOPageReading {
    /// The page's unit and size, known from the first block's ancestors on.
    struct Frame {
        var unit: ALTOMeasurementUnit
        var label: String?
        var width: Double
        var height: Double
        var pageLine: Int
    }

    /// The first part of a hyphenated word, waiting for the rest on the next line.
    struct Hyphenated {
        var text: String
        /// SUBS_CONTENT: the whole word, when the file gives it.
        var whole: String?
        var boxes: [PageBox]
        /// From SUBS_TYPE="HypPart1" (the next part says HypPart2), not only from a HYP element.
        var marked: Bool
    }

    let file: String
    private(set) var frame: Frame?
    private(set) var problem: FormatError?
    private var words: [WordBox] = []
    private var blocks: [ALTOBlock] = []
    private var pending: Hyphenated?
    /// Where each open composed block's words begin, by the line of its start tag.
    private var composedStarts: [Int: Int] = [:]

    init(file: String) {
        self.file = file
    }

    func take(_ block: XMLTreeElement, in ancestors: [XMLTreeElement]) {
        guard problem == nil else { return }
        do throws(FormatError) {
            if frame == nil {
                guard let root = ancestors.first, let page = ancestors.last(where: { $0.name == "Page" }) else {
                    throw error(block, "expected <\(block.name)> inside a <Page>")
                }
                try enter(page: page, root: root)
            }
            if let page = ancestors.last(where: { $0.name == "Page" }), page.line != frame?.pageLine {
                throw error(page, "a second <Page>; expected one page per ALTO file")
            }
            let start =
                block.name == "ComposedBlock"
                ? composedStarts.removeValue(forKey: block.line) ?? words.count : words.count
            for composed in ancestors where composed.name == "ComposedBlock" && composedStarts[composed.line] == nil {
                composedStarts[composed.line] = start
            }
            if block.name == "TextBlock" {
                for line in block.children("TextLine") { try read(line) }
            }
            try add(block, words: start..<words.count)
        } catch {
            problem = error
        }
    }

    func enter(page: XMLTreeElement, root: XMLTreeElement) throws(FormatError) {
        let unit: ALTOMeasurementUnit
        if let measurement = root.path("Description", "MeasurementUnit") {
            let name = measurement.normalizedText ?? ""
            guard let known = ALTOMeasurementUnit(rawValue: name) else {
                throw error(
                    measurement, "expected a MeasurementUnit of pixel, mm10 or inch1200, found '\(name)'")
            }
            unit = known
        } else {
            unit = .pixel
        }
        guard let width = number(page, "WIDTH"), let height = number(page, "HEIGHT"), width > 0, height > 0 else {
            throw error(
                page,
                "expected the page's WIDTH and HEIGHT above 0 (in \(unit.rawValue)), found "
                    + "WIDTH=\"\(page.attributes["WIDTH"] ?? "")\" HEIGHT=\"\(page.attributes["HEIGHT"] ?? "")\"")
        }
        frame = Frame(
            unit: unit, label: page[attribute: "PRINTED_IMG_NR"], width: width, height: height, pageLine: page.line)
    }

    func finish(version: Int?) throws(FormatError) -> ALTOPage {
        if let problem { throw problem }
        try flushPending()
        guard let frame else { throw FormatError(file: file, line: nil, message: "expected a <Page>, found none") }
        return ALTOPage(
            version: version, unit: frame.unit, label: frame.label, width: frame.width, height: frame.height,
            words: words, blocks: blocks)
    }

    /// A line's words; a HYP element or a HypPart1 string leaves the last part waiting for the next line.
    private func read(_ line: XMLTreeElement) throws(FormatError) {
        let lineBox = try box(line, fallback: nil)
        let lineStart = words.count
        for element in line.elements {
            switch element.name {
            case "String":
                try read(string: element, lineBox: lineBox)
            case "HYP":
                // Only a word of this line can be the first part.
                if pending == nil, words.count > lineStart, let last = words.popLast() {
                    pending = Hyphenated(text: last.text, whole: nil, boxes: last.boxes, marked: false)
                }
            default:
                continue
            }
        }
    }

    private func read(string element: XMLTreeElement, lineBox: PageBox?) throws(FormatError) {
        guard let content = element.attributes["CONTENT"], content.contains(where: { !$0.isWhitespace }) else {
            return
        }
        guard let box = try self.box(element, fallback: lineBox) else {
            throw error(element, "expected the word's HPOS, VPOS, WIDTH and HEIGHT (or its line's), found none")
        }
        let whole = element.attributes["SUBS_CONTENT"].flatMap { $0.isEmpty ? nil : $0 }
        switch element.attributes["SUBS_TYPE"] {
        case "HypPart1":
            try flushPending()
            pending = Hyphenated(text: content, whole: whole, boxes: [box], marked: true)
            return
        case "HypPart2":
            if let first = pending {
                pending = nil
                let text = whole ?? first.whole ?? first.text + content
                try append(text, first.boxes + [box], element)
                return
            }
        default:
            if let first = pending, !first.marked {
                pending = nil
                let text = first.text.hasSuffix("-") ? String(first.text.dropLast()) : first.text
                try append(text + content, first.boxes + [box], element)
                return
            }
            try flushPending()
        }
        try append(whole ?? content, [box], element)
    }

    private func flushPending() throws(FormatError) {
        guard let first = pending else { return }
        pending = nil
        words.append(try wordBox(first.whole ?? first.text, first.boxes, line: nil))
    }

    private func append(_ text: String, _ boxes: [PageBox], _ element: XMLTreeElement) throws(FormatError) {
        words.append(try wordBox(text, boxes, line: element.line))
    }

    private func wordBox(_ text: String, _ boxes: [PageBox], line: Int?) throws(FormatError) -> WordBox {
        do {
            return try WordBox(text: text, boxes: boxes)
        } catch {
            throw FormatError(file: file, line: line, message: "<String CONTENT=\"\(text)\">: \(error)")
        }
    }

    private func add(_ block: XMLTreeElement, words range: Range<Int>) throws(FormatError) {
        let own = try box(block, fallback: nil)
        guard let box = own ?? PageBox.union(words[range].map(\.bounds)) else { return }
        guard let id = block.attributes["ID"], !id.isEmpty else {
            throw error(block, "expected an ID on <\(block.name)>; METS areas name blocks by it")
        }
        blocks.append(ALTOBlock(kind: block.name, id: id, box: box, words: range, line: block.line))
    }

    /// The element's HPOS, VPOS, WIDTH and HEIGHT as a normalised box; `fallback` (or nil) when
    /// it gives none. A box of zero width or height (a space the OCR measured) is given one unit.
    private func box(_ element: XMLTreeElement, fallback: PageBox?) throws(FormatError) -> PageBox? {
        guard let frame else { return nil }
        let names = ["HPOS", "VPOS", "WIDTH", "HEIGHT"]
        if names.allSatisfy({ element.attributes[$0] == nil }) { return fallback }
        var values: [Double] = []
        for name in names {
            guard let value = number(element, name) else {
                throw error(
                    element, "expected \(name) as a number, found '\(element.attributes[name] ?? "")'")
            }
            values.append(value)
        }
        let width = values[2] == 0 ? min(1, frame.width - values[0]) : values[2]
        let height = values[3] == 0 ? min(1, frame.height - values[1]) : values[3]
        do throws(PrintedPageError) {
            return try PageBox(
                left: values[0], top: values[1], width: width, height: height, pageWidth: frame.width,
                pageHeight: frame.height, field: "<\(element.name)\(describe(element))>")
        } catch {
            switch error {
            case .invalid(let field, let reason):
                throw FormatError(
                    file: file, line: element.line, message: "\(field) \(reason) (in \(frame.unit.rawValue))")
            }
        }
    }

    private func describe(_ element: XMLTreeElement) -> String {
        if let content = element.attributes["CONTENT"] { return " CONTENT=\"\(content)\"" }
        if let id = element.attributes["ID"] { return " ID=\"\(id)\"" }
        return ""
    }

    private func number(_ element: XMLTreeElement, _ name: String) -> Double? {
        element.attributes[name].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap {
            $0.isFinite ? $0 : nil
        }
    }

    private func error(_ element: XMLTreeElement, _ message: String) -> FormatError {
        FormatError(file: file, line: element.line, message: "<\(element.name)>: \(message)")
    }
}
