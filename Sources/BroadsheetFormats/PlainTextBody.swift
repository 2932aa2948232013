import Broadsheet

/// Bodies that arrive as plain text, and the dateline that may open a body, for every format.
enum PlainTextBody {
    /// Paragraphs separated by blank lines; the lines of a paragraph joined by spaces.
    static func blocks(from text: String) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        var lines: [Substring] = []
        func finish() {
            let paragraph = lines.joined(separator: " ")
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph)) }
            lines.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = EPaperLine.trimmed(line)
            if trimmed.isEmpty { finish() } else { lines.append(trimmed) }
        }
        finish()
        return blocks
    }

    /// The dateline opening the first paragraph (`KARACHI:`, `LONDON, April 28 (Reuters) -`),
    /// taken out of it.
    static func dateline(openingFirstParagraphOf body: inout [BodyBlock]) -> Dateline? {
        guard let index = body.firstIndex(where: { if case .paragraph = $0 { true } else { false } }),
            case .paragraph(let text) = body[index],
            let opening = EPaperDatelineReader.read(Substring(text))
        else { return nil }
        body[index] = .paragraph(String(opening.text))
        return opening.dateline
    }
}
