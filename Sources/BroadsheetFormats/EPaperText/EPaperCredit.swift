import Broadsheet
import Foundation

/// The credit line under a headline: the byline as printed, then `Published <date> [<time>]`,
/// then optionally `Updated <date> [<time>]`; or a line holding nothing but the date.
///
/// `AFP Published April 29, 2025 Updated April 29, 2025 10:32am` →
/// byline "AFP", published April 29 (day precision), updated 10:32 (minute precision).
struct EPaperCredit: Hashable {
    var byline: String?
    var published: Timestamp
    var updated: Timestamp?

    /// What a header line turned out to be.
    enum Reading {
        /// Ordinary text: a headline, a summary or body.
        case notACredit
        case credit(EPaperCredit)
        /// A line that starts a credit but cannot be read; the message says what was expected.
        case unreadable(String)
    }

    static let publishedExample = "expected 'Published <date>' like 'Published April 29, 2025 10:32am'"

    /// Reads `line` as a credit line, in `calendar`'s zone.
    ///
    /// A line starts a credit when the word `Published` (not `Published in`, the print line) is
    /// followed by something that opens like a date, and the line ends like a date or a time (a
    /// digit, `am`, `pm`, `a.m.`). That keeps "Published 29 years after his death, the novel…"
    /// ordinary text while "Reuters Published Aprl 29, 2025" is reported as a mistyped credit.
    static func read(_ line: Substring, calendar: Calendar) -> Reading {
        guard endsLikeDateOrTime(line) else { return .notACredit }
        // Some e-papers print only the date under the headline: `December 6, 2025`.
        var dateOnly = EPaperScanner(line)
        if let published = readTimestamp(&dateOnly, calendar: calendar), dateOnly.isAtEnd {
            return .credit(EPaperCredit(byline: nil, published: published, updated: nil))
        }
        var searchStart = line.startIndex
        while let found = line[searchStart...].firstRange(of: "Published") {
            searchStart = found.upperBound
            let standsAlone =
                found.lowerBound == line.startIndex || line[line.index(before: found.lowerBound)].isWhitespace
            var scanner = EPaperScanner(line[found.upperBound...])
            guard standsAlone, scanner.skipSpaces() else { continue }
            var printLine = scanner
            if printLine.consume("in"), printLine.skipSpaces() { continue }
            guard EPaperDates.opensLikeDate(scanner.rest) else { continue }
            let byline = EPaperLine.trimmed(line[..<found.lowerBound])
            return readDates(
                &scanner, byline: byline.isEmpty ? nil : String(byline), printed: line[found.lowerBound...],
                calendar: calendar)
        }
        return .notACredit
    }

    private static func readDates(
        _ scanner: inout EPaperScanner, byline: String?, printed: Substring, calendar: Calendar
    ) -> Reading {
        guard let published = readTimestamp(&scanner, calendar: calendar) else {
            return .unreadable("\(publishedExample), found '\(printed)'")
        }
        scanner.skipSpaces()
        var updated: Timestamp?
        if !scanner.isAtEnd {
            let afterPublished = scanner.rest
            var word = scanner
            guard word.consume("Updated"), word.isAtWordBoundary, word.skipSpaces() else {
                return .unreadable(
                    "expected 'Updated <date>' or the end of the credit line after the published date, found '\(afterPublished)'"
                )
            }
            scanner = word
            guard let stamp = readTimestamp(&scanner, calendar: calendar) else {
                return .unreadable(
                    "expected 'Updated <date>' like 'Updated April 29, 2025 10:32am', found '\(afterPublished)'")
            }
            scanner.skipSpaces()
            guard scanner.isAtEnd else {
                return .unreadable("expected the credit line to end after the updated date, found '\(scanner.rest)'")
            }
            updated = stamp
        }
        return .credit(EPaperCredit(byline: byline, published: published, updated: updated))
    }

    /// A date, then optionally a space and a time.
    private static func readTimestamp(_ scanner: inout EPaperScanner, calendar: Calendar) -> Timestamp? {
        guard let date = EPaperDates.readDate(&scanner) else { return nil }
        var withTime = scanner
        var time: EPaperDates.Time?
        if withTime.skipSpaces(), let read = EPaperDates.readTime(&withTime) {
            time = read
            scanner = withTime
        }
        return EPaperDates.timestamp(date, time, calendar: calendar)
    }

    private static func endsLikeDateOrTime(_ line: Substring) -> Bool {
        guard let last = line.last else { return false }
        if let ascii = last.asciiValue, (48...57).contains(ascii) { return true }
        let tail = line.suffix(4).lowercased()
        return tail.hasSuffix("am") || tail.hasSuffix("pm") || tail == "a.m." || tail == "p.m."
    }

    /// The credit line as the writer prints it: `Byline Published April 29, 2025 10:32am Updated …`.
    static func printed(byline: String?, published: Timestamp, updated: Timestamp?, calendar: Calendar) -> String {
        var line = ""
        if let byline, !byline.isEmpty { line = byline + " " }
        line += "Published " + printed(published, calendar: calendar)
        if let updated { line += " Updated " + printed(updated, calendar: calendar) }
        return line
    }

    private static func printed(_ stamp: Timestamp, calendar: Calendar) -> String {
        let day = EditionDate(stamp.instant, in: calendar.timeZone).printed
        switch stamp.precision {
        case .day: return day
        case .minute: return day + " " + EPaperDates.printedTime(stamp.instant, calendar: calendar)
        }
    }
}
