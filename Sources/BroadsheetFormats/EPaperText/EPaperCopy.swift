import Broadsheet

/// A problem found while reading one article, before the file name is attached.
struct EPaperProblem: Error, Hashable {
    var line: Int?
    var message: String
}

/// The lines of one article in a file: its `E-Paper |` line, if it has one, and the lines after it
/// up to the next article.
struct EPaperCopy {
    var editionLine: EPaperLine?
    var lines: ArraySlice<EPaperLine>

    /// The line the article starts on: its edition line, or its first non-blank line.
    var firstLine: Int {
        editionLine?.number ?? lines.first(where: { !$0.isBlank })?.number ?? lines.first?.number ?? 1
    }

    /// Splits a file's lines into articles: each `E-Paper |` line starts one, and non-blank text
    /// before the first is an article of its own. Blank text makes no article.
    static func copies(in lines: [EPaperLine]) -> [EPaperCopy] {
        var copies: [EPaperCopy] = []
        var start = lines.startIndex
        var editionLine: EPaperLine?
        for index in lines.indices where editionDateText(lines[index].text) != nil {
            let copy = EPaperCopy(editionLine: editionLine, lines: lines[start..<index])
            if copy.editionLine != nil || copy.lines.contains(where: { !$0.isBlank }) { copies.append(copy) }
            editionLine = lines[index]
            start = index + 1
        }
        let last = EPaperCopy(editionLine: editionLine, lines: lines[start...])
        if last.editionLine != nil || last.lines.contains(where: { !$0.isBlank }) { copies.append(last) }
        return copies
    }

    /// What follows `E-Paper |` on an edition line (any case, spaces around `|` optional),
    /// or nil when the line is not one.
    static func editionDateText(_ line: Substring) -> Substring? {
        var scanner = EPaperScanner(line)
        guard scanner.consume("e-paper") else { return nil }
        scanner.skipSpaces()
        guard scanner.consume("|") else { return nil }
        scanner.skipSpaces()
        return scanner.rest
    }

    /// The date of the edition line, or the reason it cannot be read.
    func editionDate() throws(EPaperProblem) -> EditionDate? {
        guard let editionLine, let text = Self.editionDateText(editionLine.text) else { return nil }
        guard let date = EPaperDates.wholeDate(text) else {
            throw EPaperProblem(
                line: editionLine.number,
                message: "expected a date like 'April 29, 2025' after 'E-Paper |', found '\(text)'")
        }
        return date
    }
}
