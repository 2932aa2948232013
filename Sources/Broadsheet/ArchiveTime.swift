import Foundation

/// The stretch of time an archive can hold: years 1000 to 9999, whatever the zone.
///
/// Outside it a day can fall in year 10000 in the paper's zone, dates in URLs and JSON stop being
/// `yyyy-mm-dd`, and the platform's calendar arithmetic stops being exact. So every instant that comes
/// from outside (a feed's date, an API's `published_at`, a cursor) is checked against it where it
/// enters, and `ArticleContent.validate` refuses content that holds one outside it before any store
/// sees it. The bounds keep a day's margin, so an instant inside is in years 1000–9999 in every zone.
public enum ArchiveTime {
    public static let firstYear = 1000
    public static let lastYear = 9999

    /// 1000-01-02T00:00:00Z.
    public static let earliest = utcDay(year: firstYear, month: 1, day: 2, orSeconds: -30_609_619_200)
    /// 9999-12-30T23:59:59Z.
    public static let latest = utcDay(year: lastYear, month: 12, day: 30, orSeconds: 253_402_128_000)
        .addingTimeInterval(86_399)

    /// Whether `instant` is one the archive can hold; false for NaN and infinite ones too.
    public static func contains(_ instant: Date) -> Bool {
        // Compared as numbers: Date's `>=` is `!(<)`, which a NaN instant passes.
        let seconds = instant.timeIntervalSince1970
        return seconds >= earliest.timeIntervalSince1970 && seconds <= latest.timeIntervalSince1970
    }

    /// `instant`, or an error that names `field` and says what was expected.
    public static func check(_ instant: Date, field: String) throws(TimeOutOfRange) -> Date {
        guard contains(instant) else { throw TimeOutOfRange(field: field, instant: instant) }
        return instant
    }

    /// The first instant of a day in UTC; `seconds` only if the platform's calendar cannot say.
    private static func utcDay(year: Int, month: Int, day: Int, orSeconds seconds: Int64) -> Date {
        let components = DateComponents(year: year, month: month, day: day)
        return Calendar.gregorian(in: .gmt).date(from: components)
            ?? Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// An instant outside `ArchiveTime`, and which field held it.
public struct TimeOutOfRange: Error, Hashable, Sendable, CustomStringConvertible {
    public let field: String
    public let instant: Date

    public init(field: String, instant: Date) {
        self.field = field
        self.instant = instant
    }

    public var description: String {
        "\(field): \(Self.text(instant)) is outside the years \(ArchiveTime.firstYear) to \(ArchiveTime.lastYear)"
            + " that an archive holds"
    }

    private static func text(_ instant: Date) -> String {
        guard instant.timeIntervalSince1970.isFinite else { return "an unreadable time" }
        let seconds = instant.timeIntervalSince1970
        guard abs(seconds) < 1e15 else { return "a time \(seconds < 0 ? "before" : "after") any calendar" }
        return instant.formatted(.iso8601)
    }
}
