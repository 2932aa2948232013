import Broadsheet

/// Writes body blocks as the HTML `HTMLBodyReader` reads back to the same blocks: what the
/// formats that carry an HTML body (ninjs, feeds) are given.
///
/// Every piece of text is escaped; only our own tags are written. Addresses that `LinkSafety`
/// does not allow are left out, with the words that went with them kept.
public enum HTMLBodyWriter {
    public static func html(_ blocks: [BodyBlock]) -> String {
        blocks.map(html).joined(separator: "\n")
    }

    public static func html(_ block: BodyBlock) -> String {
        markup(block, voidEnd: ">", picture: { LinkSafety.allows($0.url) ? $0.url : nil })
    }

    /// The blocks as XHTML (void elements closed, as XML needs), for EPUB: `picture` gives the
    /// address of a picture within the book, or nil for one the book does not hold, which keeps
    /// its caption and credit.
    public static func xhtml(_ blocks: [BodyBlock], picture: (BodyImage) -> String?) -> String {
        blocks.map { markup($0, voidEnd: "/>", picture: picture) }.joined(separator: "\n")
    }

    private static func markup(_ block: BodyBlock, voidEnd: String, picture: (BodyImage) -> String?) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>" + lines(text, voidEnd) + "</p>"
        case .heading(let text):
            return "<h2>" + lines(text, voidEnd) + "</h2>"
        case .quote(let text):
            let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: true)
            return "<blockquote>" + paragraphs.map { "<p>" + escape(String($0)) + "</p>" }.joined() + "</blockquote>"
        case .list(let list):
            let tag = list.ordered ? "ol" : "ul"
            return "<\(tag)>" + list.items.map { "<li>" + escape($0) + "</li>" }.joined() + "</\(tag)>"
        case .image(let image):
            var figure = "<figure>"
            if let source = picture(image) {
                figure +=
                    "<img src=\"\(escape(source))\"" + (image.alt.map { " alt=\"\(escape($0))\"" } ?? "") + voidEnd
            }
            if image.caption != nil || image.credit != nil {
                figure += "<figcaption>" + (image.caption.map(escape) ?? "")
                if let credit = image.credit {
                    figure +=
                        (image.caption == nil ? "" : " ") + "<small class=\"credit\">" + escape(credit) + "</small>"
                }
                figure += "</figcaption>"
            }
            return figure + "</figure>"
        case .preformatted(let text):
            return "<pre>" + escape(text) + "</pre>"
        case .embed(let embed):
            guard LinkSafety.allows(embed.url) else { return "<p>" + escape(embed.title ?? embed.url) + "</p>" }
            return "<p><a href=\"\(escape(embed.url))\">" + (embed.title.map(escape) ?? "") + "</a></p>"
        }
    }

    /// Text with its line breaks as `<br>`. Most paragraphs hold none, and splitting by
    /// `Character` (which keeps "\r\n" whole, as this must) costs grapheme breaking on every one.
    private static func lines(_ text: String, _ voidEnd: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\n")) else { return escape(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(
            separator: "<br" + voidEnd)
    }

    /// `&`, `<`, `>`, and both quotes as references: safe in text and in attribute values.
    public static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
