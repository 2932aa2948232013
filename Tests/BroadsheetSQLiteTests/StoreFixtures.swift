import Broadsheet
import Foundation

@testable import BroadsheetSQLite

/// A fresh store in a temporary folder, closed and removed when the test lets go of it.
final class TemporaryStore {
    let store: SQLiteStore
    let folder: URL

    init(searchBounds: SearchBounds = SearchBounds()) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("test.sqlite").path, searchBounds: searchBounds)
        try await store.migrate()
    }

    deinit {
        try? store.database.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

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
