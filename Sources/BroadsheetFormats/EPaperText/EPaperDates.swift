import Broadsheet
import Foundation

/// The dates and times e-paper copy prints, read without a zone.
///
/// Dates: `April 29, 2025`, `Apr 29, 2025`, `April 29th, 2025`, `29 April 2025`, `2025-04-29`
/// (month names in any case, full or three letters, `Sept` too). Times: `10:32am`, `10:32 AM`,
/// `10:32 a.m.`, `9:05pm`, `10:32` (24-hour).
enum EPaperDates {
    /// A time of day as printed, on the 24-hour clock.
    struct Time: Hashable {
        var hour: Int
        var minute: Int
    }

    private static let monthsByName: [Substring: Int] = {
        var months: [Substring: Int] = ["sept": 9]
        for (offset, name) in EditionDate.monthNames.enumerated() {
            months[Substring(name.lowercased())] = offset + 1
            months[Substring(name.lowercased().prefix(3))] = offset + 1
        }
        return months
    }()

    /// The month a word names ("April", "apr", "SEPT"), if it names one.
    static func month(named word: Substring) -> Int? {
        guard (3...9).contains(word.count) else { return nil }
        return monthsByName[Substring(word.lowercased())]
    }

    /// Whether a word opens like a date: a digit, or the first three letters of a month ("Aprl").
    /// Used to tell a mistyped date from ordinary text.
    static func opensLikeDate(_ text: Substring) -> Bool {
        guard let first = text.first else { return false }
        if let ascii = first.asciiValue, (48...57).contains(ascii) { return true }
        return month(named: text.prefix(3)) != nil
    }

    /// Reads a date at the cursor, followed by the end or a non-alphanumeric character.
    static func readDate(_ scanner: inout EPaperScanner) -> EditionDate? {
        for reader in [readISO, readDayFirst, readMonthFirst] {
            var attempt = scanner
            if let date = reader(&attempt), attempt.isAtWordBoundary {
                scanner = attempt
                return date
            }
        }
        return nil
    }

    /// The date `text` holds, when it holds nothing else.
    static func wholeDate(_ text: Substring) -> EditionDate? {
        var scanner = EPaperScanner(text)
        guard let date = readDate(&scanner) else { return nil }
        scanner.skipSpaces()
        return scanner.isAtEnd ? date : nil
    }

    /// Reads a time at the cursor: `10:32`, `10:32am`, `10:32 a.m.`.
    static func readTime(_ scanner: inout EPaperScanner) -> Time? {
        var attempt = scanner
        guard let hour = attempt.readNumber(maxDigits: 2), attempt.consume(":"),
            let minute = attempt.readNumber(maxDigits: 2), minute.digits == 2, minute.value < 60
        else { return nil }
        var meridiem: Bool?  // true for pm
        var suffix = attempt
        suffix.skipSpaces()
        for (literal, isPM) in [
            ("a.m.", false), ("p.m.", true), ("a.m", false), ("p.m", true), ("am", false), ("pm", true),
        ] {
            var candidate = suffix
            if candidate.consume(literal), candidate.isAtWordBoundary {
                meridiem = isPM
                attempt = candidate
                break
            }
        }
        guard attempt.isAtWordBoundary else { return nil }
        var hour24 = hour.value
        if let isPM = meridiem {
            guard (1...12).contains(hour.value) else { return nil }
            hour24 = hour.value % 12 + (isPM ? 12 : 0)
        } else {
            guard hour.value < 24 else { return nil }
        }
        scanner = attempt
        return Time(hour: hour24, minute: minute.value)
    }

    /// The instant a printed date and optional time name in `calendar`'s zone: minute precision
    /// with a time, the start of the day with day precision without one; nil when the calendar
    /// cannot place it.
    static func timestamp(_ date: EditionDate, _ time: Time?, calendar: Calendar) -> Timestamp? {
        var parts = DateComponents(year: date.year, month: date.month, day: date.day)
        if let time {
            parts.hour = time.hour
            parts.minute = time.minute
        }
        guard let instant = calendar.date(from: parts) else { return nil }
        return Timestamp(instant, precision: time == nil ? .day : .minute)
    }

    /// A day printed with a year in `DateTimeText.years`; nil for any other.
    private static func day(year: Int, month: Int, day: Int) -> EditionDate? {
        guard DateTimeText.years.contains(year) else { return nil }
        return EditionDate(year: year, month: month, day: day)
    }

    /// The printed form of a time: `h:mma`, lower case (`9:05pm`).
    static func printedTime(_ instant: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        return "\(hour12):\(minute < 10 ? "0" : "")\(minute)\(hour < 12 ? "am" : "pm")"
    }

    // MARK: - The three date shapes

    /// `2025-04-29`.
    private static func readISO(_ scanner: inout EPaperScanner) -> EditionDate? {
        guard let year = scanner.readNumber(maxDigits: 4), year.digits == 4, scanner.consume("-"),
            let month = scanner.readNumber(maxDigits: 2), month.digits == 2, scanner.consume("-"),
            let day = scanner.readNumber(maxDigits: 2), day.digits == 2
        else { return nil }
        return Self.day(year: year.value, month: month.value, day: day.value)
    }

    /// `29 April 2025`, `29th April, 2025`.
    private static func readDayFirst(_ scanner: inout EPaperScanner) -> EditionDate? {
        guard let day = scanner.readNumber(maxDigits: 2) else { return nil }
        skipOrdinal(&scanner)
        guard scanner.skipSpaces(), let month = month(named: scanner.readLetters()) else { return nil }
        _ = scanner.consume(".")
        guard let year = readYear(&scanner) else { return nil }
        return Self.day(year: year, month: month, day: day.value)
    }

    /// `April 29, 2025`, `Apr 29 2025`, `April 29th, 2025`.
    private static func readMonthFirst(_ scanner: inout EPaperScanner) -> EditionDate? {
        guard let month = month(named: scanner.readLetters()) else { return nil }
        _ = scanner.consume(".")
        guard scanner.skipSpaces(), let day = scanner.readNumber(maxDigits: 2) else { return nil }
        skipOrdinal(&scanner)
        guard let year = readYear(&scanner) else { return nil }
        return Self.day(year: year, month: month, day: day.value)
    }

    /// `, 2025` or ` 2025`: a comma, a space or both, then four digits.
    private static func readYear(_ scanner: inout EPaperScanner) -> Int? {
        let comma = scanner.consume(",")
        let space = scanner.skipSpaces()
        guard comma || space, let year = scanner.readNumber(maxDigits: 4), year.digits == 4 else { return nil }
        return year.value
    }

    private static func skipOrdinal(_ scanner: inout EPaperScanner) {
        for suffix in ["st", "nd", "rd", "th"] {
            var attempt = scanner
            if attempt.consume(suffix), attempt.isAtWordBoundary {
                scanner = attempt
                return
            }
        }
    }
}
