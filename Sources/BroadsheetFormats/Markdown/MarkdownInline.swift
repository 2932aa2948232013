/// Markdown's inline markup reduced to the text a reader sees: emphasis marks, code ticks and
/// link syntax removed (a link keeps its words, an image its alt text), escapes and HTML
/// references resolved, inline HTML tags dropped with their text kept.
///
/// Each rule is one pass over the text, whatever it holds: a bracket, parenthesis or run of
/// backticks that nothing closes is known to be unclosed without a search to the end for each.
enum MarkdownInline {
    static func text(_ markdown: String) -> String {
        let meter = WorkMeter.current
        var escapes = EscapedCharacters()
        var text = ""
        var iterator = markdown.makeIterator()
        while let character = iterator.next() {
            meter?.count()
            if character == "\\", let next = iterator.next() {
                if next.isPunctuation || next.isSymbol {
                    escapes.setAside(next, in: &text)
                } else {
                    text.append(character)
                    escapes.append(next, to: &text)
                }
            } else {
                escapes.append(character, to: &text)
            }
        }
        text = codeSpans(text, meter: meter)
        text = links(text, meter: meter)
        text = emphasis(text, meter: meter)
        text = HTMLBodyReader.plainText(text)
        return escapes.restored(text)
    }

    /// `` `code` `` → code, its content taken literally (escaped so later rules leave it alone).
    /// A run of backticks is closed by the first run as long after it, as CommonMark's is.
    private static func codeSpans(_ text: String, meter: WorkMeter?) -> String {
        let tick = UInt8(ascii: "`")
        let bytes = Array(text.utf8)
        guard bytes.contains(tick) else { return text }
        // The longest run of backticks at or after each place: a run nothing closes is known at once.
        var longest = [Int](repeating: 0, count: bytes.count + 1)
        var run = 0
        for position in bytes.indices.reversed() {
            run = bytes[position] == tick ? run + 1 : 0
            longest[position] = max(longest[position + 1], run)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == tick else {
                out.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, bytes[end] == tick { end += 1 }
            let width = end - index
            guard longest[end] >= width else {
                out += bytes[index..<end]
                index = end
                continue
            }
            var close = end
            var streak = 0
            while streak < width {
                streak = bytes[close] == tick ? streak + 1 : 0
                close += 1
            }
            let code = String(decoding: bytes[end..<close - width], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            out +=
                HTMLBodyWriter.escape(code).replacingOccurrences(of: "*", with: "&#42;")
                .replacingOccurrences(of: "_", with: "&#95;").replacingOccurrences(of: "[", with: "&#91;").utf8
            index = close
        }
        meter?.count(2 * bytes.count)
        return String(decoding: out, as: UTF8.self)
    }

    /// `[words](url "title")`, `[words][ref]`, `![alt](src)`, `<https://...>` → their words.
    private static func links(_ text: String, meter: WorkMeter?) -> String {
        guard text.contains("[") || text.contains("<http") else { return text }
        let bytes = Array(text.utf8)
        let marks = LinkMarks(bytes)
        meter?.count(3 * bytes.count)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<"), let close = marks.next(UInt8(ascii: ">"), after: index),
                bytes[(index + 1)...].starts(with: "http".utf8),
                (marks.next(UInt8(ascii: " "), after: index) ?? bytes.count) > close
            {
                out += bytes[(index + 1)..<close]
                index = close + 1
                continue
            }
            let isImage = byte == UInt8(ascii: "!") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[")
            let bracket = isImage ? index + 1 : index
            if bytes[bracket] == UInt8(ascii: "["), let (words, end) = link(in: bytes, at: bracket, marks: marks) {
                out += words
                index = end
                continue
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words of a link starting at `[`, and where it ends; nil when `[` starts no link.
    private static func link(in bytes: [UInt8], at bracket: Int, marks: LinkMarks) -> (
        words: ArraySlice<UInt8>, end: Int
    )? {
        guard let close = marks.partner[bracket] else { return nil }
        let words = bytes[(bracket + 1)..<close]
        let after = close + 1
        guard after < bytes.count else { return (words, after) }
        if bytes[after] == UInt8(ascii: "(") {
            // The destination may hold balanced parentheses: `(https://x.example/a_(b))`.
            guard let end = marks.partner[after] else { return nil }
            return (words, end + 1)
        }
        if bytes[after] == UInt8(ascii: "["), let end = marks.next(UInt8(ascii: "]"), after: after) {
            return (words, end + 1)
        }
        return nil
    }

    /// `**strong**`, `__strong__`, `*em*`, `_em_`, `~~struck~~` → their words. A `_` inside a
    /// word (`snake_case`) and a lone `*` between spaces (`2 * 3`) are text.
    private static func emphasis(_ text: String, meter: WorkMeter?) -> String {
        guard text.contains(where: { $0 == "*" || $0 == "_" || $0 == "~" }) else { return text }
        let characters = Array(text)
        meter?.count(characters.count)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "*" || character == "_" || character == "~" else {
                out.append(character)
                index += 1
                continue
            }
            var run = index
            while run < characters.count, characters[run] == character { run += 1 }
            let before = index > 0 ? characters[index - 1] : " "
            let after = run < characters.count ? characters[run] : " "
            let flanking = !(before.isWhitespace && after.isWhitespace)
            let insideWord = (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber)
            let isMark = flanking && !(character == "_" && insideWord) && !(character == "~" && run - index < 2)
            if !isMark { out += String(characters[index..<run]) }
            index = run
        }
        return out
    }
}

/// Where the brackets and parentheses of a text close, and where the next `>`, ` ` and `]` are,
/// found in one pass each so that no opening mark searches the rest of the text.
private struct LinkMarks {
    /// The closing `]` or `)` of each `[` or `(` that is closed (nested pairs balanced).
    let partner: [Int: Int]
    /// For each byte of interest, the place of the next one at or after each place.
    private let nextPlaces: [UInt8: [Int]]

    init(_ bytes: [UInt8]) {
        var partner: [Int: Int] = [:]
        var brackets: [Int] = []
        var parentheses: [Int] = []
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "["): brackets.append(index)
            case UInt8(ascii: "("): parentheses.append(index)
            case UInt8(ascii: "]"): if let open = brackets.popLast() { partner[open] = index }
            case UInt8(ascii: ")"): if let open = parentheses.popLast() { partner[open] = index }
            default: break
            }
        }
        self.partner = partner
        var nextPlaces: [UInt8: [Int]] = [:]
        for wanted in [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "]")] {
            var places = [Int](repeating: bytes.count, count: bytes.count + 1)
            for index in bytes.indices.reversed() {
                places[index] = bytes[index] == wanted ? index : places[index + 1]
            }
            nextPlaces[wanted] = places
        }
        self.nextPlaces = nextPlaces
    }

