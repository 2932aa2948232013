import Foundation

/// Atom (RFC 4287): an id, a title and an updated time on the feed and on every entry; entries
/// carry their own language when it differs, and the publication stands as author when a story
/// has no credit.
public enum AtomFeedWriter {
    public static let contentType = "application/atom+xml; charset=utf-8"

    public static func write(_ feed: Feed, selfURL: String) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(feed.language))">
            <id>\(x(selfURL))</id>
            <title type="text">\(x(feed.title))</title>
            <subtitle type="text">\(x(feed.description))</subtitle>
            <updated>\(InternetDate.rfc3339(feed.updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(x(selfURL))"/>
            <link rel="alternate" type="text/html" href="\(x(feed.homePageURL))"/>
            <author><name>\(x(feed.publisher))</name></author>
            <generator>Broadsheet</generator>

            """
        for entry in feed.entries {
            let language = entry.language == feed.language ? "" : " xml:lang=\"\(x(entry.language))\""
            xml += "<entry\(language)>\n"
            xml += "<id>\(x(entry.id))</id>\n"
            xml += "<title type=\"text\">\(x(entry.title))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(x(entry.url))\"/>\n"
            xml += "<published>\(InternetDate.rfc3339(entry.published))</published>\n"
            xml += "<updated>\(InternetDate.rfc3339(entry.updated))</updated>\n"
            for author in entry.authors {
                xml += "<author><name>\(x(author.name))</name>"
                if let url = author.url { xml += "<uri>\(x(url))</uri>" }
                xml += "</author>\n"
            }
            for category in entry.categories {
                xml += "<category term=\"\(x(category.term))\" label=\"\(x(category.label))\"/>\n"
            }
            xml += "<summary type=\"text\">\(x(entry.summary))</summary>\n"
            xml += "<content type=\"html\">\(x(entry.contentHTML))</content>\n"
            xml += "</entry>\n"
        }
        return xml + "</feed>\n"
    }

    private static func x(_ text: String) -> String { MarkupText.escapeXML(text) }
}
