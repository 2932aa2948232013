import Broadsheet
@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// The HTML reader does work in step with its input, however the input is built.
@Suite(.timeLimit(.minutes(10)))
struct HTMLLinearWorkTests {
    static let cases: [LinearWorkCase] = [
        .init("nested elements") { "<div>".times($0) + "words" + "</div>".times($0) },
        .init("paragraphs of one quote") { "<blockquote>" + "<p>Tide</p>".times($0) },
        .init("paragraphs of one pre") { "<pre>" + "<p>line</p>".times($0) },
        .init("paragraphs of one list item") { "<ul><li>" + "<p>Tide</p>".times($0) },
        .init("items of one list") { "<ul>" + "<li>Tide".times($0) },
        .init("captions of one picture") { #"<img src="/a.jpg"><div class="caption">"# + "<p>Pier</p>".times($0) },
        .init("paragraphs deep inside a quote") { "<blockquote>" + "<div>".times(600) + "<p>Tide".times($0) },
        .init("stray end tags under a deep stack") { "<span>".times(600) + "</b>".times($0) },
        .init("comments never closed by -->") { "<!-- >".times($0) },
        .init("unclosed CDATA sections") { "<![CDATA[ ".times($0) },
        .init("unclosed scripts") { "x<script>".times($0) },
        .init("bare angle brackets") { "< ".times($0) },
        .init("references") { "&amp&#x41;&mdash;&unknown;".times($0) },
        .init("attributes of one tag") { "<p " + "a=1 ".times($0) + ">x" },
        .init("unclosed quoted attribute") { #"<p title=""# + "x ".times($0) },
    ]

    @Test(arguments: cases)
    func blocks(_ html: LinearWorkCase) {
        html.expectLinear { _ = HTMLBodyReader().blocks(from: $0) }
    }

    @Test(arguments: cases)
    func plainText(_ html: LinearWorkCase) {
        html.expectLinear { _ = HTMLBodyReader.plainText($0) }
    }

    @Test func aQuoteOfManyParagraphsKeepsThemAll() {
        let blocks = HTMLBodyReader().blocks(
            from: "<blockquote>" + "<p>Tide</p>".times(1000) + "</blockquote><p>End</p>")
        #expect(blocks.count == 2)
        #expect(blocks.first == .quote(Array(repeating: "Tide", count: 1000).joined(separator: "\n")))
    }

    @Test func aListItemOfManyParagraphsAndAPictureOfManyCaptionsKeepThemAll() {
        let list = HTMLBodyReader().blocks(from: "<ul><li>" + "<p>a</p>".times(3) + "<li>b</ul>")
        #expect(list == [.list(BodyList(ordered: false, items: ["a a a", "b"]))])
        let picture = HTMLBodyReader().blocks(
            from: #"<img src="/a.jpg"><p class="caption">Pier</p><p class="caption">at dusk</p><p>Then.</p>"#)
        #expect(picture == [.image(BodyImage(url: "/a.jpg", caption: "Pier at dusk")), .paragraph("Then.")])
    }
}
