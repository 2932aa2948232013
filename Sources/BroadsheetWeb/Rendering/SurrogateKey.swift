import Broadsheet
import Foundation

/// The names a CDN purge targets, one per thing a page shows: purge `section-world` and every
/// page listing the World desk goes. Non-ASCII slugs are percent-encoded, as header values must
/// stay ASCII.
enum SurrogateKey {
    static let site = "site"
    static let front = "front"
    static let archive = "archive"
    static let feeds = "feeds"
    static let sitemaps = "sitemaps"
    static let search = "search"
    static let articles = "articles"

    static func article(_ id: Int64) -> String { "article-\(id)" }
    static func section(_ slug: Slug) -> String { "section-" + ascii(slug) }
    static func topic(_ slug: Slug) -> String { "topic-" + ascii(slug) }
    static func author(_ slug: Slug) -> String { "author-" + ascii(slug) }
    static func edition(_ date: EditionDate) -> String { "edition-\(date.iso)" }

    /// Every key an article's page depends on: itself, its desk, its topics, its authors, its edition.
    static func keys(of article: Article) -> [String] {
        let content = article.content
        return [Self.article(article.id), section(content.section.slug), edition(content.edition.date)]
            + content.topics.map { topic($0.slug) } + content.authors.map { author($0.slug) }
    }

    private static let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-")

    private static func ascii(_ slug: Slug) -> String {
        // Most slugs need no encoding, and Foundation's bridges to NSString to find that out.
        let isPlain = slug.rawValue.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
        return isPlain
            ? slug.rawValue : slug.rawValue.addingPercentEncoding(withAllowedCharacters: plain) ?? slug.rawValue
    }
}
