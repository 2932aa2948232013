import Broadsheet

/// The line after the body that says where the story was printed:
/// `Published in Dawn, April 29th, 2025`, or with a supplement,
/// `Published in Dawn, The Business and Finance Weekly, April 28th, 2025`.
struct EPaperPrintLine: Hashable {
    /// The paper: the text up to the first comma.
    var publication: String
    /// What stands between the paper and the date, if anything.
    var supplement: String?
    var date: EditionDate

    static let prefix = "Published in "
    static let example = "expected a print line like 'Published in Dawn, April 29th, 2025'"

    /// Whether a line is meant as a print line: it opens with `Published in ` and ends like a
    /// date (with a digit). A wrapped body line such as "Published in 1851, the novel was" is not.
    static func isAttempt(_ line: Substring) -> Bool {
        guard line.hasPrefix(prefix), let last = line.last, let ascii = last.asciiValue else { return false }
        return (48...57).contains(ascii)
    }

    /// Reads a print line, or nil when its paper or date cannot be read.
    static func read(_ line: Substring) -> EPaperPrintLine? {
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        guard let firstComma = rest.firstIndex(of: ",") else { return nil }
        let publication = EPaperLine.trimmed(rest[..<firstComma])
        guard !publication.isEmpty else { return nil }
        // The date is what follows the first comma, after the paper, that leaves only a date;
        // a date has a comma of its own ("April 29th, 2025"), so try each comma in turn.
        var comma = firstComma
        while comma != rest.endIndex {
            let afterComma = rest.index(after: comma)
            if let date = EPaperDates.wholeDate(EPaperLine.trimmed(rest[afterComma...])) {
                let supplement =
                    comma == firstComma ? "" : EPaperLine.trimmed(rest[rest.index(after: firstComma)..<comma])
                return EPaperPrintLine(
                    publication: String(publication), supplement: supplement.isEmpty ? nil : String(supplement),
                    date: date)
            }
            comma = rest[afterComma...].firstIndex(of: ",") ?? rest.endIndex
        }
        return nil
    }

    /// The line as the writer prints it, with an ordinal date.
    var printed: String {
        var line = Self.prefix + publication
        if let supplement { line += ", " + supplement }
        return line + ", " + date.printedWithOrdinal
    }
}
