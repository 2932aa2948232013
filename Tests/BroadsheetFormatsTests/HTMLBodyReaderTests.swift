import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// HTML from any source into body blocks: structure kept, words kept, nothing that runs.
@Suite(.timeLimit(.minutes(10))) struct HTMLBodyReaderTests {
    static let reader = HTMLBodyReader()
    static let based = HTMLBodyReader(baseURL: URL(string: "https://wire.example/stories/2026/ferry.html")!)

    @Test func readsParagraphsHeadingsAndQuotes() {
        let html = """
            <p>LANTERN WHARF: The <b>night</b> ferry   sailed
            on time.</p>
            <h2>A new <em>timetable</em></h2><h5>Small print</h5>
            <blockquote><p>“We are delighted,” said the harbour master.</p><p>— Port notice</p></blockquote>
            """
        #expect(
            Self.reader.blocks(from: html) == [
                .paragraph("LANTERN WHARF: The night ferry sailed on time."), .heading("A new timetable"),
                .heading("Small print"), .quote("“We are delighted,” said the harbour master.\n— Port notice"),
            ])
    }

    @Test func readsOrderedAndUnorderedLists() {
        let html = """
            <p>Stops:</p><ul><li>Lantern Wharf</li><li>Gull <i>Island</i><li>Saltmarsh</ul>
            <ol><li><p>Board</p></li><li>Sail<ol><li>Inner</li></ol>after</li></ol>
            """
        #expect(
            Self.reader.blocks(from: html) == [
                .paragraph("Stops:"),
                .list(BodyList(ordered: false, items: ["Lantern Wharf", "Gull Island", "Saltmarsh"])),
                .list(BodyList(ordered: true, items: ["Board", "Sail", "Inner", "after"])),
            ])
    }

    @Test func readsFiguresWithCaptionCreditAndAltText() {
        let html = """
            <figure><img src="/img/ferry.jpg" alt="The ferry  at dawn" onerror="alert(1)">
            <figcaption>The first night crossing. <small>Photo: Ayesha Noor</small></figcaption></figure>
            <div class="wp-caption"><img src="gull.png" alt=""><p class="wp-caption-text">A gull on the rail.</p></div>
            <img src="https://cdn.example/mast.jpg" alt="Mast"><p class="photo-credit">Photo: Omar Latif</p>
            """
        #expect(
            Self.based.blocks(from: html) == [
                .image(
                    BodyImage(
                        url: "https://wire.example/img/ferry.jpg", alt: "The ferry at dawn",
                        caption: "The first night crossing.", credit: "Photo: Ayesha Noor")),
                .image(
                    BodyImage(
                        url: "https://wire.example/stories/2026/gull.png", alt: nil, caption: "A gull on the rail.")),
                .image(BodyImage(url: "https://cdn.example/mast.jpg", alt: "Mast", credit: "Photo: Omar Latif")),
            ])
    }

    @Test func figureWithoutPictureKeepsItsCaptionAsText() {
        #expect(
            Self.reader.blocks(
                from: "<figure><img src='javascript:alert(1)'><figcaption>Tide table</figcaption></figure>")
                == [.paragraph("Tide table")])
    }

    @Test func readsPreformattedTextAsWritten() {
        let html = "<pre>\nHigh tide  06:12\n  Low tide   12:30\n</pre><p>After <code>the</code> table.</p>"
        #expect(
            Self.reader.blocks(from: html) == [
                .preformatted("High tide  06:12\n  Low tide   12:30"), .paragraph("After the table."),
            ])
    }

    @Test func readsEmbedsAndLinkOnlyParagraphs() {
        let html = """
            <iframe src="https://video.example/embed/42" title="Launch video">fallback</iframe>
            <p><a href="https://social.example/post/7">The harbour master's post</a></p>
            <p>Read <a href="/more">more</a> here.</p>
            <video><source src="clip.mp4">Your browser cannot play this.</video>
            """
        #expect(
            Self.based.blocks(from: html) == [
                .embed(EmbedLink(url: "https://video.example/embed/42", title: "Launch video")),
                .embed(EmbedLink(url: "https://social.example/post/7", title: "The harbour master's post")),
                .paragraph("Read more here."),
                .embed(EmbedLink(url: "https://wire.example/stories/2026/clip.mp4")),
                .paragraph("Your browser cannot play this."),
            ])
    }

    @Test func aLazyPictureRepeatedInNoscriptIsOnePicture() {
        let html = """
            <figure><img data-src="https://cdn.example/a.jpg"><noscript><img src="https://cdn.example/a.jpg"></noscript>
            <figcaption>One</figcaption></figure>
            <figure><img src="https://cdn.example/a.jpg"><figcaption>Two</figcaption></figure>
            """
        #expect(
            Self.reader.blocks(from: html) == [
                .image(BodyImage(url: "https://cdn.example/a.jpg", caption: "One")),
                .image(BodyImage(url: "https://cdn.example/a.jpg", caption: "Two")),
            ])
    }

    @Test func aLinkedPictureIsOnlyAPicture() {
        let html =
            "<p><a href=\"https://cdn.example/big.jpg\"><img src=\"https://cdn.example/small.jpg\" alt=\"Pier\"></a></p><p>After.</p>"
        #expect(
            Self.reader.blocks(from: html) == [
                .image(BodyImage(url: "https://cdn.example/small.jpg", alt: "Pier")), .paragraph("After."),
            ])
    }

    @Test(arguments: [
        ("Fish &amp; chips &mdash; &ldquo;fresh&rdquo;", "Fish & chips — “fresh”"),
        ("10&nbsp;km&nbsp;&nbsp;away", "10 km away"),
        ("&#8212;&#x2014;&#X2014;&#151;", "————"),
        (
            "AT&T &unknown; &amp &copy 2026 &#0; &#xD800; &#99999999;",
            "AT&T &unknown; & © 2026 \u{FFFD} \u{FFFD} \u{FFFD}"
        ),
        ("caf&eacute; &Uuml;ber &hellip;", "café Über …"),
    ])
    func decodesCharacterReferences(html: String, text: String) {
        #expect(Self.reader.blocks(from: "<p>\(html)</p>") == [.paragraph(text)])
    }

    @Test func lineBreaksAndDoubleLineBreaks() {
        #expect(
            Self.reader.blocks(from: "<p>Line one<br>line two <br/> three<br><br>Next paragraph</p>") == [
                .paragraph("Line one\nline two\nthree"), .paragraph("Next paragraph"),
            ])
    }

    @Test func unknownElementsKeepTheirText() {
        let html =
            "<custom-card><span>Gull Island</span> <x-note>gets a pier</x-note></custom-card><table><tr><td>Mon</td><td>06:12</td></tr></table>"
        #expect(Self.reader.blocks(from: html) == [.paragraph("Gull Island gets a pier"), .paragraph("Mon | 06:12")])
    }

    @Test func plainTextForHeadlines() {
        #expect(HTMLBodyReader.plainText("Ferry <b>sails</b>&nbsp;at&#160;dawn") == "Ferry sails at dawn")
        #expect(HTMLBodyReader.plainText("Profits < costs & rising") == "Profits < costs & rising")
        #expect(HTMLBodyReader.plainText("<p>One</p><p>Two</p><script>x()</script>") == "One Two")
        #expect(HTMLBodyReader.plainText("  Plain\n text  ") == "Plain text")
    }

    @Test func relativeAddressesStayRelativeWithoutABase() {
        #expect(Self.reader.blocks(from: "<img src='/img/a.jpg'>") == [.image(BodyImage(url: "/img/a.jpg"))])
    }

    @Test func aWholeDocumentGivesItsBodyOnly() {
        let html = """
            <!DOCTYPE html><html><head><title>Ferry</title><meta charset="utf-8">
            <style>p{color:red}</style></head><body><!-- lead --><p>The ferry sailed.</p></body></html>
            """
        #expect(Self.reader.blocks(from: html) == [.paragraph("The ferry sailed.")])
    }

    @Test func aFiftyMegabyteBodyIsReadWhole() {
        let paragraph =
            "<p>Lantern Wharf&rsquo;s tide tables were <b>right</b> again today, said the harbour master.</p>\n"
        let count = 50_000_000 / paragraph.utf8.count + 1
        let blocks = Self.reader.blocks(from: String(repeating: paragraph, count: count))
        #expect(blocks.count == count)
        #expect(
            blocks.last == .paragraph("Lantern Wharf’s tide tables were right again today, said the harbour master."))
    }

    @Test func aLargeBodyIsReadInOnePass() {
        let paragraph = "<p>The tide came in on time at Lantern Wharf, <b>as</b> the tables said.</p>\n"
        let html = String(repeating: paragraph, count: 20_000)
        let blocks = Self.reader.blocks(from: html)
        #expect(blocks.count == 20_000)
        #expect(blocks.last == .paragraph("The tide came in on time at Lantern Wharf, as the tables said."))
    }
}
