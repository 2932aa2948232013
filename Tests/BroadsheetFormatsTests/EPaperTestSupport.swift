import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Shared setup for the e-paper text format tests: a fictional paper, fixtures and small helpers.
enum EPaper {
    static let karachi = TimeZone(identifier: "Asia/Karachi")!
    static let utcZone = TimeZone(identifier: "UTC")!

    /// A fictional paper in Karachi that has added its country and city as sections.
    static let publication = Publication(
        name: "The Harbour Times", baseURL: "https://harbour.example", timeZone: karachi,
        sections: Publication.defaultSections + ["Karachi", "Pakistan"])

    /// The same paper on UTC, for tests where the zone is not the point.
    static let utc = Publication(name: "The Harbour Times", timeZone: utcZone)

    static let fixtureNames = [
        "staff-colon-dateline", "wire-two-agencies", "person-two-places", "no-credit", "supplement", "urdu",
        "several-articles", "one-bad-among-good", "body-only", "furniture",
    ]

    /// The text of `Fixtures/epaper/<name>.txt`.
    static func fixture(_ name: String) throws -> String {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try String(contentsOf: folder.appending(path: "epaper/\(name).txt"), encoding: .utf8)
    }

    static func parse(
        _ text: String, publication: Publication = publication, headline: String? = nil, file: String = "copy.txt"
    ) -> [Result<ParsedArticle, FormatError>] {
        EPaperTextParser(publication: publication, suppliedHeadline: headline).parse(text, file: file)
    }

    /// The one article `text` holds; fails the test with the parser's error otherwise.
    static func article(
        _ text: String, publication: Publication = publication, headline: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ArticleContent {
        let results = parse(text, publication: publication, headline: headline)
        try #require(results.count == 1, "expected one article, found \(results.count)", sourceLocation: sourceLocation)
        return try results[0].get().content
    }

    /// The one error `text` gives.
    static func error(
        _ text: String, publication: Publication = publication, headline: String? = nil, file: String = "copy.txt",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> FormatError {
        let results = parse(text, publication: publication, headline: headline, file: file)
        try #require(results.count == 1, "expected one result, found \(results.count)", sourceLocation: sourceLocation)
        guard case .failure(let error) = results[0] else {
            Issue.record("expected an error, parsed \(results[0])", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return error
    }

    /// The articles of a parse, or the first error.
    static func articles(_ results: [Result<ParsedArticle, FormatError>]) throws -> [ArticleContent] {
        try results.map { try $0.get().content }
    }

    /// An instant written as RFC 3339 UTC ("2025-04-29T05:32:00Z").
    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> EditionDate {
        EditionDate(year: year, month: month, day: day)!
    }

    /// A copy with a minimal header and body around the lines that matter to a test.
    static func copy(
        edition: String? = "E-Paper | April 29, 2025",
        header: [String] = ["A headline", "Reuters Published April 29, 2025"],
        body: [String] = ["The tide came in on time."], tail: [String] = []
    ) -> String {
        var lines: [String] = []
        if let edition { lines.append(edition) }
        lines += header + [""] + body.flatMap { [$0, ""] } + tail
        return lines.joined(separator: "\n") + "\n"
    }

    /// Content as the parser would build it for `publication`, for round trips of hand-built articles.
    static func content(
        headline: String, summary: String? = nil, byline: String? = nil, dateline: Dateline? = nil,
        paragraphs: [String], section: String = "World", topics: [String] = [], published: Timestamp,
        updated: Timestamp? = nil, edition: EditionDate, paperName: String = "The Harbour Times",
        supplement: String? = nil, language: String = "en", publication: Publication = publication
    ) -> ArticleContent {
        ArticleContent(
            headline: headline, summary: summary, byline: byline,
            authors: byline.map { publication.bylineReader.authors(in: $0) } ?? [], dateline: dateline,
            body: paragraphs.map(BodyBlock.paragraph), section: Section(name: section),
            topics: topics.map { Topic(name: $0) },
            language: language, published: published, updated: updated,
            edition: EditionReference(publication: paperName, date: edition, supplement: supplement),
            source: .epaper(publication: paperName, date: edition, headline: headline))
    }

    /// Writes `content` and reads it back.
    static func roundTrip(_ content: ArticleContent, publication: Publication = publication) throws -> ArticleContent {
        let text = EPaperTextWriter(publication: publication).write(content)
        return try article(text, publication: publication)
    }
}
