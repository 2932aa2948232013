import Broadsheet
import Foundation

/// An XHTML body (NewsML-G2 inlineXML, Atom xhtml content) as body blocks.
///
/// The parsed elements are written back out as markup and read by `HTMLBodyReader`, so every
/// HTML body, whatever format carried it, goes through the one allowlist sanitiser.
enum XHTMLBody {
    static func blocks(_ element: XMLTreeElement, baseURL: URL?) -> [BodyBlock] {
        var html = ""
        for child in element.children { XHTMLWriter.write(child, to: &html) }
        return HTMLBodyReader(baseURL: baseURL).blocks(from: html)
    }
}

/// Writes parsed XML back as markup, escaping text and attribute values the one way we escape all markup.
enum XHTMLWriter {
    static func write(_ node: XMLTreeNode, to html: inout String) {
        switch node {
        case .text(let text):
            html += MarkupText.escape(text)
        case .element(let element):
            html += "<" + element.name
            for (name, value) in element.attributes.sorted(by: { $0.key < $1.key }) {
                html += " " + name + "=\"" + MarkupText.escape(value) + "\""
            }
            html += ">"
            if voidElements.contains(element.name) { return }
            for child in element.children { write(child, to: &html) }
            html += "</" + element.name + ">"
        }
    }

    /// Elements HTML writes with no end tag (`<br>`, `<img>`).
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
}
