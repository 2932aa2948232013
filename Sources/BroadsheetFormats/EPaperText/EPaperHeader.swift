import Broadsheet
import Foundation

/// The top of an article: headline, optional summary and optional credit line, and where the
/// body starts.
struct EPaperHeader {
    var headline: String
    var summary: String?
    var credit: EPaperCredit?
    /// The first line after the header.
    var bodyStart: Int
    /// The line a "no body" error names: the credit line, else the headline.
    var anchorLine: Int

    static let noHeadlineHint = "pass --headline (or the API's headline field) to supply one"

    /// Reads the header of `copy`.
    ///
    /// The credit line, when there is one, is the first, second or third non-empty line, and it
    /// settles the rest: the first line is the headline and, when the credit is third, the second
    /// is the summary. Without one, the first line is the headline only if it looks like one, so a
    /// copy that starts with its body is rejected rather than losing its first paragraph. With
    /// `supplied`, a copy without a credit line is all body.
    static func read(
        _ copy: EPaperCopy, supplied: String?, calendar: Calendar
    ) throws(EPaperProblem) -> EPaperHeader {
        let lines = copy.lines
        let firstLines = Array(lines.indices.lazy.filter { !lines[$0].isBlank }.prefix(3))
        guard let first = firstLines.first else {
            throw EPaperProblem(
                line: copy.editionLine?.number, message: "expected a headline after the 'E-Paper |' line")
        }
        for (position, index) in firstLines.enumerated() {
            switch EPaperCredit.read(lines[index].text, calendar: calendar) {
            case .notACredit:
                continue
            case .unreadable(let message):
                throw EPaperProblem(line: lines[index].number, message: message)
            case .credit(let credit):
                let printed = position >= 1 ? String(lines[firstLines[0]].text) : nil
                guard let headline = supplied ?? printed else {
                    throw EPaperProblem(
                        line: lines[index].number,
                        message: "no headline: the copy starts with its credit line; \(noHeadlineHint)")
                }
                return EPaperHeader(
                    headline: headline, summary: position == 2 ? String(lines[firstLines[1]].text) : nil,
                    credit: credit, bodyStart: index + 1, anchorLine: lines[index].number)
            }
        }
        if let supplied {
            return EPaperHeader(
                headline: supplied, credit: nil, bodyStart: lines.startIndex, anchorLine: lines[first].number)
        }
        return try withoutCredit(lines, first: first)
    }

    private init(
        headline: String, summary: String? = nil, credit: EPaperCredit?, bodyStart: Int, anchorLine: Int
    ) {
        self.headline = headline
        self.summary = summary
        self.credit = credit
        self.bodyStart = bodyStart
        self.anchorLine = anchorLine
    }

    /// A header with no credit line: a headline and, directly under it, maybe a summary.
    private static func withoutCredit(_ lines: ArraySlice<EPaperLine>, first: Int) throws(EPaperProblem) -> EPaperHeader
    {
        let headline = lines[first]
        guard looksLikeHeadline(headline.text) else {
            throw EPaperProblem(
                line: headline.number, message: "no headline: the copy starts with body text; \(noHeadlineHint)")
        }
        var header = EPaperHeader(
            headline: String(headline.text), credit: nil, bodyStart: first + 1, anchorLine: headline.number)
        let next = first + 1
        if next < lines.endIndex, looksLikeSummary(lines[next].text),
            next + 1 == lines.endIndex || lines[next + 1].isBlank
        {
            header.summary = String(lines[next].text)
            header.bodyStart = next + 1
        }
        return header
    }

    /// At most 200 characters, not ending a sentence with `.` (`...`, `?`, `!` and quotes are
    /// fine), and not opening with a dateline.
    static func looksLikeHeadline(_ text: Substring) -> Bool {
        guard text.count <= 200 else { return false }
        if text.hasSuffix(".") && !text.hasSuffix("...") { return false }
        return EPaperDatelineReader.read(text) == nil
    }

    /// A line right under a headline that is a summary rather than the start of the body: at
    /// most 300 characters, not opening with a dateline. (Its caller also wants a blank line
    /// after it: a line followed by more text is the first line of a wrapped paragraph.)
    static func looksLikeSummary(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 300 && EPaperDatelineReader.read(text) == nil
    }
}
