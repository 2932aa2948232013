import Broadsheet
import Foundation

/// Reads a Ghost JSON export (`{"db": [{"data": {"posts", "users", "tags", "posts_tags",
/// "posts_authors"}}]}`), for a paper moving its archive from Ghost.
///
/// - each post is identified as `ghost:<uuid>` (else its id); `title` is the headline and
///   `custom_excerpt` (else the meta description) the summary;
/// - the body is `html` through `HTMLBodyReader`, else the `lexical` or `mobiledoc` document,
///   else `plaintext`; the `feature_image` leads it, with its alt text and caption from
///   `posts_meta`; `__GHOST_URL__` becomes a site path;
/// - `posts_authors` (else `author_id`) name the authors, in order; `posts_tags` the tags: the
///   first public one (the primary tag) is the section, the others topics; `#internal` tags
///   are not shown to readers and are left out;
/// - `published_at` (else `created_at`) is the published time, `updated_at` the updated one,
///   in UTC as Ghost keeps them;
/// - `status` `published` publishes; drafts, scheduled posts and pages (`type: page`) come in
///   as drafts, for an editor to look at.
public struct GhostReader: ArticleReader {
    public let publication: Publication
    private let assembler: StoryAssembler

    public init(publication: Publication) {
        self.publication = publication
        self.assembler = StoryAssembler(publication: publication)
    }

    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        let export: GhostExport
        let lines: [Int]
        switch JSONDocuments.whole(data, file: file, expecting: "a Ghost export") {
        case .success(let (value, bytes)):
            lines = JSONDocuments.elementLines(ofFirstField: "posts", in: bytes)
            do throws(JSONFieldError) {
                export = try GhostExport(value)
            } catch {
                return [.failure(FormatError(file: file, line: nil, message: error.message))]
            }
        case .failure(let error):
            return [.failure(error)]
        }
        return export.posts.enumerated().map { index, post in
            let line = index < lines.count ? lines[index] : 1
            do throws(JSONFieldError) {
                return .success(try article(post, in: export, line: line))
            } catch {
                return .failure(FormatError(file: file, line: line, message: error.message))
            }
        }
    }

    private func article(_ post: JSONFields, in export: GhostExport, line: Int) throws(JSONFieldError) -> ParsedArticle
    {
        let id = try post.identifier("id")
        let uuid = try post.string("uuid")
        guard let identity = uuid ?? id else {
            throw JSONFieldError("field '\(post.path)id': expected a string, found nothing")
        }
        let label = try post.string("slug").map { "\(post.path.dropLast()) ('\($0)')" } ?? String(post.path.dropLast())
        let headline = HTMLBodyReader.plainText(try post.string("title") ?? "")
        guard !headline.isEmpty else {
            throw JSONFieldError("\(label): field 'title': expected the headline, found nothing")
        }
        var body = try self.body(post)
        let links = HTMLLinkPolicy(baseURL: nil)
        if let feature = links.resolve(try post.string("feature_image").map(GhostBody.withoutSiteURL)),
            !body.contains(where: { if case .image(let shown) = $0 { shown.url == feature } else { false } })
        {
            let alt = try export.field("feature_image_alt", of: post, id: id)
            let caption = try export.field("feature_image_caption", of: post, id: id).map(HTMLBodyReader.plainText)
            body.insert(.image(BodyImage(url: feature, alt: alt, caption: caption)), at: 0)
        }
        guard !body.isEmpty else {
            throw JSONFieldError(
                "\(label): expected a body in 'html', 'lexical', 'mobiledoc' or 'plaintext', found none")
        }
        let utc = TimeZone.gmt
        var published: Timestamp?
        for key in ["published_at", "created_at"] {
            guard let text = try post.string(key) else { continue }
            guard let timestamp = DateTimeText.timestamp(text, in: utc) else {
                throw JSONFieldError(
                    "\(label): field '\(key)': "
                        + DateTimeText.expectation("a date-time", found: text))
            }
            published = timestamp
            break
        }
        guard let published else {
            throw JSONFieldError("\(label): field 'published_at': expected a date-time, found nothing")
        }
        let updated = try post.string("updated_at").flatMap { DateTimeText.timestamp($0, in: utc) }
        let tags = try export.tags(of: post, id: id)
        let status = try post.string("status") ?? "published"
        let type = try post.string("type")
        let pageFlag = try post.bool("page")
        let isPage = type == "page" || pageFlag == true
        let story = StoryFields(
            uri: "ghost:" + identity, format: "ghost", headline: headline,
            summary: try summary(post, in: export, id: id), body: body,
            authorNames: try export.authors(of: post, id: id), section: tags.first, terms: Array(tags.dropFirst()),
            published: published, updated: updated.flatMap { $0 > published ? $0 : nil })
        return ParsedArticle(
            content: assembler.content(story), line: line,
            status: status == "published" && !isPage ? .published : .draft)
    }

    /// `custom_excerpt`, else the meta description.
    private func summary(_ post: JSONFields, in export: GhostExport, id: String?) throws(JSONFieldError) -> String? {
        var text = try post.string("custom_excerpt")
        if text == nil { text = try export.field("meta_description", of: post, id: id) }
        return text.map(HTMLBodyReader.plainText).flatMap { $0.isEmpty ? nil : $0 }
    }

    private func body(_ post: JSONFields) throws(JSONFieldError) -> [BodyBlock] {
        let reader = GhostBody(links: HTMLLinkPolicy(baseURL: nil))
        if let html = try post.string("html") {
            return HTMLBodyReader().blocks(from: GhostBody.withoutSiteURL(html))
        }
        for (key, read) in [("lexical", reader.lexical), ("mobiledoc", reader.mobiledoc)] {
            guard let text = try post.string(key) else { continue }
            guard let document = try? JSONValue.parse(Array(GhostBody.withoutSiteURL(text).utf8)) else {
                throw JSONFieldError(
                    "field '\(post.path)\(key)': expected a \(key) JSON document, found text that does not parse")
            }
            let blocks = read(document)
            if !blocks.isEmpty { return blocks }
        }
        return try post.string("plaintext").map(PlainTextBody.blocks) ?? []
    }
}
