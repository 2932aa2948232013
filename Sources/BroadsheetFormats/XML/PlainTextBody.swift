import Broadsheet

/// Plain text as body blocks: paragraphs separated by blank lines, lines inside one joined.
enum PlainTextBody {
    static func blocks(_ text: String) -> [BodyBlock] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(XMLText.normalized(current.joined(separator: " "))) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(XMLText.normalized(current.joined(separator: " "))) }
        return paragraphs.map(BodyBlock.paragraph)
    }
}
