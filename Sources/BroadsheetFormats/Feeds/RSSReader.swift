import Broadsheet
import Foundation

/// Reads RSS 2.0 feeds (and the RSS 1.0 `rdf:RDF` shape): every `item` is a story.
///
/// `guid` is the story's identity (else its `link`); `content:encoded` its body (else
/// `description`, which is otherwise the summary), a dateline opening it taken out as in the
/// e-paper format; `pubDate` (else `dc:date`) its time and `dcterms:modified` its update;
/// `dc:creator` or `author` its credit; `category` its terms; enclosures and Media RSS its
/// pictures. Relative links are resolved against `xml:base` or the channel's `link`.
public struct RSSReader: ArticleReader {
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

                headline: "the item's title", uri: "the item's guid or link", published: "the item's pubDate",
                body: "content:encoded or description"))
    }

    /// Each item as it is read (a feed of any length is never one tree in memory); a problem
    /// further on in the file is reported after the items before it.
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        var results: [Result<ParsedArticle, FormatError>] = []
        let surroundings = (root: XMLChildIndex(), channel: XMLChildIndex())
        let items = XMLTreeReader.Detaching(["item"]) { item, ancestors in
            results.append(desk.article(self.draft(from: item, in: ancestors, indexes: surroundings), file: file))
        }
        let root: XMLTreeElement
        do throws(FormatError) {
            root = try XMLTreeReader().root(
                of: data, file: file, oneOf: ["rss", "RDF"], format: "an RSS feed", detaching: items)
        } catch {
            return results + [.failure(error)]
        }
        guard results.isEmpty else { return results }
        guard let channel = root.child("channel") else {
            return [.failure(FormatError(file: file, line: root.line, message: "expected a <channel>, found none"))]
        }
        return [.failure(FormatError(file: file, line: channel.line, message: "the feed has no items"))]
    }

    /// An item in its channel: the channel's (or the document's) base address and language.
    /// RSS 2.0 items sit in the channel; RSS 1.0 items beside it. The channel and the root are
    /// looked at through `indexes`, which read each of their children once for all the items.
    func draft(
        from item: XMLTreeElement, in ancestors: [XMLTreeElement],
        indexes: (root: XMLChildIndex, channel: XMLChildIndex) = (XMLChildIndex(), XMLChildIndex())
    ) -> ArticleDraft {
        let root = ancestors.first
        let channel = ancestors.count > 1 ? ancestors[1] : root.flatMap { indexes.root.child("channel", of: $0) }
        let channelLink = channel.flatMap { indexes.channel.child("link", in: .unqualified, of: $0) }?.normalizedText
            .flatMap(URL.init(string:))
        let declared = root.map { FeedBase(url: nil).entering($0) } ?? FeedBase(url: nil)
        var base = FeedBase(url: declared.url ?? channelLink)
        if ancestors.count > 1, let channel { base = base.entering(channel) }
        var draft = self.draft(from: item, base: base.entering(item))
        draft.language =
            draft.language ?? channel.flatMap { indexes.channel.child("language", of: $0) }?.normalizedText
        if draft.dateAbsent, let channel {
            // A channel dates its items when they do not: its pubDate, else its last build.
            let dates = ["pubDate", "lastBuildDate"].lazy.compactMap { indexes.channel.child($0, of: channel) }
            draft.documentDate =
                dates.compactMap(\.normalizedText).compactMap {
                    InternetDate.timestamp($0, zone: self.publication.timeZone)
                }.first
        }
        return draft
    }

    func draft(from item: XMLTreeElement, base: FeedBase) -> ArticleDraft {
        var draft = ArticleDraft(format: "rss", line: item.line)
        let link = base.resolve(item.child("link", in: .unqualified)?.normalizedText)
        draft.uri = Self.guid(item.child("guid"), base: base) ?? link
        draft.headline = item.child("title", in: .unqualified)?.normalizedText.map(HTMLBodyReader.plainText)
        let zone = publication.timeZone
        let date = item.child("pubDate")?.normalizedText ?? item.child("date", in: .dublinCore)?.normalizedText
        draft.published = date.flatMap { InternetDate.timestamp($0, zone: zone) }
        draft.dateAbsent = date == nil && item.child("modified", in: .dublinCoreTerms) == nil
        draft.link = link
        // Broadsheet's own feeds (and others) re-date a corrected story with dcterms:modified.
        draft.updated = item.child("modified", in: .dublinCoreTerms)?.normalizedText.flatMap {
            InternetDate.timestamp($0, zone: zone)
        }
        draft.language = item.child("language", in: .dublinCore)?.normalizedText
        let creators = item.children("creator", in: .dublinCore).compactMap(\.normalizedText)
        draft.byline =
            creators.isEmpty
            ? item.child("author")?.normalizedText.flatMap(Self.name(inAuthor:)) : creators.joined(separator: " | ")
        draft.terms = item.children("category", in: .unqualified).compactMap(\.normalizedText)
        let description = item.child("description", in: .unqualified)?.text
        let encoded = item.child("encoded", in: .content)?.text
        let html = HTMLBodyReader(baseURL: base.url ?? link.flatMap(URL.init(string:)))
        var media = FeedMedia()
        let links = HTMLLinkPolicy(baseURL: html.baseURL)
        for enclosure in item.children("enclosure") {
            media.add(.init(url: enclosure[attribute: "url"], type: enclosure[attribute: "type"]), links: links)
        }
        media.addMediaRSS(of: item, links: links)
        if let encoded, !encoded.allSatisfy(\.isWhitespace) {
            draft.body = html.blocks(from: encoded)
            draft.summary = description.map(HTMLBodyReader.plainText)
        } else if let description {
            draft.body = html.blocks(from: description)
        }
        draft.dateline = PlainTextBody.dateline(openingFirstParagraphOf: &draft.body)
        if !draft.body.isEmpty { draft.body = media.around(draft.body) }
        return draft
    }

    /// The guid as the story's identity: a permalink made absolute, any other string as it is.
    static func guid(_ element: XMLTreeElement?, base: FeedBase) -> String? {
        guard let element, let text = element.normalizedText else { return nil }
        if element[attribute: "isPermaLink"]?.lowercased() == "false" { return text }
        return base.resolve(text)
    }

    /// RSS's `author` is an address, often with the name in brackets: `desk@example.org (Sana Mirza)`.
    /// A bare address names nobody a reader should see, so it gives no byline.
    static func name(inAuthor text: String) -> String? {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            return text.contains("@") ? nil : text
        }
        let name = XMLText.normalized(String(text[text.index(after: open)..<close]))
        return name.isEmpty ? nil : name
    }
}
