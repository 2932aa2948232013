import Foundation

/// The sitemap protocol (sitemaps.org, 0.9) and Google's News extension.
///
/// A sitemap lists at most 50,000 addresses and weighs at most 50 MB; the callers split the
/// archive by month (and a busy month into parts) so neither limit is reached.
public enum SitemapWriter {
    public static let contentType = "application/xml; charset=utf-8"
    public static let maximumURLs = 50_000

    /// One address with its last change.
    public struct Location: Hashable, Sendable {
        public var url: String
        public var lastModified: Date?

        public init(url: String, lastModified: Date?) {
            self.url = url
            self.lastModified = lastModified
        }
    }

    /// A story for Google News: published in the last two days.
    public struct NewsLocation: Hashable, Sendable {
        public var url: String
        public var title: String
        public var language: String
        public var published: Date

        public init(url: String, title: String, language: String, published: Date) {
            self.url = url
            self.title = title
            self.language = language
            self.published = published
        }
    }

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    /// `<sitemapindex>`: the sitemaps themselves.
    public static func index(_ sitemaps: [Location]) -> String {
        list(sitemaps, in: "sitemapindex", each: "sitemap")
    }

    /// `<urlset>`: pages.
    public static func urlset(_ locations: [Location]) -> String {
        list(locations, in: "urlset", each: "url")
    }

    /// Each location's fields appended in place, without a string of their own: a month's
    /// sitemap lists tens of thousands.
    private static func list(_ locations: [Location], in root: String, each element: String) -> String {
        var xml = header + "<\(root) xmlns=\"\(namespace)\">\n"
        xml.reserveCapacity(xml.utf8.count + locations.count * 128)
        for location in locations.prefix(maximumURLs) {
            xml += "<"
            xml += element
            xml += "><loc>"
            xml += MarkupText.escapeXML(location.url)
            xml += "</loc>"
            if let date = location.lastModified {
                xml += "<lastmod>"
                xml += InternetDate.rfc3339(date)
                xml += "</lastmod>"
            }
            xml += "</"
            xml += element
            xml += ">\n"
        }
        return xml + "</\(root)>\n"
    }

    /// A Google News sitemap: `<urlset>` with a `<news:news>` in every `<url>`.
    public static func news(_ stories: [NewsLocation], publication: String, language: String) -> String {
        var xml =
            header
            + "<urlset xmlns=\"\(namespace)\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
        let name = MarkupText.escapeXML(publication)
        for story in stories.prefix(1000) {
            xml += "<url><loc>\(MarkupText.escapeXML(story.url))</loc><news:news><news:publication>"
            xml += "<news:name>\(name)</news:name><news:language>\(MarkupText.escapeXML(newsLanguage(story.language)))"
            xml += "</news:language></news:publication>"
            xml += "<news:publication_date>\(InternetDate.rfc3339(story.published))</news:publication_date>"
            xml += "<news:title>\(MarkupText.escapeXML(story.title))</news:title></news:news></url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// Google News takes ISO 639 codes, with zh-cn and zh-tw the only regional ones.
    private static func newsLanguage(_ tag: String) -> String {
        let lower = tag.lowercased()
        if lower.hasPrefix("zh-") { return lower.contains("tw") || lower.contains("hant") ? "zh-tw" : "zh-cn" }
        return String(lower.prefix { $0 != "-" && $0 != "_" })
    }
}
