import Broadsheet
import Foundation

/// Reads JSON Feed 1.1 (and 1.0): each item is an article.
///
/// - `id` is the source URI (format "jsonfeed"); `title` the headline; `summary` the summary;
/// - the body is `content_html` through `HTMLBodyReader`, else `content_text` as paragraphs;
///   an item's `image` (or `banner_image`) leads the body unless the body already shows it;
/// - relative addresses are resolved against the item's `url`, itself resolved against the
///   feed's `home_page_url` (else `feed_url`);
/// - `date_published` is the published time (`date_modified` when it is missing) and
///   `date_modified` the updated one;
/// - `authors` (1.0: `author`), the item's or else the feed's, are the byline; `tags` give the
///   section (the first naming a configured one) and the topics.
///
/// Errors name the item's line and field: `feed.json:14: field 'items[1].title': expected a string, found nothing`.
public struct JSONFeedReader: ArticleReader {
    public let publication: Publication
    private let assembler: StoryAssembler

    public init(publication: Publication) {
        self.publication = publication
        self.assembler = StoryAssembler(publication: publication)
    }

    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        let value: JSONValue
        let bytes: [UInt8]
        switch JSONDocuments.whole(data, file: file, expecting: "a JSON Feed") {
        case .success(let parsed): (value, bytes) = parsed
        case .failure(let error): return [.failure(error)]
        }
        guard let members = value.objectMembers else {
            return [
                .failure(
                    FormatError(file: file, line: 1, message: "expected a JSON Feed (an object), found \(value.kind)"))
            ]
        }
        let feed = JSONFields(members)
        let items: [JSONFields]
        do throws(JSONFieldError) {
            try Self.checkVersion(feed)
            items = try feed.objects("items")
        } catch {
            return [.failure(FormatError(file: file, line: nil, message: error.message))]
        }
        let lines = JSONDocuments.elementLines(ofField: "items", in: bytes)
        return items.enumerated().map { index, item in
            let line = index < lines.count ? lines[index] : 1
            do throws(JSONFieldError) {
                return .success(ParsedArticle(content: try article(item, feed: feed), line: line))
            } catch {
                return .failure(FormatError(file: file, line: line, message: error.message))
            }
        }
    }

    private static func checkVersion(_ feed: JSONFields) throws(JSONFieldError) {
        guard let version = try feed.string("version") else { return }
        guard version.hasPrefix("https://jsonfeed.org/version/") else {
            throw JSONFieldError("field 'version': expected 'https://jsonfeed.org/version/1.1', found '\(version)'")
        }
    }

    private func article(_ item: JSONFields, feed: JSONFields) throws(JSONFieldError) -> ArticleContent {
        let uri = try item.identifier("id")
        guard let uri = uri?.trimmingCharacters(in: .whitespacesAndNewlines), !uri.isEmpty else {
            throw JSONFieldError("field '\(item.path)id': expected a string, found nothing")
        }
        let feedBase = try feed.firstString("home_page_url", "feed_url").flatMap { URL(string: $0) }
        let itemURL = try item.string("url").flatMap { URL(string: $0, relativeTo: feedBase)?.absoluteURL }
        let links = HTMLLinkPolicy(baseURL: itemURL ?? feedBase)
        var body: [BodyBlock]
        if let html = try item.string("content_html") {
            body = HTMLBodyReader(baseURL: itemURL ?? feedBase).blocks(from: html)
        } else if let text = try item.string("content_text") {
            body = PlainTextBody.blocks(from: text)
        } else {
            throw JSONFieldError(
                "field '\(item.path)content_html': expected 'content_html' or 'content_text', found neither")
        }
        if let image = links.resolve(try item.firstString("image", "banner_image")),
            !body.contains(where: { if case .image(let shown) = $0 { shown.url == image } else { false } })
        {
            body.insert(.image(BodyImage(url: image)), at: 0)
        }
        var authors = try Self.authors(item)
        if authors.isEmpty { authors = try Self.authors(feed) }
        let published = try assembler.timestamp(
            try item.firstString("date_published", "date_modified"), field: item.path + "date_published")
        let updated = try item.string("date_modified").map { text throws(JSONFieldError) in
            try assembler.timestamp(text, field: item.path + "date_modified")
        }
        let headline = HTMLBodyReader.plainText(try item.requiredString("title"))
        guard !headline.isEmpty else { throw JSONFieldError("field '\(item.path)title': the title is empty") }
        let summary = try item.string("summary").map(HTMLBodyReader.plainText)
        var language = try item.string("language")
        if language == nil { language = try feed.string("language") }
        let story = StoryFields(
            uri: uri, format: "jsonfeed", headline: headline, summary: summary?.isEmpty == true ? nil : summary,
            body: body, authorNames: authors, terms: try item.names("tags"),
            language: language, published: published, updated: updated)
        return assembler.content(story)
    }

    /// `authors` (1.1) or `author` (1.0): their names.
    private static func authors(_ fields: JSONFields) throws(JSONFieldError) -> [String] {
        var names = try fields.names("authors")
        if names.isEmpty, let author = try fields.object("author"), let name = try author.string("name") {
            names.append(name)
        }
        return names
    }
}
