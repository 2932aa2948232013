import Broadsheet
import Foundation

/// The date formats of internet messages: HTTP's `Last-Modified` and RSS's `pubDate` (RFC 9110's
/// IMF-fixdate, "Tue, 29 Apr 2025 03:00:00 GMT") and RFC 3339 for Atom, JSON Feed and sitemaps.
///
/// Written out by hand rather than with a `DateFormatter`: the output must not depend on the
/// machine's locale, and these run for every response.
public enum InternetDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Tue, 29 Apr 2025 03:00:00 GMT": whole seconds, always in GMT.
    public static func imfFixdate(_ date: Date) -> String {
        let parts = utcParts(date)
        return "\(weekdays[parts.weekday]), \(two(parts.day)) \(months[parts.month - 1]) \(parts.year) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT"
    }

    /// "2025-04-29T03:00:00Z": whole seconds, UTC.
    public static func rfc3339(_ date: Date) -> String {
        // Four-digit years always: `utcParts` reads the instant within the archive's years.
        let parts = utcParts(date)
        // Digits into a fixed buffer: a sitemap writes one for each of tens of thousands of stories.
        return String(unsafeUninitializedCapacity: 20) { text in
            var end = 0
            func put(_ value: Int, digits: Int, then separator: Unicode.Scalar) {
                var rest = value
                for place in stride(from: end + digits - 1, through: end, by: -1) {
                    text[place] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                text[end + digits] = UInt8(ascii: separator)
                end += digits + 1
            }
            put(parts.year, digits: 4, then: "-")
            put(parts.month, digits: 2, then: "-")
            put(parts.day, digits: 2, then: "T")
            put(parts.hour, digits: 2, then: ":")
            put(parts.minute, digits: 2, then: ":")
            put(parts.second, digits: 2, then: "Z")
            return end
        }
    }

    /// Reads an IMF-fixdate back (what clients send in `If-Modified-Since`); nil for anything else,
    /// which HTTP says to ignore.
    public static func parseIMFFixdate(_ text: String) -> Date? {
        let fields = text.split(separator: " ")
        // Two-digit day and time fields and a four-digit year, as the format fixes them: no number
        // a client sends can overflow the arithmetic below.
        guard text.utf8.count == 29, fields.count == 6, fields[5] == "GMT", fields[1].count == 2,
            fields[3].count == 4, let day = Int(fields[1]), let year = Int(fields[3]),
            let monthIndex = months.firstIndex(of: String(fields[2]))
        else { return nil }
        let time = fields[4].split(separator: ":")
        guard time.count == 3, time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]),
            let minute = Int(time[1]), let second = Int(time[2]), (0...9999).contains(year),
            (1...EditionDate.daysIn(month: monthIndex + 1, year: year)).contains(day), (0..<24).contains(hour),
            (0..<60).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private struct Parts {
        var year, month, day, hour, minute, second, weekday: Int
    }

    private static func utcParts(_ date: Date) -> Parts {
        let seconds = Int(StoredTime.seconds(date))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
        return Parts(
            year: year, month: month, day: day, hour: inDay / 3600, minute: inDay % 3600 / 60, second: inDay % 60,
            weekday: weekday)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
