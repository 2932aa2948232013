import Broadsheet
import BroadsheetFormats

/// The few places we write HTML ourselves instead of letting mustache escape: text is escaped
/// first, then our own tags are added around it.
enum HTMLText {
    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// A snippet as HTML: its text escaped, its matches in `<mark>`.
    static func highlighted(_ snippet: Snippet) -> String {
        snippet.parts.map { part in
            switch part {
            case .text(let text): escape(text)
            case .match(let text): "<mark>" + escape(text) + "</mark>"
            }
        }.joined()
    }
}
