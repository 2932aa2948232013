import Foundation

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
public enum JSONFeedWriter {
    public static let contentType = "application/feed+json; charset=utf-8"

    public static func write(_ feed: Feed, selfURL: String) throws -> Data {
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
}
