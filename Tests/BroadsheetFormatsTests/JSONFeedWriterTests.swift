import Foundation
import Testing

@testable import BroadsheetFormats

/// The JSON feed is written by hand; `JSONEncoder` with sorted keys and unescaped slashes, given
/// the same document, is the reference it must match byte for byte.
@Suite("Writing a JSON feed", .timeLimit(.minutes(10)))
struct JSONFeedWriterTests {
    /// The document as the writer used to encode it.
    private struct Document: Encodable {
        struct Author: Encodable {
            var name: String
            var url: String?
        }

        struct Item: Encodable {
            var id, url, title, contentHTML, summary, datePublished, dateModified: String
            var authors: [Author]
            var tags: [String]
            var language: String

            enum CodingKeys: String, CodingKey {
                case id, url, title, summary, authors, tags, language
                case contentHTML = "content_html"
                case datePublished = "date_published"
                case dateModified = "date_modified"
            }
        }

        var version, title, homePageURL, feedURL, description, language: String
        var authors: [Author]
        var items: [Item]

        enum CodingKeys: String, CodingKey {
            case version, title, description, language, authors, items
            case homePageURL = "home_page_url"
            case feedURL = "feed_url"
        }
    }

    private static func encoded(_ feed: Feed, selfURL: String) throws -> Data {
        let document = Document(
            version: "https://jsonfeed.org/version/1.1", title: feed.title, homePageURL: feed.homePageURL,
            feedURL: selfURL, description: feed.description, language: feed.language,
            authors: [Document.Author(name: feed.publisher, url: feed.homePageURL)],
            items: feed.entries.map { entry in
                Document.Item(
                    id: entry.id, url: entry.url, title: entry.title, contentHTML: entry.contentHTML,
                    summary: entry.summary, datePublished: InternetDate.rfc3339(entry.published),
                    dateModified: InternetDate.rfc3339(entry.updated),
                    authors: entry.authors.map { Document.Author(name: $0.name, url: $0.url) },
                    tags: entry.categories.map(\.label), language: entry.language)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return try encoder.encode(document)
    }

    static func entry(_ id: Int, title: String, body: String, authors: [FeedAuthor], tags: [String]) -> FeedEntry {
        FeedEntry(
            id: "https://harbour.example/news/\(id)", url: "https://harbour.example/news/\(id)/ferry-night-crossing",
            title: title, summary: "The ferry \"Sea Gull\" adds a crossing at 23:00 / 11 pm.", contentHTML: body,
            authors: authors, categories: tags.map { FeedCategory(term: $0.lowercased(), label: $0) },
            language: "en", published: Date(timeIntervalSince1970: 1_795_000_000 + Double(id) * 60),
            updated: Date(timeIntervalSince1970: 1_795_003_600 + Double(id) * 60))
    }

    static let controls = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar($0)! }))

    static let feeds: [Feed] = [
        Feed(
            title: "Metropolitan — The Harbour Times", description: "The latest from the city desk",
            homePageURL: "https://harbour.example/sections/metropolitan", language: "en",
            publisher: "The Harbour Times",
            entries: [
                entry(
                    1, title: "Ferry adds a night crossing",
                    body: "<p>The port said: \"more boats\" \\ <a href=\"/news/2\">see</a></p>\n<p>Tab\there.</p>",
                    authors: [
                        FeedAuthor(name: "Amna Qureshi", url: "https://harbour.example/authors/amna-qureshi"),
                        FeedAuthor(name: "AFP", url: nil, isAgency: true),
                    ], tags: ["Metropolitan", "Transport"]),
                entry(
                    2, title: "Every control: \(controls)", body: "<p>\(controls)</p>", authors: [], tags: []),
                entry(
                    3, title: "کراچی میں بارش", body: "<p dir=\"rtl\">بارش کے بعد\u{2028}سڑکیں 🌧 بند</p>",
                    authors: [FeedAuthor(name: "Bilal Ahmed", url: nil)], tags: ["Weather"]),
            ]),
        Feed(
            title: "An empty feed", description: "", homePageURL: "https://harbour.example/", language: "ur",
            publisher: "The \"Harbour\" Times", entries: []),
    ]

    @Test(arguments: feeds.indices)
    func theFeedIsWhatTheEncoderWrites(index: Int) throws {
        let feed = Self.feeds[index]
        let selfURL = "https://harbour.example/sections/metropolitan/feed.json"
        let written = JSONFeedWriter.write(feed, selfURL: selfURL)
        let reference = try Self.encoded(feed, selfURL: selfURL)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        #expect(written == reference)
    }
}
