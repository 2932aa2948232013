import BroadsheetFormats
import Mustache

/// HTML escaping for every template, by `MarkupText.escape`: the same five characters as
/// mustache's own escaping, replaced alike, but on UTF-8 bytes. Mustache's walks `Character`s
/// through a dictionary, which was the largest share of a page's rendering in a profile.
struct MarkupContentType: MustacheContentType {
    static let name = "BROADSHEET_HTML"

    /// Put before a template's text when it is parsed: a pragma names its type while parsing,
    /// and on the template's first line it keeps the line numbers of any error in it.
    static var pragma: String {
        _ = registration
        return "{{% CONTENT_TYPE: \(name) }}"
    }

    private static let registration: Void = MustacheContentTypes.register(MarkupContentType(), named: name)

    func escapeText(_ text: String) -> String { MarkupText.escape(text) }
}
