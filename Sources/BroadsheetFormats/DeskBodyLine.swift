/// What one line of the desk's body text says, read on its own: the reader builds blocks from
/// these, and the writer escapes a paragraph whose text would read as anything but text.
enum DeskBodyLine: Hashable, Sendable {
    case blank
    /// Three or more backticks and nothing else: opens or closes preformatted text.
    case fence(Substring)
    /// `## Heading text`; the text may be empty (an error the reader reports).
    case heading(Substring)
    /// `> quoted line` or a lone `>` (an empty line of the quote).
    case quote(Substring)
    /// `- item`, `* item` or `1. item`.
    case item(ordered: Bool, text: Substring)
    /// A line that opens with `![`: an image, well formed or not.
    case image(Substring)
    /// `Embed: URL`.
    case embed(Substring)
    /// `Caption: ...`, `Credit: ...` or `Title: ...`, which belong under an image or an embed.
    case attribute(DeskBodyAttribute, Substring)
    /// Plain text: a line of a paragraph, its escaping backslash dropped.
    case text(Substring)

    /// Reads a line with its surrounding white space already trimmed.
    init(_ line: Substring) {
        if line.isEmpty {
            self = .blank
        } else if line.first == "\\" {
            self = .text(line.dropFirst())
        } else if line.count >= 3, line.allSatisfy({ $0 == "`" }) {
            self = .fence(line)
        } else if let text = Self.after(line, markers: ["##"]) {
            self = .heading(text)
        } else if line == ">" || line.hasPrefix("> ") {
            self = .quote(line.dropFirst(line == ">" ? 1 : 2))
        } else if let text = Self.after(line, markers: ["-", "*"]) {
            self = .item(ordered: false, text: text)
        } else if let text = Self.afterNumber(line) {
            self = .item(ordered: true, text: text)
        } else if line.hasPrefix("![") {
            self = .image(line)
        } else if let url = Self.after(line, keyword: "Embed:") {
            self = .embed(url)
        } else if let attribute = DeskBodyAttribute.allCases.first(where: {
            Self.after(line, keyword: $0.keyword) != nil
        }),
            let text = Self.after(line, keyword: attribute.keyword)
        {
            self = .attribute(attribute, text)
        } else {
            self = .text(line)
        }
    }

    /// The text after a marker that stands alone or is followed by a space (`## Title`, `- item`).
    private static func after(_ line: Substring, markers: [String]) -> Substring? {
        for marker in markers where line == marker || line.hasPrefix(marker + " ") {
            return trimmed(line.dropFirst(marker.count))
        }
        return nil
    }

    /// The text after `12.`, when the number stands alone or is followed by a space.
    private static func afterNumber(_ line: Substring) -> Substring? {
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...9).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest == "." || rest.hasPrefix(". ") else { return nil }
        return trimmed(rest.dropFirst())
    }

    /// The text after a keyword such as `Embed:`, matched in any case.
    private static func after(_ line: Substring, keyword: String) -> Substring? {
        guard line.count >= keyword.count, line.prefix(keyword.count).lowercased() == keyword.lowercased() else {
            return nil
        }
        return trimmed(line.dropFirst(keyword.count))
    }

    static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}

/// The lines that add to the block above them: an image's caption and credit, an embed's title.
enum DeskBodyAttribute: String, CaseIterable, Hashable, Sendable {
    case caption = "Caption"
    case credit = "Credit"
    case title = "Title"

    var keyword: String { rawValue + ":" }

    /// What the line belongs under, for an error that says where to put it.
    var belongsUnder: String {
        switch self {
        case .caption, .credit: "an image line (![alt text](URL))"
        case .title: "an 'Embed: URL' line"
        }
    }
}
