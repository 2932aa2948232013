import Foundation

/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
///
/// Written straight into bytes (`JSONText`), as `JSONEncoder` with sorted keys and unescaped slashes
/// writes the same document: the encoder built a tree of every entry and sorted each object's keys
/// for each of a listing's fifty entries, most of a feed's writing. `JSONFeedWriterTests` holds the
/// two to the same bytes.
public enum JSONFeedWriter {
    public static let contentType = "application/feed+json; charset=utf-8"

    public static func write(_ feed: Feed, selfURL: String) -> Data {
        var json = JSONText(capacity: 4096 + feed.entries.reduce(0) { $0 + $1.contentHTML.utf8.count + 1024 })
        // Members in the order of their keys' sorting, at every level.
        json.object { json in
            json.member("authors") {
                $0.array([feed.publisher]) { json, name in author(name: name, url: feed.homePageURL, into: &json) }
            }
            json.member("description", feed.description)
            json.member("feed_url", selfURL)
            json.member("home_page_url", feed.homePageURL)
            json.member("items") { $0.array(feed.entries, item) }
            json.member("language", feed.language)
            json.member("title", feed.title)
            json.member("version", "https://jsonfeed.org/version/1.1")
        }
        return Data(json.bytes)
    }

    private static func item(_ json: inout JSONText, _ entry: FeedEntry) {
        json.object { json in
            json.member("authors") { $0.array(entry.authors) { author(name: $1.name, url: $1.url, into: &$0) } }
            json.member("content_html", entry.contentHTML)
            json.member("date_modified", InternetDate.rfc3339(entry.updated))
            json.member("date_published", InternetDate.rfc3339(entry.published))
            json.member("id", entry.id)
            json.member("language", entry.language)
            json.member("summary", entry.summary)
            json.member("tags") { $0.array(entry.categories) { $0.string($1.label) } }
            json.member("title", entry.title)
            json.member("url", entry.url)
        }
    }

    private static func author(name: String, url: String?, into json: inout JSONText) {
        json.object { json in
            json.member("name", name)
            if let url { json.member("url", url) }
        }
    }
}
