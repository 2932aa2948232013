import Broadsheet
import Foundation

/// Reads a WordPress export (WXR: RSS 2.0 with the `wp:` namespace), for papers moving to us.
///
/// Only posts are stories (pages, attachments and menu items are skipped). `wp:status` publish
/// files as published, trash is skipped, every other status (draft, pending, future, private) as
/// a draft. `dc:creator` is a login, shown as the author's display name from the `wp:author`
/// list; a category (`domain="category"`) is the section, tags (`domain="post_tag"`) are topics;
/// `wp:post_date_gmt` the publication time (a draft's is zero: then `wp:post_date`, in the
/// publication's zone), `wp:post_modified_gmt` the update; `content:encoded` the body, with
/// WordPress's blank-line paragraphs, and the featured image (an attachment) before it;
/// `excerpt:encoded` the summary; `guid` the identity.
public struct WXRReader: ArticleReader {
    public var publication: Publication { desk.publication }
    private let desk: DraftDesk

    public init(publication: Publication) {
        desk = DraftDesk(
            publication: publication,
            fields: ArticleDraft.FieldNames(

                headline: "the post's title", uri: "the post's guid", published: "wp:post_date_gmt or wp:post_date",
                body: "content:encoded"))
    }

    /// Each post as it is read (an export of any size is never one tree in memory); a problem
    /// further on in the file is reported after the posts before it. A post's featured image
    /// (`_thumbnail_id`) is an attachment that may come later in the file, so posts are finished
    /// at the end, with their pictures.
    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        var posts: [(draft: ArticleDraft, thumbnail: String?)] = []
        var attachments: [String: BodyImage] = [:]
        // The site's authors, link and language come before the items: read once, at the first.
        var site: (names: [String: String], base: FeedBase, language: String?)?
        let items = XMLTreeReader.Detaching(["item"]) { item, ancestors in
            let channel = ancestors.count > 1 ? ancestors[1] : nil
            let known = site ?? Self.site(channel)
            site = known
            if let (id, image) = Self.attachment(item, base: known.base) { attachments[id] = image }
            guard Self.isPost(item) else { return }
            var draft = self.draft(from: item, base: known.base, authorNames: known.names)
            draft.language = known.language
            posts.append((draft, Self.meta("_thumbnail_id", of: item)))
        }
        func finished() -> [Result<ParsedArticle, FormatError>] {
            posts.map { post in
                var draft = post.draft
                if let image = post.thumbnail.flatMap({ attachments[$0] }),
                    !draft.body.contains(where: {
                        if case .image(let shown) = $0 { shown.url == image.url } else { false }
                    }),
                    !draft.body.isEmpty
                {
                    draft.body.insert(.image(image), at: 0)
                }
                return desk.article(draft, file: file)
            }
        }
        let root: XMLTreeElement
        do throws(FormatError) {
            root = try XMLTreeReader().root(
                of: data, file: file, oneOf: ["rss"], format: "a WordPress export", detaching: items)
        } catch {
            return finished() + [.failure(error)]
        }
        guard posts.isEmpty else { return finished() }
        guard let channel = root.child("channel") else {
            return [.failure(FormatError(file: file, line: root.line, message: "expected a <channel>, found none"))]
        }
        return [.failure(FormatError(file: file, line: channel.line, message: "the export holds no posts"))]
    }

    /// An attachment's id and picture: its address, its alt text and its caption (the excerpt).
    private static func attachment(_ item: XMLTreeElement, base: FeedBase) -> (String, BodyImage)? {
        guard item.child("post_type", in: .wordPress)?.normalizedText == "attachment",
            let id = item.child("post_id", in: .wordPress)?.normalizedText,
            let url = HTMLLinkPolicy(baseURL: base.url).resolve(
                item.child("attachment_url", in: .wordPress)?.normalizedText)
        else { return nil }
        let caption = item.child("encoded", in: .wordPressExcerpt).map { HTMLBodyReader.plainText($0.text) }
        return (
            id,
            BodyImage(
                url: url, alt: meta("_wp_attachment_image_alt", of: item),
                caption: caption.flatMap { $0.isEmpty ? nil : $0 })
        )
    }

    /// A `wp:postmeta` value by its key.
    private static func meta(_ key: String, of item: XMLTreeElement) -> String? {
        for meta in item.children("postmeta", in: .wordPress)
        where meta.child("meta_key", in: .wordPress)?.normalizedText == key {
            return meta.child("meta_value", in: .wordPress)?.normalizedText
        }
        return nil
    }

    /// Posts are stories; pages, attachments, menu items and the trash are not.
    private static func isPost(_ item: XMLTreeElement) -> Bool {
        (item.child("post_type", in: .wordPress)?.normalizedText ?? "post") == "post"
            && item.child("status", in: .wordPress)?.normalizedText != "trash"
    }

    /// The display name of each login, the site's address and its language.
    private static func site(_ channel: XMLTreeElement?) -> (names: [String: String], base: FeedBase, language: String?)
    {
        var names: [String: String] = [:]
        for author in channel?.children("author", in: .wordPress) ?? [] {
            guard let login = author.child("author_login", in: .wordPress)?.normalizedText else { continue }
            names[login] = author.child("author_display_name", in: .wordPress)?.normalizedText ?? login
        }
        let link = channel?.child("link", in: .unqualified)?.normalizedText.flatMap(URL.init(string:))
        return (names, FeedBase(url: link), channel?.child("language")?.normalizedText)
    }

    private func draft(from post: XMLTreeElement, base: FeedBase, authorNames: [String: String]) -> ArticleDraft {
        var draft = ArticleDraft(format: "wxr", line: post.line)
        func wp(_ name: String) -> String? { post.child(name, in: .wordPress)?.normalizedText }
        draft.uri = post.child("guid")?.normalizedText ?? wp("post_id").map { "wordpress:post/\($0)" }
        draft.headline = post.child("title", in: .unqualified)?.normalizedText.map(HTMLBodyReader.plainText)
        draft.status = wp("status") == "publish" ? .published : .draft
        let utc = TimeZone.gmt
        func date(_ gmt: String, local: String) -> Timestamp? {
            if let text = wp(gmt), !text.hasPrefix("0000"), let stamp = InternetDate.timestamp(text, zone: utc) {
                return stamp
            }
            return wp(local).flatMap { InternetDate.timestamp($0, zone: publication.timeZone) }
        }
        draft.published = date("post_date_gmt", local: "post_date")
        draft.updated = date("post_modified_gmt", local: "post_modified").flatMap {
            $0 > (draft.published ?? $0) ? $0 : nil
        }
        let creators = post.children("creator", in: .dublinCore).compactMap(\.normalizedText)
        let names = creators.map { authorNames[$0] ?? $0 }
        draft.byline = names.isEmpty ? nil : names.joined(separator: " | ")
        let categories = post.children("category", in: .unqualified)
        draft.section = categories.first { $0[attribute: "domain"] == "category" }?.normalizedText
        draft.terms =
            categories.filter { $0[attribute: "domain"] == "post_tag" }.compactMap(\.normalizedText)
        let link = base.resolve(post.child("link", in: .unqualified)?.normalizedText)
        let html = HTMLBodyReader(baseURL: link.flatMap(URL.init(string:)) ?? base.url)
        if let content = post.child("encoded", in: .content)?.text {
            draft.body = html.blocks(from: WordPressParagraphs.marked(content))
            draft.dateline = PlainTextBody.dateline(openingFirstParagraphOf: &draft.body)
        }
        draft.summary = post.child("encoded", in: .wordPressExcerpt).map { HTMLBodyReader.plainText($0.text) }
        return draft
    }
}
