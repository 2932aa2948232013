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
    /// Every address taken, so an item of many attachments is not searched once per attachment.
    private var taken: Set<String> = []

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
        guard let url = links.resolve(attachment.url), taken.insert(url).inserted else { return }
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
        let itemTexts = Texts(item)
        for (position, group) in groups.enumerated() {
            let groupTexts = position == 0 ? itemTexts : Texts(group)
            for content in group.children("content", in: .media) {
                add(Self.attachment(content, inheriting: groupTexts), links: links)
            }
        }
        if images.isEmpty {
            for thumbnail in groups.flatMap({ $0.children("thumbnail", in: .media) }) {
                var attachment = Self.attachment(thumbnail, inheriting: itemTexts)
                attachment.medium = "image"
                add(attachment, links: links)
            }
        }
    }

    /// The Media RSS texts an element gives the media inside it, read once for all of them.
    private struct Texts {
        var description, title, credit: String?

        init(_ element: XMLTreeElement) {
            func text(_ name: String) -> String? {
                element.child(name, in: .media)?.normalizedText.map(HTMLBodyReader.plainText)
            }
            description = text("description")
            title = text("title")
            credit = text("credit")
        }
    }

    private static func attachment(_ content: XMLTreeElement, inheriting parent: Texts) -> Attachment {
        let own = Texts(content)
        let title = own.title ?? parent.title
        return Attachment(
            url: content[attribute: "url"], type: content[attribute: "type"], medium: content[attribute: "medium"],
            caption: own.description ?? parent.description ?? title, credit: own.credit ?? parent.credit, alt: title)
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
