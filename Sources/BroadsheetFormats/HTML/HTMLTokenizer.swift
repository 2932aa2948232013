/// One piece of an HTML fragment, as `HTMLTokenizer` reads it.
enum HTMLToken: Equatable {
    /// Character data with its references already decoded.
    case text(ArraySlice<UInt8>)
    /// A start tag; the name and attribute names are lowercase, the values decoded, the first of
    /// a repeated attribute kept.
    case start(name: String, attributes: [String: String])
    case end(name: String)
}

/// Splits HTML into text and tags the way a browser's tokenizer would, for input as it comes:
/// unclosed, misnested, in any case, with stray `<` and `&`.
///
/// It builds no tree and keeps no more than the current token, so it runs in one pass over any
/// size of input. Comments, doctypes and processing instructions are skipped; the content of
/// `script`, `style` and the other raw-text elements is skipped up to its end tag and never
/// reaches the caller. A tag cut off by the end of the input is given back as text, so a
/// truncated file loses no words.
struct HTMLTokenizer: IteratorProtocol {
    /// Elements whose content is not HTML and not shown to readers: skipped whole.
    static let skippedContent: Set<String> = [
        "script", "style", "iframe", "noembed", "noframes", "template", "title",
    ]
    /// Elements whose content is text, not markup (`<textarea>` shows `<b>` as written).
    static let rawTextContent: Set<String> = ["textarea", "xmp", "plaintext"]

    private let bytes: [UInt8]
    private var index = 0
    /// An element whose content comes next as one token (skipped or raw text).
    private var rawUntil: (name: String, keep: Bool)?
    /// For each searched-for terminator, a position after which it does not occur: hostile
    /// input full of unclosed `<!--` is then read in one pass, not one pass per comment.
    private var absentAfter: [[UInt8]: Int] = [:]
    private let meter = WorkMeter.current

    init(_ html: String) {
        self.bytes = Array(html.utf8)
    }

