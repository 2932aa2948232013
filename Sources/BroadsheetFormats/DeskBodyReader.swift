import Broadsheet

/// Reads the desk's body text a line at a time: lines of one kind next to each other make one
/// block, and a blank line or a line of another kind ends it.
struct DeskBodyReader {
    /// The block being gathered.
    private enum Open {
        /// A paragraph's lines, or a quotation's.
        case lines(quote: Bool, [Substring])
        case list(ordered: Bool, items: [String])
        case image(BodyImage)
        case embed(EmbedLink)
        /// Preformatted text: its fence, the line the fence stands on, the lines so far.
        case preformatted(fence: Substring, line: Int, lines: [Substring])
    }

    private var blocks: [BodyBlock] = []
    private var open: Open?

    mutating func read(_ rawLine: Substring, number: Int) throws(DeskBodyTextError) {
        if case .preformatted(let fence, let line, var lines) = open {
            if DeskBodyLine.trimmed(rawLine) == fence {
                close()
            } else {
                open = nil  // so the lines are appended in place, not copied
                lines.append(rawLine)
                open = .preformatted(fence: fence, line: line, lines: lines)
            }
            return
        }
        switch DeskBodyLine(DeskBodyLine.trimmed(rawLine)) {
        case .blank:
            close()
        case .fence(let fence):
            close()
            open = .preformatted(fence: fence, line: number, lines: [])
        case .heading(let text):
            guard !text.isEmpty else {
                throw .emptyMarker(line: number, marker: "##", expected: "the heading's text")
            }
            close()
            blocks.append(.heading(String(text)))
        case .quote(let text):
            gather(text, quote: true)
        case .item(let ordered, let text):
            guard !text.isEmpty else {
                let marker = DeskBodyLine.trimmed(rawLine)
                throw .emptyMarker(line: number, marker: String(marker), expected: "the list item's text")
            }
            if case .list(ordered, var items) = open {
                open = nil
                items.append(String(text))
                open = .list(ordered: ordered, items: items)
            } else {
                close()
                open = .list(ordered: ordered, items: [String(text)])
            }
        case .image(let line):
            close()
            open = .image(try Self.image(line, number: number))
        case .embed(let url):
            guard !url.isEmpty else { throw .embedWithoutURL(line: number) }
            guard LinkSafety.allows(String(url)) else { throw .unsafeURL(line: number, url: String(url)) }
            close()
            open = .embed(EmbedLink(url: String(url)))
        case .attribute(let attribute, let text):
            try add(attribute, String(text), number: number)
        case .text(let text):
            gather(text, quote: false)
        }
    }

    mutating func finish() throws(DeskBodyTextError) -> [BodyBlock] {
        if case .preformatted(let fence, let line, _) = open {
            throw .unterminatedFence(line: line, fence: String(fence))
        }
        close()
        guard !blocks.isEmpty else { throw .emptyBody }
        return blocks
    }

    /// Adds a line to the paragraph or quotation being gathered, or starts one.
    private mutating func gather(_ line: Substring, quote: Bool) {
        if case .lines(quote, var lines) = open {
            open = nil
            lines.append(line)
            open = .lines(quote: quote, lines)
        } else {
            close()
            open = .lines(quote: quote, [line])
        }
    }

    /// Puts a caption, credit or title on the image or embed it stands under.
    private mutating func add(
        _ attribute: DeskBodyAttribute, _ text: String, number: Int
    ) throws(DeskBodyTextError) {
        let value = text.isEmpty ? nil : text
        switch (open, attribute) {
        case (.image(var image), .caption), (.image(var image), .credit):
            let keyPath: WritableKeyPath<BodyImage, String?> = attribute == .caption ? \.caption : \.credit
            guard image[keyPath: keyPath] == nil else { throw .repeatedLine(line: number, keyword: attribute.keyword) }
            image[keyPath: keyPath] = value
            open = .image(image)
        case (.embed(var embed), .title):
            guard embed.title == nil else { throw .repeatedLine(line: number, keyword: attribute.keyword) }
            embed.title = value
            open = .embed(embed)
        default:
            throw .misplacedLine(line: number, keyword: attribute.keyword, belongsUnder: attribute.belongsUnder)
        }
    }

    /// Ends the block being gathered and keeps it, unless it holds no text.
    private mutating func close() {
        defer { open = nil }
        switch open {
        case nil: return
        case .lines(let quote, let lines):
            blocks.append(quote ? .quote(lines.joined(separator: "\n")) : .paragraph(lines.joined(separator: " ")))
        case .list(let ordered, let items): blocks.append(.list(BodyList(ordered: ordered, items: items)))
        case .image(let image): blocks.append(.image(image))
        case .embed(let embed): blocks.append(.embed(embed))
        case .preformatted(_, _, let lines):
            let text = lines.joined(separator: "\n")
            if !text.isEmpty { blocks.append(.preformatted(text)) }
        }
    }

    /// `![alt text](URL)`: the address runs from the last `](` to the closing parenthesis, so alt
    /// text may hold brackets and an address parentheses.
    private static func image(_ line: Substring, number: Int) throws(DeskBodyTextError) -> BodyImage {
        guard line.hasSuffix(")"), let middle = line.dropFirst(2).ranges(of: "](").last else {
            throw .malformedImage(line: number)
        }
        let alt = DeskBodyLine.trimmed(line[line.index(line.startIndex, offsetBy: 2)..<middle.lowerBound])
        let url = String(DeskBodyLine.trimmed(line[middle.upperBound..<line.index(before: line.endIndex)]))
        guard !url.isEmpty else { throw .imageWithoutURL(line: number) }
        guard LinkSafety.allows(url) else { throw .unsafeURL(line: number, url: url) }
        return BodyImage(url: url, alt: alt.isEmpty ? nil : String(alt))
    }
}
