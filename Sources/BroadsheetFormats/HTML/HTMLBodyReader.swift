import Broadsheet
import Foundation

/// Turns HTML from any source — wire bodies, feeds, CMS exports, inline HTML in Markdown — into
/// body blocks, keeping the words and nothing that could run.
///
/// It is an allowlist: paragraphs, headings (`h1`–`h6`), quotes, lists, figures with caption and
/// credit, preformatted text and embeds (`iframe`, `embed`, `video`, a paragraph that is one link)
/// become blocks; every other element is flattened into the text around it, so nothing textual is
/// lost. Scripts and styles are dropped with their content; attributes other than addresses and
/// alt text are never read; an image or embed whose address is not http(s) or a plain path is
/// dropped, however its scheme is spelled (`JaVaScRiPt:`, `jav&#x61;script:`, `java\tscript:`).
///
/// ```
/// <p>KARACHI: The <b>ferry</b> sailed.</p><ul><li>One</li><li>Two</li></ul>
/// → [.paragraph("KARACHI: The ferry sailed."), .list(BodyList(ordered: false, items: ["One", "Two"]))]
/// ```
public struct HTMLBodyReader: Sendable {
    /// What relative image and link addresses are resolved against (the feed's or story's URL).
    public let baseURL: URL?

    public init(baseURL: URL? = nil) {
        self.baseURL = baseURL
    }

    /// The blocks of an HTML fragment (or a whole document: its `head` is skipped).
    public func blocks(from html: String) -> [BodyBlock] {
        var builder = HTMLBlockBuilder(links: HTMLLinkPolicy(baseURL: baseURL))
        var tokenizer = HTMLTokenizer(html)
        while let token = tokenizer.next() { builder.take(token) }
        return builder.finish()
    }

    /// HTML that should be one line of text (a headline, a summary, a caption): tags removed,
    /// references decoded, whitespace collapsed, blocks separated by a space.
    ///
    /// Plain text goes through unchanged apart from its whitespace, so it is safe to call on
    /// fields that may or may not hold markup: `Profits < costs` stays as it is.
    public static func plainText(_ html: String) -> String {
        var buffer = HTMLTextBuffer()
        guard html.contains("<") || html.contains("&") else {
            buffer.append(Array(html.utf8)[...], preservingSpace: false)
            return buffer.take() ?? ""
        }
        var tokenizer = HTMLTokenizer(html)
        var dropped = 0
        let space: ArraySlice<UInt8> = [0x20]
        while let token = tokenizer.next() {
            switch token {
            case .text(let text):
                if dropped == 0 { buffer.append(text, preservingSpace: false) }
            case .start(let name, _):
                if name == "head" { dropped += 1 }
                if name == "br" || HTMLElementRole.of(name, classes: [], inFigure: false) != .inline {
                    buffer.append(space, preservingSpace: false)
                }
            case .end(let name):
                if name == "head" { dropped = max(0, dropped - 1) }
                if HTMLElementRole.of(name, classes: [], inFigure: false) != .inline {
                    buffer.append(space, preservingSpace: false)
                }
            }
        }
        return buffer.take() ?? ""
    }
}