    mutating func next() -> HTMLToken? {
        let start = index
        defer { meter?.count(index - start + 1) }
        if let raw = rawUntil {
            rawUntil = nil
            let (content, end) = rawContent(closing: raw.name)
            index = end
            if raw.keep, !content.isEmpty { return .text(HTMLEntities.decode(content)) }
        }
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") { return text() }
            if let token = markup() { return token }
        }
        return nil
    }

    // MARK: - Text

    private mutating func text() -> HTMLToken {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        return .text(HTMLEntities.decode(bytes[start..<index]))
    }

    /// What starts at a `<`: a tag (returned), something skipped (nil, index moved past it),
    /// or a `<` that is only text.
    private mutating func markup() -> HTMLToken? {
        let next = byte(at: index + 1)
        switch next {
        case UInt8(ascii: "!"):
            if starts(with: "<!--", at: index) {
                skipComment()
            } else if starts(with: "<![CDATA[", at: index) {
                let start = index + 9
                let end = find("]]>", from: start) ?? bytes.count
                index = min(end + 3, bytes.count)
                return .text(bytes[start..<end])
            } else {
                skip(past: UInt8(ascii: ">"), from: index + 2)
            }
            return nil
        case UInt8(ascii: "?"):
            skip(past: UInt8(ascii: ">"), from: index + 2)
            return nil
        case UInt8(ascii: "/"):
            if let letter = byte(at: index + 2), Self.isLetter(letter) { return endTag() }
            if byte(at: index + 2) == UInt8(ascii: ">") {
                index += 3
                return nil
            }
            if index + 2 >= bytes.count { return literalText(count: bytes.count - index) }
            skip(past: UInt8(ascii: ">"), from: index + 2)
            return nil
        case .some(let letter) where Self.isLetter(letter):
            return startTag()
        default:
            return literalText(count: 1)
        }
    }

    private mutating func literalText(count: Int) -> HTMLToken {
        let start = index
        index += count
        return .text(bytes[start..<index])
    }

    private mutating func skipComment() {
        // `<!-->` and `<!--->` are empty comments; an unclosed comment ends at the next `>`,
        // so a stray `<!--` cannot hide the rest of a story.
        for empty in ["<!-->", "<!--->"] where starts(with: empty, at: index) {
            index += empty.utf8.count
            return
        }
        if let end = find("-->", from: index + 4) {
            index = end + 3
        } else if let bang = find("--!>", from: index + 4) {
            index = bang + 4
        } else {
            skip(past: UInt8(ascii: ">"), from: index + 4)
        }
    }

    // MARK: - Tags

    private mutating func startTag() -> HTMLToken? {
        let tagStart = index
        var cursor = index + 1
        let name = readName(&cursor)
        var attributes: [String: String] = [:]
        while true {
            while let byte = byte(at: cursor), Self.isSpace(byte) || byte == UInt8(ascii: "/") { cursor += 1 }
            guard let byte = byte(at: cursor) else { return unterminated(from: tagStart) }
            if byte == UInt8(ascii: ">") {
                cursor += 1
                break
            }
            let attributeStart = cursor
            cursor += 1
            while let byte = self.byte(at: cursor), !Self.isSpace(byte), byte != UInt8(ascii: "/"),
                byte != UInt8(ascii: ">"), byte != UInt8(ascii: "=")
            {
                cursor += 1
            }
            let attribute = Self.lowercased(bytes[attributeStart..<cursor])
            while let byte = self.byte(at: cursor), Self.isSpace(byte) { cursor += 1 }
            var value = ""
            if self.byte(at: cursor) == UInt8(ascii: "=") {
                cursor += 1
                while let byte = self.byte(at: cursor), Self.isSpace(byte) { cursor += 1 }
                guard let raw = readValue(&cursor) else { return unterminated(from: tagStart) }
                value = String(decoding: HTMLEntities.decode(raw, inAttribute: true), as: UTF8.self)
            }
            if attributes[attribute] == nil { attributes[attribute] = value }
        }
        index = cursor
        if Self.skippedContent.contains(name) {
            rawUntil = (name, false)
        } else if Self.rawTextContent.contains(name) {
            rawUntil = (name, true)
        }
        return .start(name: name, attributes: attributes)
    }

    private mutating func endTag() -> HTMLToken? {
        let tagStart = index
        var cursor = index + 2
        let name = readName(&cursor)
        // Attributes on an end tag mean nothing; quotes are honoured so a `>` inside one does not end it.
        while let byte = byte(at: cursor), byte != UInt8(ascii: ">") {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard readValue(&cursor) != nil else { return unterminated(from: tagStart) }
            } else {
                cursor += 1
            }
        }
        guard cursor < bytes.count else { return unterminated(from: tagStart) }
        index = cursor + 1
        return .end(name: name)
    }

    /// A tag the input ends inside: its bytes become text, so a cut-off file keeps its words.
    private mutating func unterminated(from start: Int) -> HTMLToken {
        index = bytes.count
        return .text(HTMLEntities.decode(bytes[start...]))
    }

    private func readName(_ cursor: inout Int) -> String {
        let start = cursor
        while let byte = byte(at: cursor), !Self.isSpace(byte), byte != UInt8(ascii: "/"), byte != UInt8(ascii: ">") {
            cursor += 1
        }
        return Self.lowercased(bytes[start..<cursor])
    }

    /// A quoted or bare attribute value; nil when the input ends inside quotes.
    private func readValue(_ cursor: inout Int) -> ArraySlice<UInt8>? {
        guard let first = byte(at: cursor) else { return nil }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let start = cursor + 1
            var end = start
            while end < bytes.count, bytes[end] != first { end += 1 }
            guard end < bytes.count else { return nil }
            cursor = end + 1
            return bytes[start..<end]
        }
        let start = cursor
        while let byte = byte(at: cursor), !Self.isSpace(byte), byte != UInt8(ascii: ">") { cursor += 1 }
        return bytes[start..<cursor]
    }

    /// The content of a raw-text element up to `</name` (any case) and the index after its end tag.
    private mutating func rawContent(closing name: String) -> (ArraySlice<UInt8>, Int) {
        let closing = Array("</\(name)".utf8)
        var cursor = index
        while let found = findCaseInsensitive(closing, from: cursor) {
            let after = found + closing.count
            guard let byte = byte(at: after) else { return (bytes[index..<found], bytes.count) }
            if Self.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
                var end = after
                while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
                return (bytes[index..<found], min(end + 1, bytes.count))
            }
            cursor = after
        }
        return (bytes[index...], bytes.count)
    }

    // MARK: - Bytes

    private func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func starts(with prefix: String, at position: Int) -> Bool {
        let prefix = Array(prefix.utf8)
        guard position + prefix.count <= bytes.count else { return false }
        return bytes[position..<position + prefix.count].elementsEqual(prefix)
    }

    private mutating func find(_ needle: String, from start: Int) -> Int? {
        find(Array(needle.utf8), from: start) { $0 == $1 }
    }

    private mutating func findCaseInsensitive(_ needle: [UInt8], from start: Int) -> Int? {
        find(needle, from: start) { Self.lower($0) == $1 }
    }

    private mutating func find(_ needle: [UInt8], from start: Int, matches: (UInt8, UInt8) -> Bool) -> Int? {
        if let absent = absentAfter[needle], start >= absent { return nil }
        var position = start
        defer { meter?.count(position - start + 1) }
        while position + needle.count <= bytes.count {
            if matches(bytes[position], needle[0]),
                zip(bytes[position..<position + needle.count], needle).allSatisfy(matches)
            {
                return position
            }
            position += 1
        }
        absentAfter[needle] = start
        return nil
    }

    private mutating func skip(past terminator: UInt8, from start: Int) {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] != terminator { cursor += 1 }
        index = min(cursor + 1, bytes.count)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map(lower), as: UTF8.self)
    }
}
