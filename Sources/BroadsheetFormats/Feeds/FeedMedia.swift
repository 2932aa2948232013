import Broadsheet
import Foundation

/// The pictures and other media a feed item attaches outside its body: RSS `enclosure`, Media RSS
/// `media:content` / `media:group` / `media:thumbnail`, Atom `link rel="enclosure"`.
///
/// Pictures become image blocks before the body (unless the body already shows them); other media
/// become embed links after it. Addresses go through the same check as HTML bodies.
struct FeedMedia {
    var images: [BodyImage] = []
    var others: [EmbedLink] = []

    /// A piece of media, before it is known to be a picture.
    struct Attachment {
        var url: String?
        var type: String?
        var medium: String?
        var caption: String?
        var credit: String?
        var alt: String?
    }

    /// Adds an attachment; a thumbnail counts only when nothing better came.
    mutating func add(_ attachment: Attachment, links: HTMLLinkPolicy) {
        guard let url = links.resolve(attachment.url) else { return }
        guard !images.contains(where: { $0.url == url }), !others.contains(where: { $0.url == url }) else { return }
        if Self.isImage(attachment, url: url) {
            images.append(
                BodyImage(url: url, alt: attachment.alt, caption: attachment.caption, credit: attachment.credit))
        } else {
            others.append(EmbedLink(url: url, title: attachment.caption))
        }
    }

    /// The Media RSS elements of an item (or entry): content, groups of content, thumbnails.
    mutating func addMediaRSS(of item: XMLTreeElement, links: HTMLLinkPolicy) {
        let groups = [item] + item.children("group", in: .media)
        for group in groups {
            for content in group.children("content", in: .media) {
                add(Self.attachment(content, inheriting: group), links: links)
            }
        }
        if images.isEmpty {
            for thumbnail in groups.flatMap({ $0.children("thumbnail", in: .media) }) {
                var attachment = Self.attachment(thumbnail, inheriting: item)
                attachment.medium = "image"
                add(attachment, links: links)
            }
        }
    }

    private static func attachment(_ content: XMLTreeElement, inheriting parent: XMLTreeElement) -> Attachment {
        func text(_ name: String) -> String? {
            (content.child(name, in: .media) ?? parent.child(name, in: .media))?.normalizedText.map(
                HTMLBodyReader.plainText)
        }
        return Attachment(
            url: content[attribute: "url"], type: content[attribute: "type"], medium: content[attribute: "medium"],
            caption: text("description") ?? text("title"), credit: text("credit"), alt: text("title"))
    }

    /// The blocks with the media around them: pictures the body does not show first, the rest last.
    func around(_ body: [BodyBlock]) -> [BodyBlock] {
        let shown = Set(
            body.compactMap { block -> String? in
                if case .image(let image) = block { return image.url }
                return nil
            })
        let lead = images.filter { !shown.contains($0.url) }.map(BodyBlock.image)
        return lead + body + others.map(BodyBlock.embed)
    }

    private static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "avif"]

    private static func isImage(_ attachment: Attachment, url: String) -> Bool {
        if let medium = attachment.medium { return medium.lowercased() == "image" }
        if let type = attachment.type { return type.lowercased().hasPrefix("image/") }
        let path = URL(string: url)?.pathExtension.lowercased() ?? ""
        return imageExtensions.contains(path)
    }
}
