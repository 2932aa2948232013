import Broadsheet
import Foundation

/// An article's body as HTML, for the feeds that carry full content: each block its own
/// element, every piece of text escaped, the dateline leading the first paragraph, and only
/// addresses `LinkSafety` allows, made absolute, since a feed is read far from the site.
public enum BodyHTML {
    public static func html(of blocks: [BodyBlock], dateline: Dateline?, baseURL: String) -> String {
        var html = ""
        var datelinePending = dateline != nil
        for block in blocks {
            switch block {
            case .paragraph(let text):
                var lead = ""
                if datelinePending, let dateline {
                    lead = "<strong>\(MarkupText.escape(dateline.place)):</strong> "
                    datelinePending = false
                }
                html += "<p>\(lead)\(MarkupText.escape(text))</p>\n"
            case .heading(let text): html += "<h2>\(MarkupText.escape(text))</h2>\n"
            case .quote(let text): html += "<blockquote><p>\(MarkupText.escape(text))</p></blockquote>\n"
            case .preformatted(let text): html += "<pre>\(MarkupText.escape(text))</pre>\n"
            case .list(let list):
                let tag = list.ordered ? "ol" : "ul"
                html += "<\(tag)>" + list.items.map { "<li>\(MarkupText.escape($0))</li>" }.joined() + "</\(tag)>\n"
            case .image(let image):
                guard let src = absolute(image.url, baseURL: baseURL) else { continue }
                html += "<figure><img src=\"\(MarkupText.escape(src))\" alt=\"\(MarkupText.escape(image.alt ?? ""))\">"
                let caption = [image.caption, image.credit].compactMap { $0 }.filter { !$0.isEmpty }
                if !caption.isEmpty {
                    html += "<figcaption>\(caption.map(MarkupText.escape).joined(separator: " "))</figcaption>"
                }
                html += "</figure>\n"
            case .embed(let embed):
                guard let href = absolute(embed.url, baseURL: baseURL) else { continue }
                html +=
                    "<p><a href=\"\(MarkupText.escape(href))\">\(MarkupText.escape(embed.title ?? embed.url))</a></p>\n"
            }
        }
        return html
    }

    /// The address as an absolute URL, or nil when it is not one a reader may follow.
    public static func absolute(_ url: String, baseURL: String) -> String? {
        guard LinkSafety.allows(url) else { return nil }
        guard let base = URL(string: baseURL + "/"), let resolved = URL(string: url, relativeTo: base) else {
            return nil
        }
        return resolved.absoluteString
    }
}
