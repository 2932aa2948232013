import Broadsheet
import Foundation

/// Reads and writes the dates the JSON and Markdown formats carry: RFC 3339 and the looser
/// ISO 8601 forms senders use (`2026-03-14`, `2026-03-14 08:15`, `2026-03-14T08:15:00.250+0500`).
///
/// A date without a time is a day (`Timestamp.Precision.day`, its first instant in the zone given);
/// a time without a zone is read in the zone given, as the e-paper format reads its times.
public enum DateTimeText {
    /// The years every reader takes a date in: one outside them is a placeholder (`0000-00-00`)
    /// or a typo, not the day a story appeared.
    public static let years = 1000...9999

    /// What a message says was expected of a date field holding `text`: the years when its year
    /// is outside them, else `expected` ("a date-time like '2026-03-14T08:15:00Z'").
    static func expectation(_ expected: String, found text: String) -> String {
        let digits = text.trimmingCharacters(in: .whitespaces).utf8.prefix(while: { (0x30...0x39).contains($0) })
        // `20260314` is the basic form's year and day; `10000-01-01` a year of five digits.
        let yearDigits = digits.count == 8 ? digits.prefix(4) : digits
        if (4...9).contains(yearDigits.count), let year = Int(String(decoding: yearDigits, as: UTF8.self)),
            !years.contains(year)
        {
            return "expected a date in the years \(years.lowerBound) to \(years.upperBound), found '\(text)'"
        }
        return "expected \(expected), found '\(text)'"
    }

    /// The instant `text` names, or nil when it is not a date this reader knows or its year is
    /// outside `years`.
    public static func timestamp(_ text: String, in timeZone: TimeZone) -> Timestamp? {
        var scanner = Substring(text.trimmingCharacters(in: .whitespaces)).utf8[...]
        guard let year = number(&scanner, digits: 4), years.contains(year), consume(&scanner, "-"),
            let month = number(&scanner, digits: 2), consume(&scanner, "-"),
            let day = number(&scanner, digits: 2), let date = EditionDate(year: year, month: month, day: day)
        else { return nil }
        if scanner.isEmpty { return Timestamp(date.startOfDay(in: timeZone), precision: .day) }
        guard consume(&scanner, "T") || consume(&scanner, "t") || consume(&scanner, " "),
            let hour = number(&scanner, digits: 2), hour < 24, consume(&scanner, ":"),
            let minute = number(&scanner, digits: 2), minute < 60
        else { return nil }
        var seconds = 0.0
        if consume(&scanner, ":") {
            guard let whole = number(&scanner, digits: 2), whole <= 60 else { return nil }
            seconds = Double(whole)
            if consume(&scanner, ".") || consume(&scanner, ",") {
                let digits = scanner.prefix(while: { (0x30...0x39).contains($0) })
                guard !digits.isEmpty else { return nil }
                seconds += Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
                scanner = scanner.dropFirst(digits.count)
            }
        }
        _ = consume(&scanner, " ")
        let zone: TimeZone
        if scanner.isEmpty {
            zone = timeZone
        } else if consume(&scanner, "Z") || consume(&scanner, "z") {
            zone = .gmt
        } else if ["UTC", "GMT"].contains(String(Substring(scanner))) {
            zone = .gmt
            scanner = scanner.dropFirst(3)
        } else {
            guard let offset = offset(&scanner), let fixed = TimeZone(secondsFromGMT: offset) else { return nil }
            zone = fixed
        }
        guard scanner.isEmpty else { return nil }
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: 0)
        guard let start = Calendar.gregorian(in: zone).date(from: components) else { return nil }
        return Timestamp(start.addingTimeInterval(seconds))
    }

    /// RFC 3339 in UTC (`2026-03-14T03:15:00Z`), with fractions of a second only when there are some.
    public static func rfc3339(_ instant: Date) -> String {
        rfc3339(instant, in: .gmt)
    }

    /// RFC 3339 in a zone (`2026-03-14T00:00:00+05:00`), for a day that must read as that zone's day.
    public static func rfc3339(_ instant: Date, in timeZone: TimeZone) -> String {
        let calendar = Calendar.gregorian(in: timeZone)
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        var text = String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 0, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0)
        let whole = calendar.date(from: parts) ?? instant
        let fraction = instant.timeIntervalSince(whole)
        if fraction >= 0.0005 {
            let digits = String(format: "%.3f", fraction).dropFirst(1)
            text += String(digits.reversed().drop(while: { $0 == "0" }).reversed())
        }
        let offset = timeZone.secondsFromGMT(for: instant)
        if offset == 0 { return text + "Z" }
        let sign = offset < 0 ? "-" : "+"
        return text + String(format: "%@%02d:%02d", sign, abs(offset) / 3600, abs(offset) % 3600 / 60)
    }

    private static func number(_ scanner: inout Substring.UTF8View.SubSequence, digits: Int) -> Int? {
        let prefix = scanner.prefix(digits)
        guard prefix.count == digits, prefix.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        scanner = scanner.dropFirst(digits)
        return Int(String(decoding: prefix, as: UTF8.self))
    }

    private static func consume(_ scanner: inout Substring.UTF8View.SubSequence, _ text: Character) -> Bool {
        guard let first = scanner.first, first == text.asciiValue else { return false }
        scanner = scanner.dropFirst()
        return true
    }

    /// `+05:00`, `+0500`, `+05`, `-03:30`, in seconds east of UTC.
    private static func offset(_ scanner: inout Substring.UTF8View.SubSequence) -> Int? {
        let sign: Int
        if consume(&scanner, "+") {
            sign = 1
        } else if consume(&scanner, "-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(&scanner, digits: 2), hours <= 14 else { return nil }
        _ = consume(&scanner, ":")
        let minutes = scanner.isEmpty ? 0 : number(&scanner, digits: 2)
        guard let minutes, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
