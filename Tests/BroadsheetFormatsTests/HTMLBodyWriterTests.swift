import Broadsheet
import BroadsheetFormats
import BroadsheetTestSupport
import Foundation
import Testing

/// What `HTMLBodyWriter` writes, `HTMLBodyReader` reads back as the same blocks.
@Suite(.timeLimit(.minutes(10))) struct HTMLBodyWriterTests {
    static let words = [
        "tide", "<script>", "&amp;", "Fish & chips", "“quoted”", "a<b", "x > y", "'single'", "\"double\"", "مشاعرہ",
        "javascript:alert(1)", "&#x61;", "ferry", "—", "100%",
    ]

    static func text(_ generator: inout SeededGenerator, words count: Int) -> String {
        (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    static func block(_ generator: inout SeededGenerator) -> BodyBlock {
        switch generator.next() % 7 {
        case 0: return .paragraph(text(&generator, words: 6) + "\n" + text(&generator, words: 3))
        case 1: return .heading(text(&generator, words: 4))
        case 2: return .quote(text(&generator, words: 5) + "\n" + text(&generator, words: 2))
        case 3:
            return .list(
                BodyList(
                    ordered: generator.next() % 2 == 0, items: [text(&generator, words: 2), text(&generator, words: 3)])
            )
        case 4:
            return .image(
                BodyImage(
                    url: "https://cdn.example/a.jpg?w=1&h=2", alt: text(&generator, words: 2),
                    caption: text(&generator, words: 3), credit: "Photo: " + text(&generator, words: 1)))
        case 5: return .preformatted("  " + text(&generator, words: 3) + "\n    " + text(&generator, words: 2))
        default: return .embed(EmbedLink(url: "https://video.example/v?a=1&b=2", title: text(&generator, words: 3)))
        }
    }

    @Test func randomBodiesSurviveTheRoundTrip() {
        var generator = SeededGenerator(seed: 29_04_2025)
        for _ in 0..<300 {
            let blocks = (0..<5).map { _ in Self.block(&generator) }
            let html = HTMLBodyWriter.html(blocks)
            #expect(HTMLBodyReader().blocks(from: html) == blocks, "\(html)")
        }
    }

    /// A paragraph's line breaks become `<br>`; one without any is only escaped; "\r\n" is one
    /// character to Swift and is kept as it is, as before the shortcut for paragraphs without breaks.
    @Test func lineBreaksBecomeBreaksAndTheRestIsEscaped() {
        #expect(HTMLBodyWriter.html(.paragraph("Fish & chips <today>")) == "<p>Fish &amp; chips &lt;today&gt;</p>")
        #expect(HTMLBodyWriter.html(.paragraph("Quay one\nQuay two")) == "<p>Quay one<br>Quay two</p>")
        #expect(
            HTMLBodyWriter.xhtml([.heading("North & south\nEast")], picture: { _ in nil })
                == "<h2>North &amp; south<br/>East</h2>")
        #expect(HTMLBodyWriter.html(.paragraph("Old line\r\nend")) == "<p>Old line\r\nend</p>")
    }

    @Test func unsafeAddressesAreNotWritten() {
        let html = HTMLBodyWriter.html([
            .image(BodyImage(url: "javascript:alert(1)", caption: "Kept caption")),
            .embed(EmbedLink(url: "data:text/html,x", title: "Kept title")),
        ])
        #expect(!html.contains("javascript:") && !html.contains("data:"))
        #expect(HTMLBodyReader().blocks(from: html) == [.paragraph("Kept caption"), .paragraph("Kept title")])
    }
}
