/// Everything after an article's header: the body paragraphs, the print line, and the topic
/// terms after it.
struct EPaperTail {
    /// Paragraphs in order; the lines of each joined with a space.
    var paragraphs: [String]
    var printLine: EPaperPrintLine?
    /// The short lines after the print line; longer ones there are page furniture and left out.
    var terms: [String]

    /// A term is a short line: at most 60 characters and 8 words, not ending a sentence, with a
    /// letter or digit in it (a rule like `* * *` names nothing).
    static func isTerm(_ text: Substring) -> Bool {
        text.count <= 60 && !text.hasSuffix(".") && text.split(whereSeparator: \.isWhitespace).count <= 8
            && text.contains(where: { $0.isLetter || $0.isNumber })
    }

    /// Reads the lines after the header. Only the last print line counts; everything before it is
    /// body, and without one everything is.
    static func read(_ lines: ArraySlice<EPaperLine>) throws(EPaperProblem) -> EPaperTail {
        var bodyEnd = lines.endIndex
        var printLine: EPaperPrintLine?
        var terms: [String] = []
        if let index = lines.indices.last(where: { EPaperPrintLine.isAttempt(lines[$0].text) }) {
            guard let read = EPaperPrintLine.read(lines[index].text) else {
                throw EPaperProblem(
                    line: lines[index].number, message: "\(EPaperPrintLine.example), found '\(lines[index].text)'")
            }
            printLine = read
            bodyEnd = index
            terms = lines[(index + 1)...].filter { !$0.isBlank && isTerm($0.text) }.map { String($0.text) }
        }
        return EPaperTail(paragraphs: paragraphs(in: lines[..<bodyEnd]), printLine: printLine, terms: terms)
    }

    /// Paragraphs separated by blank lines.
    static func paragraphs(in lines: ArraySlice<EPaperLine>) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in lines {
            if line.isBlank {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(line.text)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs
    }
}