    /// The place of the first `byte` after `index`; nil when there is none.
    func next(_ byte: UInt8, after index: Int) -> Int? {
        guard let places = nextPlaces[byte], index + 1 < places.count else { return nil }
        let place = places[index + 1]
        return place < places.count - 1 ? place : nil
    }
}

/// Characters a backslash escapes, set aside while the inline rules run so none takes them for
/// markup: each stands in the text as two private-use scalars that number it (planes 15 and 16).
/// Any such scalar the text holds itself is set aside the same way, so restoring mistakes nothing.
private struct EscapedCharacters {
    private var characters: [Character] = []

    mutating func setAside(_ character: Character, in text: inout String) {
        let number = UInt32(clamping: characters.count)
        characters.append(character)
        text.unicodeScalars.append(Unicode.Scalar(0xF_0000 + (number >> 16)) ?? "\u{FFFD}")
        text.unicodeScalars.append(Unicode.Scalar(0x10_0000 + (number & 0xFFFF)) ?? "\u{FFFD}")
    }

    /// Appends a character of the text, setting it aside when it holds a private-use scalar.
    mutating func append(_ character: Character, to text: inout String) {
        if character.unicodeScalars.contains(where: { $0.value >= 0xF_0000 }) {
            setAside(character, in: &text)
        } else {
            text.append(character)
        }
    }

    /// `text` with the characters set aside back in their places.
    func restored(_ text: String) -> String {
        guard !characters.isEmpty else { return text }
        var restored = ""
        var high: UInt32?
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xF_0000...0xF_FFFF:
                high = scalar.value - 0xF_0000
            case 0x10_0000...0x10_FFFF:
                if let high {
                    let index = Int(high << 16 | (scalar.value - 0x10_0000))
                    if index < characters.count { restored.append(characters[index]) }
                }
                high = nil
            default:
                restored.unicodeScalars.append(scalar)
                high = nil
            }
        }
        return restored
    }
}
