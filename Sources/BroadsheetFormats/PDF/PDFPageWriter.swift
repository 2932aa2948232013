import Foundation

/// Writes a PDF of text and rules in the standard Times fonts: the printed pages of the demo
/// edition, and pages with words at known places for the tests of PDF import.
///
/// Coordinates are in points from the page's top left, as a layout thinks of them; the writer
/// turns them to PDF's bottom-left origin.
public struct PDFPageWriter: Sendable {
    public struct Page: Sendable {
        public var width: Double
        public var height: Double
        public var marks: [Mark] = []

        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
    }

    public enum Mark: Sendable, Hashable {
        /// Text whose baseline starts at (x, y).
        case text(String, font: StandardFont, size: Double, x: Double, y: Double)
        /// A straight rule.
        case rule(fromX: Double, fromY: Double, toX: Double, toY: Double, width: Double)
    }

    public var title: String

    public init(title: String) {
        self.title = title
    }

    /// The whole file. Text the WinAnsi encoding cannot hold is written as `?`.
    public func pdf(_ pages: [Page]) -> Data {
        var objects: [Data] = []
        // 1 catalog, 2 pages, 3 info, 4-5 fonts, then a page and its contents for each page.
        let fontNumbers = Dictionary(uniqueKeysWithValues: StandardFont.allCases.enumerated().map { ($1, $0 + 4) })
        let firstPage = 4 + StandardFont.allCases.count
        let kids = pages.indices.map { "\(firstPage + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append(Data("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        objects.append(Data("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>".utf8))
        var info = Data("<< /Title ".utf8)
        info += Self.literal(title)
        info += Data(" /Producer (Broadsheet) >>".utf8)
        objects.append(info)
        for font in StandardFont.allCases {
            objects.append(
                Data("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.rawValue) /Encoding /WinAnsiEncoding >>".utf8))
        }
        let fonts = StandardFont.allCases.map { "/\(Self.resourceName($0)) \(fontNumbers[$0]!) 0 R" }.joined(
            separator: " ")
        for (index, page) in pages.enumerated() {
            let contents = firstPage + 2 * index + 1
            objects.append(
                Data(
                    ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Self.number(page.width)) \(Self.number(page.height))] "
                        + "/Resources << /Font << \(fonts) >> >> /Contents \(contents) 0 R >>").utf8))
            let stream = content(page)
            var object = Data("<< /Length \(stream.count) >>\nstream\n".utf8)
            object += stream
            object += Data("\nendstream".utf8)
            objects.append(object)
        }
        var file = Data("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(file.count)
            file += Data("\(index + 1) 0 obj\n".utf8)
            file += object
            file += Data("\nendobj\n".utf8)
        }
        let table = file.count
        file += Data("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            file += Data((String(repeating: "0", count: max(0, 10 - digits.count)) + digits + " 00000 n \n").utf8)
        }
        file += Data(
            "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 3 0 R >>\nstartxref\n\(table)\n%%EOF\n".utf8)
        return file
    }

    private func content(_ page: Page) -> Data {
        var stream = Data()
        for mark in page.marks {
            switch mark {
            case .text(let text, let font, let size, let x, let y):
                stream += Data(
                    "BT /\(Self.resourceName(font)) \(Self.number(size)) Tf \(Self.number(x)) \(Self.number(page.height - y)) Td "
                        .utf8)
                stream += Self.literal(text)
                stream += Data(" Tj ET\n".utf8)
            case .rule(let fromX, let fromY, let toX, let toY, let width):
                stream += Data(
                    ("\(Self.number(width)) w \(Self.number(fromX)) \(Self.number(page.height - fromY)) m "
                        + "\(Self.number(toX)) \(Self.number(page.height - toY)) l S\n").utf8)
            }
        }
        return stream
    }

    private static func resourceName(_ font: StandardFont) -> String {
        switch font {
        case .times: "F1"
        case .timesBold: "F2"
        }
    }

    /// Two decimals at most, no exponent: what PDF numbers allow.
    static func number(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100
        let fraction = abs(hundredths) % 100
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }

    /// A PDF literal string in WinAnsi bytes, `(`, `)` and `\` escaped.
    static func literal(_ text: String) -> Data {
        var bytes: [UInt8] = [0x28]
        for scalar in text.unicodeScalars {
            let byte = winAnsi(scalar) ?? 0x3F
            if byte == 0x28 || byte == 0x29 || byte == 0x5C { bytes.append(0x5C) }
            bytes.append(byte)
        }
        bytes.append(0x29)
        return Data(bytes)
    }

    /// The WinAnsi byte of a character, nil when the encoding has none.
    static func winAnsi(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(scalar.value)
        default: break
        }
        switch scalar {
        case "\u{2018}": return 0x91
        case "\u{2019}": return 0x92
        case "\u{201C}": return 0x93
        case "\u{201D}": return 0x94
        case "\u{2013}": return 0x96
        case "\u{2014}": return 0x97
        case "\u{2026}": return 0x85
        case "\u{20AC}": return 0x80
        default: return nil
        }
    }

    /// Whether every character of `text` can be set in the standard fonts.
    public static func canSet(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\n" || winAnsi($0) != nil }
    }
}
