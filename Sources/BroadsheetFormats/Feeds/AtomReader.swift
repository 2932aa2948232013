import Broadsheet
import Foundation

/// Reads Atom feeds (RFC 4287): every `entry` is a story.
///
/// `id` is the identity; `title` the headline and `summary` the summary (text, html or xhtml);
/// `content` the body (text, html or xhtml; out-of-line content is kept as a link; an opening
/// dateline taken out as in the e-paper format); `published`
/// (else `updated`) the time and `updated` the update; `author/name` the credit (the feed's
/// authors when the entry names none); `category` label or term the terms; `link rel="enclosure"`
/// and Media RSS the pictures. `xml:base` is honoured on every level, else the entry's
/// `rel="alternate"` link is the base.
public struct AtomReader: ArticleReader {
    public var publication: Publication { desk.publication }
    private let desk: DraftDesk

    public init(publication: Publication) {
        self.init(publication: publication, receivedAt: Date())
    }

    /// `receivedAt` dates a story that gives no date of its own (`IngestRepair.missingDate`).
    public init(publication: Publication, receivedAt: Date) {
        desk = DraftDesk(
            publication: publication, receivedAt: receivedAt,
            fields: ArticleDraft.FieldNames(

                headline: "the entry's title", uri: "the entry's id", published: "the entry's published or updated",
                body: "the entry's content or summary"))
    }

    /// Each entry as it is read (a feed of any length is never one tree in memory); a problem
    /// further on in the file is reported after the entries before it. A bare `entry` is one story.
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        var results: [Result<ParsedArticle, FormatError>] = []
        let feedIndex = XMLChildIndex()
        let entries = XMLTreeReader.Detaching(["entry"]) { entry, ancestors in
            results.append(desk.article(self.draft(from: entry, in: ancestors.first, index: feedIndex), file: file))
        }
        let root: XMLTreeElement
        do throws(FormatError) {
            root = try XMLTreeReader().root(
                of: data, file: file, oneOf: ["feed", "entry"], format: "an Atom feed", detaching: entries)
        } catch {
            return results + [.failure(error)]
        }
        if root.name == "entry" { return [desk.article(draft(from: root, in: nil, index: feedIndex), file: file)] }
        guard results.isEmpty else { return results }
        return [.failure(FormatError(file: file, line: root.line, message: "the feed has no entries"))]
    }

    /// An entry with what its feed says for all entries: base address, language, authors (the
    /// feed's read through `index`, which reads each of its children once for all the entries).
    private func draft(from entry: XMLTreeElement, in feed: XMLTreeElement?, index: XMLChildIndex) -> ArticleDraft {
        var draft = self.draft(from: entry, base: feed.map { FeedBase(url: nil).entering($0) } ?? FeedBase(url: nil))
        let feedAuthors =
            feed.map { index.children("author", of: $0).compactMap { $0.child("name")?.normalizedText } } ?? []
        if draft.byline == nil, !feedAuthors.isEmpty { draft.byline = feedAuthors.joined(separator: " | ") }
        draft.language = draft.language ?? feed?[attribute: "xml:lang"]
        if draft.dateAbsent, let feed {
            draft.documentDate = index.child("updated", of: feed)?.normalizedText.flatMap {
                InternetDate.timestamp($0, zone: publication.timeZone)
            }
        }
        return draft
    }

    private func draft(from entry: XMLTreeElement, base feedBase: FeedBase) -> ArticleDraft {
        var draft = ArticleDraft(format: "atom", line: entry.line)
        var base = feedBase.entering(entry)
        let links = entry.children("link")
        let alternate = links.first { ($0[attribute: "rel"] ?? "alternate") == "alternate" }
        if entry[attribute: "xml:base"] == nil, let href = base.resolve(alternate?[attribute: "href"]) {
            base = FeedBase(url: URL(string: href) ?? base.url)
        }
        draft.uri = entry.child("id")?.normalizedText
        draft.headline = entry.child("title").map { Self.plainText($0) }
        draft.summary = entry.child("summary").map { Self.plainText($0) }
        let zone = publication.timeZone
        func date(_ name: String) -> Timestamp? {
            entry.child(name)?.normalizedText.flatMap { InternetDate.timestamp($0, zone: zone) }
        }
        draft.published = date("published")
        draft.updated = date("updated")
        draft.dateAbsent = entry.child("published") == nil && entry.child("updated") == nil
        draft.link = base.resolve(alternate?[attribute: "href"])
        let authors = Self.authors(of: entry)
        draft.byline = authors.isEmpty ? nil : authors.joined(separator: " | ")
        draft.terms = entry.children("category").compactMap { $0[attribute: "label"] ?? $0[attribute: "term"] }
        draft.language = entry[attribute: "xml:lang"]
        let policy = HTMLLinkPolicy(baseURL: base.url)
        var media = FeedMedia()
        for link in links where link[attribute: "rel"] == "enclosure" {
            media.add(
                .init(
                    url: base.resolve(link[attribute: "href"]), type: link[attribute: "type"],
                    caption: link[attribute: "title"]),
                links: policy)
        }
        media.addMediaRSS(of: entry, links: policy)
        if let content = entry.child("content") {
            draft.body = body(of: content, base: base.entering(content))
        }
        if draft.body.isEmpty, let summary = entry.child("summary") {
            draft.body = body(of: summary, base: base.entering(summary))
            draft.summary = nil
        }
        draft.dateline = PlainTextBody.dateline(openingFirstParagraphOf: &draft.body)
        if !draft.body.isEmpty { draft.body = media.around(draft.body) }
        return draft
    }

    /// A text construct or content element as blocks, by its `type`.
    private func body(of element: XMLTreeElement, base: FeedBase) -> [BodyBlock] {
        let type = element[attribute: "type"]?.lowercased() ?? "text"
        if let source = element[attribute: "src"], let url = HTMLLinkPolicy(baseURL: base.url).resolve(source) {
            return [.embed(EmbedLink(url: url))]
        }
        switch type {
        case "html", "text/html":
            return HTMLBodyReader(baseURL: base.url).blocks(from: element.text)
        case "xhtml", "application/xhtml+xml":
            return XHTMLBody.blocks(element.child("div") ?? element, baseURL: base.url)
        default:
            return type == "text" || type.hasPrefix("text/") ? PlainTextBody.blocks(from: element.text) : []
        }
    }

    /// A title or summary as one line of text, whatever its type.
    static func plainText(_ element: XMLTreeElement) -> String {
        switch element[attribute: "type"]?.lowercased() {
        case "html"?: HTMLBodyReader.plainText(element.text)
        default: XMLText.normalized(element.text)
        }
    }

    private static func authors(of element: XMLTreeElement) -> [String] {
        element.children("author").compactMap { $0.child("name")?.normalizedText }
    }
}
