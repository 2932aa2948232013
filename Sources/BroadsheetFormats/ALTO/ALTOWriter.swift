import Broadsheet

/// Writes one printed page's words as ALTO v4 in pixels: what a IIIF manifest links each canvas
/// to, so a viewer or a library's harvester gets the page's text with its positions even when the
/// page came from a PDF and no OCR file was ever filed.
///
/// Only boxes and words are stored, so the layout is rebuilt from them: a word that does not
/// stand to the right of the one before on the same line starts a new `TextLine`, and a line
/// that stands above the one before (the next column) or well below it (a gap of more than a
/// line's height) starts a new `TextBlock`. A word hyphenated across lines is written as ALTO
/// writes it, `HypPart1` with a `HYP` ending its line and `HypPart2` opening the next, both
/// carrying the whole word in `SUBS_CONTENT`, so `ALTOReader` reads the page back word for word.
public struct ALTOWriter: Sendable {
    /// The page's number in the edition, its printed label, and the name of its image.
    public var number: Int
    public var label: String?
    public var imageName: String?

    public init(number: Int, label: String? = nil, imageName: String? = nil) {
        self.number = number
        self.label = label
        self.imageName = imageName
    }

    /// One box of a word, in pixels, with the part of the word printed in it.
    struct Part {
        var text: String
        var box: (x: Int, y: Int, width: Int, height: Int)
        /// The whole word when this is one part of a hyphenated one.
        var whole: String?
        /// 1 for the part before the hyphen, 2 for the rest; 0 for a word in one piece.
        var hyphenPart: Int
    }

    /// The document for a page `width` × `height` pixels holding `words` in reading order.
    public func document(width: Int, height: Int, words: [WordBox]) -> String {
        let blocks = Self.blocks(Self.lines(Self.parts(words, width: width, height: height)))
        let page = "P\(number)"
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-4.xsd">
            <Description>
            <MeasurementUnit>pixel</MeasurementUnit>

            """
        if let imageName {
            xml +=
                "<sourceImageInformation><fileName>\(MarkupText.escapeXML(imageName))</fileName></sourceImageInformation>\n"
        }
        xml += "</Description>\n<Layout>\n"
        let printed = label.map { " PRINTED_IMG_NR=\"\(MarkupText.escapeXML($0))\"" } ?? ""
        xml += "<Page ID=\"\(page)\" PHYSICAL_IMG_NR=\"\(number)\"\(printed) WIDTH=\"\(width)\" HEIGHT=\"\(height)\">\n"
        xml += "<PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"\(width)\" HEIGHT=\"\(height)\">\n"
        for (blockIndex, lines) in blocks.enumerated() {
            let blockID = "\(page)_TB\(blockIndex + 1)"
            xml += "<TextBlock ID=\"\(blockID)\"\(Self.position(Self.bounds(lines.flatMap { $0 })))>\n"
            for (lineIndex, line) in lines.enumerated() {
                let lineID = "\(blockID)_TL\(lineIndex + 1)"
                xml += "<TextLine ID=\"\(lineID)\"\(Self.position(Self.bounds(line)))>\n"
                for (partIndex, part) in line.enumerated() {
                    if partIndex > 0 { xml += "<SP/>\n" }
                    xml += "<String ID=\"\(lineID)_S\(partIndex + 1)\" CONTENT=\"\(MarkupText.escapeXML(part.text))\""
                    if let whole = part.whole {
                        xml +=
                            " SUBS_TYPE=\"HypPart\(part.hyphenPart)\" SUBS_CONTENT=\"\(MarkupText.escapeXML(whole))\""
                    }
                    xml += Self.position(part.box) + "/>\n"
                }
                if line.last?.hyphenPart == 1 { xml += "<HYP CONTENT=\"-\"/>\n" }
                xml += "</TextLine>\n"
            }
            xml += "</TextBlock>\n"
        }
        xml += "</PrintSpace>\n</Page>\n</Layout>\n</alto>\n"
        return xml
    }

    /// Each word's boxes in pixels; a word of two boxes is split between them by their widths.
    static func parts(_ words: [WordBox], width: Int, height: Int) -> [Part] {
        var parts: [Part] = []
        for word in words {
            let boxes = word.boxes.map { $0.scaled(width: width, height: height) }
            guard boxes.count > 1 else {
                parts.append(Part(text: word.text, box: boxes[0], whole: nil, hyphenPart: 0))
                continue
            }
            let characters = Array(word.text)
            let total = boxes.reduce(0) { $0 + $1.width }
            var start = 0
            for (index, box) in boxes.enumerated() {
                let isLast = index == boxes.count - 1
                let share = Int((Double(characters.count) * Double(box.width) / Double(max(1, total))).rounded())
                // Every part keeps at least one character, and the last takes what is left.
                let remainingParts = boxes.count - index - 1
                let end =
                    isLast ? characters.count : min(max(start + 1, start + share), characters.count - remainingParts)
                let text = start < end ? String(characters[start..<end]) : word.text
                parts.append(Part(text: text, box: box, whole: word.text, hyphenPart: index == 0 ? 1 : 2))
                start = max(start, end)
            }
        }
        return parts
    }

    /// Parts grouped into lines: a part that does not stand to the right of the last one on its
    /// line, at a height they share, begins the next line; so does the part after a hyphen.
    static func lines(_ parts: [Part]) -> [[Part]] {
        var lines: [[Part]] = []
        for part in parts {
            if let last = lines.last?.last, last.hyphenPart != 1, part.box.x >= last.box.x,
                part.box.y < last.box.y + last.box.height, last.box.y < part.box.y + part.box.height
            {
                lines[lines.count - 1].append(part)
            } else {
                lines.append([part])
            }
        }
        return lines
    }

    /// Lines grouped into blocks: a line above the last one (the next column), or below it by more
    /// than a line's height, begins a new block.
    static func blocks(_ lines: [[Part]]) -> [[[Part]]] {
        var blocks: [[[Part]]] = []
        var previous: (y: Int, height: Int)?
        for line in lines {
            let box = bounds(line)
            if let above = previous, box.y >= above.y, box.y - (above.y + above.height) <= above.height {
                blocks[blocks.count - 1].append(line)
            } else {
                blocks.append([line])
            }
            previous = (box.y, box.height)
        }
        return blocks
    }

    static func bounds(_ parts: [Part]) -> (x: Int, y: Int, width: Int, height: Int) {
        let left = parts.map(\.box.x).min() ?? 0
        let top = parts.map(\.box.y).min() ?? 0
        let right = parts.map { $0.box.x + $0.box.width }.max() ?? 0
        let bottom = parts.map { $0.box.y + $0.box.height }.max() ?? 0
        return (left, top, right - left, bottom - top)
    }

    private static func position(_ box: (x: Int, y: Int, width: Int, height: Int)) -> String {
        " HPOS=\"\(box.x)\" VPOS=\"\(box.y)\" WIDTH=\"\(box.width)\" HEIGHT=\"\(box.height)\""
    }
}
