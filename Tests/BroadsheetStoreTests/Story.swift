import Broadsheet
import Foundation

/// Synthetic stories for store tests; every field a test does not care about has a plain value.
enum Story {
    static let karachi = TimeZone(identifier: "Asia/Karachi")!

    static func make(
        headline: String = "Harbour bridge reopens after repairs",
        summary: String? = "Traffic returns to the old crossing.",
        body: [String] = ["The bridge reopened on Monday after six months of work."],
        section: String = "National",
        topics: [String] = ["Infrastructure"],
        byline: String? = "Our Staff Reporter",
        date: EditionDate = EditionDate(year: 2025, month: 4, day: 29)!,
        hour: Int = 8,
        updatedHour: Int? = nil
    ) -> ArticleContent {
        let start = date.startOfDay(in: karachi)
        let reader = BylineReader()
        return ArticleContent(
            headline: headline, summary: summary, byline: byline,
            authors: byline.map { reader.authors(in: $0) } ?? [], dateline: Dateline(places: ["KARACHI"]),
            body: body.map(BodyBlock.paragraph), section: Section(name: section), topics: topics.map(Topic.init),
            language: "en", published: Timestamp(start.addingTimeInterval(TimeInterval(hour * 3600))),
            updated: updatedHour.map { Timestamp(start.addingTimeInterval(TimeInterval($0 * 3600))) },
            edition: EditionReference(publication: "The Daily Ledger", date: date),
            source: .epaper(publication: "The Daily Ledger", date: date, headline: headline))
    }
}
