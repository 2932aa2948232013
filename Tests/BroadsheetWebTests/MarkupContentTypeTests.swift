import Mustache
import Testing

@testable import BroadsheetWeb

@Suite("Templates escape with our own HTML escaping", .timeLimit(.minutes(10)))
struct MarkupContentTypeTests {
    static let template = #"<p title="{{text}}">{{text}}</p>"#

    /// Pages read as they did under mustache's own escaping: in element content and in
    /// attribute values, beside other scripts.
    @Test(arguments: [
        "Harbour & bridge", #"<script>alert("x")</script>"#, "it's 'quoted'", "کراچی <نیوز> & لاہور", "👩‍👩‍👧 > 3", "",
    ])
    func escapesAsMustacheDid(text: String) throws {
        let ours = try MustacheTemplate(string: MarkupContentType.pragma + Self.template).render(["text": text])
        let mustaches = try MustacheTemplate(string: Self.template).render(["text": text])
        #expect(ours == mustaches)
        #expect(!ours.contains("<script>"))
    }

    /// A quote followed by a combining mark is one `Character`, which mustache's escaping passed
    /// through; ours escapes the quote, so the value cannot end the attribute.
    @Test func escapesAQuoteThatACombiningMarkFollows() throws {
        let text = "\"\u{301} onmouseover=alert(1)"
        let ours = try MustacheTemplate(string: MarkupContentType.pragma + Self.template).render(["text": text])
        #expect(ours.hasPrefix("<p title=\"&quot;\u{301} onmouseover"))
    }
}
