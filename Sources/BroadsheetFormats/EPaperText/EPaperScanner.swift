/// A line of an e-paper text file: its 1-based number in the whole file and its text without
/// surrounding whitespace.
struct EPaperLine: Hashable, Sendable {
    var number: Int
    var text: Substring

    var isBlank: Bool { text.isEmpty }

    /// Splits a file into lines: `\n` and `\r\n` both end a line, a leading byte order mark is
    /// ignored, and whitespace around each line is dropped.
    static func lines(of text: String) -> [EPaperLine] {
        var content = Substring(text)
        if content.unicodeScalars.first == "\u{FEFF}" {
            content = Substring(content.unicodeScalars.dropFirst())
        }
        var lines: [EPaperLine] = []
        var number = 0
        // Split on bytes: Swift reads "\r\n" as one Character, and "\n" never occurs inside a scalar.
        for raw in content.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            lines.append(EPaperLine(number: number, text: trimmed(Substring(raw))))
        }
        return lines
    }

    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}

/// A cursor over one line, for the small hand-written grammars of dates, credits and datelines.
///
/// Every `read` and `consume` either advances past what it matched or leaves the cursor where it was.
struct EPaperScanner {
    let text: Substring
    private(set) var index: Substring.Index

    init(_ text: Substring) {
        self.text = text
        self.index = text.startIndex
    }

    var isAtEnd: Bool { index == text.endIndex }
    var rest: Substring { text[index...] }
    var peek: Character? { isAtEnd ? nil : text[index] }

    /// Whether the cursor stands at the end or before something that is neither a letter nor a digit.
    var isAtWordBoundary: Bool {
        guard let next = peek else { return true }
        return !(next.isLetter || next.isNumber)
    }

    /// Skips spaces and tabs; true when there was at least one.
    @discardableResult
    mutating func skipSpaces() -> Bool {
        let start = index
        while let next = peek, next.isWhitespace { index = text.index(after: index) }
        return index != start
    }

    /// Reads up to `maxDigits` ASCII digits.
    mutating func readNumber(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0
        var digits = 0
        while digits < maxDigits, let next = peek, let ascii = next.asciiValue, (48...57).contains(ascii) {
            value = value * 10 + Int(ascii - 48)
            digits += 1
            index = text.index(after: index)
        }
        return digits == 0 ? nil : (value, digits)
    }

    /// Reads a run of ASCII letters (possibly empty).
    mutating func readLetters() -> Substring {
        let start = index
        while let next = peek, next.isASCII, next.isLetter { index = text.index(after: index) }
        return text[start..<index]
    }

    /// Consumes `literal`, ignoring ASCII case.
    mutating func consume(_ literal: String) -> Bool {
        var position = index
        for expected in literal.utf8 {
            guard position != text.endIndex, let found = text[position].asciiValue,
                Self.lowercased(found) == Self.lowercased(expected)
            else { return false }
            position = text.index(after: position)
        }
        index = position
        return true
    }

    /// Consumes one character if it is one of `characters`.
    mutating func consume(anyOf characters: Set<Character>) -> Bool {
        guard let next = peek, characters.contains(next) else { return false }
        index = text.index(after: index)
        return true
    }

    mutating func move(to index: Substring.Index) {
        self.index = index
    }

    mutating func advance() {
        if !isAtEnd { index = text.index(after: index) }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }
}
