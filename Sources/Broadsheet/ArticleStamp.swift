import Foundation

/// An article as search engines list it: its address, its headline and language, when it was
/// published and when it last changed. What a sitemap needs, without the copy.
public struct ArticleStamp: Hashable, Sendable {
    public var id: Int64
    public var slug: Slug
    public var headline: String
    public var language: String
    public var published: Date
    /// The copy's own update time or a later correction: `Article.lastModified`.
    public var lastModified: Date

    public init(id: Int64, slug: Slug, headline: String, language: String, published: Date, lastModified: Date) {
        self.id = id
        self.slug = slug
        self.headline = headline
        self.language = language
        self.published = published
        self.lastModified = lastModified
    }
}

/// A month of the calendar, in UTC: how sitemaps divide the archive.
public struct CalendarMonth: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// The month `instant` falls in, in UTC (as the sitemaps count them); nil outside the years
    /// 1 to 9999.
    public init?(containing instant: Date) {
        let parts = Self.utc.dateComponents([.year, .month], from: instant)
        guard let year = parts.year, let month = parts.month else { return nil }
        self.init(year: year, month: month)
    }

    /// The month after; nil after December 9999.
    public var next: CalendarMonth? {
        month == 12 ? CalendarMonth(year: year + 1, month: 1) : CalendarMonth(year: year, month: month + 1)
    }

    /// "2025-04".
    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// The month's first instant and the next month's.
    public var interval: DateInterval {
        let start = Self.utc.date(from: DateComponents(year: year, month: month, day: 1))!
        let end = Self.utc.date(byAdding: .month, value: 1, to: start)!
        return DateInterval(start: start, end: end)
    }

    /// Made once: the sitemap index asks for a month of each corrected story and each month walked.
    private static let utc = Calendar.gregorian(in: TimeZone(identifier: "UTC")!)

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

/// A month of published articles: one monthly sitemap, or several when the month holds more
/// than one sitemap may list.
public struct ArchiveMonth: Hashable, Sendable {
    public var month: CalendarMonth
    public var articleCount: Int
    /// The newest change to any article of the month.
    public var lastModified: Date

    public init(month: CalendarMonth, articleCount: Int, lastModified: Date) {
        self.month = month
        self.articleCount = articleCount
        self.lastModified = lastModified
    }
}
