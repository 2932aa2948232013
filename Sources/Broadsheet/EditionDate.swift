import Foundation

/// A calendar day of a paper, with no time and no zone: the date printed on the masthead.
///
/// Kept apart from `Date` because an edition is "April 29" wherever the reader is; turning it into
/// an instant needs the publication's time zone, and only `Publication` knows that.
public struct EditionDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Builds a date, or nil when the day does not exist (February 30) or lies outside
    /// `ArchiveTime`'s years.
    public init?(year: Int, month: Int, day: Int) {
        guard (ArchiveTime.firstYear...ArchiveTime.lastYear).contains(year), (1...12).contains(month),
            (1...31).contains(day),
            day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `yyyy-mm-dd`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day on which `instant` falls in `timeZone`.
    ///
    /// An instant outside `ArchiveTime` gives its first or last day, so a date always keeps to the
    /// archive's years; content holding such an instant is refused by `ArticleContent.validate`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        guard ArchiveTime.contains(instant) else {
            self = instant.timeIntervalSince1970 > ArchiveTime.latest.timeIntervalSince1970 ? .last : .first
            return
        }
        let parts = Calendar.gregorian(in: timeZone).dateComponents([.year, .month, .day], from: instant)
        self = EditionDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) ?? .first
    }

    /// The archive's first and last days.
    public static let first = EditionDate(checkedYear: ArchiveTime.firstYear, month: 1, day: 1)
    public static let last = EditionDate(checkedYear: ArchiveTime.lastYear, month: 12, day: 31)

    private init(checkedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `yyyy-mm-dd`, as used in URLs and JSON.
    public var iso: String {
        // Digit by digit: `String(format:)` was a sixtieth of a static export, which asks for it
        // for every story's edition. `ArchiveTime` keeps the year to four digits.
        String(unsafeUninitializedCapacity: 10) { bytes in
            func put(_ value: Int, endingAt end: Int, width: Int) {
                var rest = value
                for index in stride(from: end - 1, through: end - width, by: -1) {
                    bytes[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                    rest /= 10
                }
            }
            put(year, endingAt: 4, width: 4)
            bytes[4] = UInt8(ascii: "-")
            put(month, endingAt: 7, width: 2)
            bytes[7] = UInt8(ascii: "-")
            put(day, endingAt: 10, width: 2)
            return 10
        }
    }

    public var description: String { iso }

    /// "April 29, 2025", as printed on the masthead.
    public var printed: String {
        "\(Self.monthNames[month - 1]) \(day), \(year)"
    }

    /// "April 29th, 2025", as printed in a print line.
    public var printedWithOrdinal: String {
        "\(Self.monthNames[month - 1]) \(day)\(Self.ordinalSuffix(day)), \(year)"
    }

    /// The first instant of this day in `timeZone`.
    public func startOfDay(in timeZone: TimeZone) -> Date {
        let components = DateComponents(year: year, month: month, day: day)
        return Calendar.gregorian(in: timeZone).date(from: components)
            ?? Date(timeIntervalSince1970: TimeInterval(daysSince1970) * 86_400)
    }

    /// The day `days` later (earlier when negative), kept within the archive's first and last days.
    public func adding(days: Int) -> EditionDate {
        let days = max(-4_000_000, min(days, 4_000_000))
        return EditionDate(startOfDay(in: .gmt).addingTimeInterval(TimeInterval(days) * 86_400), in: .gmt)
    }

    /// Monday = 1 … Sunday = 7, for laying out a calendar.
    public var weekdayFromMonday: Int {
        let sundayFirst = Calendar.gregorian(in: .gmt).component(.weekday, from: startOfDay(in: .gmt))
        return sundayFirst == 1 ? 7 : sundayFirst - 1
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar: what `startOfDay` falls back on.
    private var daysSince1970: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: EditionDate, rhs: EditionDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = EditionDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date as yyyy-mm-dd, found '\(text)'")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func ordinalSuffix(_ day: Int) -> String {
        if (11...13).contains(day % 100) { return "th" }
        switch day % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }
}

extension Calendar {
    /// A Gregorian calendar fixed to one zone: every date calculation in Broadsheet goes through one.
    public static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }
}
