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

    /// Capitalised openings that blogs and feeds use which are not places: `UPDATE: ...`.
    static let notPlaces: Set<String> = [
        "UPDATE", "UPDATED", "NOTE", "EDITOR'S NOTE", "EDITORS NOTE", "CORRECTION", "CLARIFICATION", "BREAKING",
        "WARNING", "PS", "P.S.", "FAQ", "TL;DR", "TLDR", "ADVERTISEMENT", "SPONSORED", "ANALYSIS", "OPINION",
        "LIVE", "WATCH", "LISTEN", "READ MORE", "RELATED", "EXCLUSIVE",
    ]

    /// The dateline opening the first paragraph (`KARACHI:`, `LONDON, April 28 (Reuters) -`),
    /// taken out of it; `UPDATE:` and the like are not places and stay in the text.
    static func dateline(openingFirstParagraphOf body: inout [BodyBlock]) -> Dateline? {
        guard let index = body.firstIndex(where: { if case .paragraph = $0 { true } else { false } }),
            case .paragraph(let text) = body[index],
            let opening = EPaperDatelineReader.read(Substring(text)),
            !opening.dateline.places.contains(where: notPlaces.contains)
        else { return nil }
        body[index] = .paragraph(String(opening.text))
        return opening.dateline
    }
}
