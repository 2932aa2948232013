import Broadsheet
@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// Every XML reader does work in step with its input, however the input is built, and refuses
/// deep nesting with an error instead of recursing into it.
@Suite(.timeLimit(.minutes(10)))
struct XMLLinearWorkTests {
    /// A case and the reader it is for.
    struct ReaderCase: Sendable, CustomTestStringConvertible {
        var work: LinearWorkCase
        var reader: @Sendable (Publication) -> any ArticleReader

        init(
            _ name: String, _ reader: @escaping @Sendable (Publication) -> any ArticleReader,
            _ input: @escaping @Sendable (Int) -> String
        ) {
            self.work = LinearWorkCase(name, input)
            self.reader = reader
        }

        var testDescription: String { work.name }
    }

    static let date = "Tue, 29 Apr 2025 10:32:00 +0500"

    static func rssItem(_ number: Int) -> String {
        "<item><title>Tide \(number)</title><guid>urn:tide:\(number)</guid><pubDate>\(date)</pubDate>"
            + "<description>The tide turned.</description></item>\n"
    }

    static func atomEntry(_ number: Int) -> String {
        "<entry><id>urn:tide:\(number)</id><title>Tide</title><updated>2025-04-29T10:32:00Z</updated>"
            + "<content>The tide turned.</content></entry>\n"
    }

    static let atom = #"<feed xmlns="http://www.w3.org/2005/Atom">"#
    static let media = #"xmlns:media="http://search.yahoo.com/mrss/""#
    static let wxr =
        #"<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>"#

    static func wxrItem(_ number: Int, extra: String = "") -> String {
        "<item><title>Tide</title><guid>urn:tide:\(number)</guid><wp:post_type>post</wp:post_type>"
            + "<wp:status>publish</wp:status><wp:post_date_gmt>2025-04-29 05:32:00</wp:post_date_gmt>"
            + "<content:encoded>The tide turned.</content:encoded>\(extra)</item>\n"
    }

    static func nitf(_ content: String) -> String {
        #"<nitf><head><docdata><doc-id id-string="t1"/><date.issue norm="20250429T103200+0500"/></docdata></head>"#
            + "<body><body.head><hedline><hl1>Tide</hl1></hedline></body.head><body.content>\(content)"
            + "</body.content></body></nitf>"
    }

    static let g2 = #"xmlns="http://iptc.org/std/nar/2006-10-01/""#

    static func g2Item(_ number: Int) -> String {
        #"<newsItem guid="urn:tide:\#(number)"><itemMeta><versionCreated>2025-04-29T10:32:00Z</versionCreated>"#
            + "</itemMeta><contentMeta><headline>Tide</headline></contentMeta><contentSet>"
            + #"<inlineData contenttype="text/plain">The tide turned.</inlineData></contentSet></newsItem>"#
    }

    static let cases: [ReaderCase] = [
        .init("RSS items", RSSReader.init) { n in
            "<rss><channel><title>T</title>" + (0..<n).map(rssItem).joined() + "</channel></rss>"
        },
        .init("RSS items among other channel elements", RSSReader.init) { n in
            "<rss><channel>" + (0..<n).map { "<skipHours/>" + rssItem($0) }.joined() + "</channel></rss>"
        },
        .init("RSS enclosures of one item", RSSReader.init) { n in
            "<rss><channel><item><title>T</title><guid>g</guid><pubDate>\(date)</pubDate><description>x</description>"
                + (0..<n).map { #"<enclosure url="https://e.example/\#($0).jpg" type="image/jpeg"/>"# }.joined()
                + "</item></channel></rss>"
        },
        .init("Media RSS contents of one group", RSSReader.init) { n in
            "<rss \(media)><channel><item><title>T</title><guid>g</guid><pubDate>\(date)</pubDate>"
                + "<description>x</description><media:group><media:title>Pier</media:title>"
                + (0..<n).map { #"<media:content url="https://e.example/\#($0).jpg"/>"# }.joined()
                + "</media:group></item></channel></rss>"
        },
        .init("Atom entries among feed authors", AtomReader.init) { n in
            atom + (0..<n).map { "<author><name>A\($0)</name></author>" + atomEntry($0) }.joined() + "</feed>"
        },
        .init("NITF paragraphs", NITFReader.init) { n in nitf("<p>The tide turned.</p>".times(n)) },
        .init("NITF quote paragraphs", NITFReader.init) { n in nitf("<bq>" + "<p>Tide.</p>".times(n) + "</bq>") },
        .init("NITF list items", NITFReader.init) { n in nitf("<ul>" + "<li>Tide</li>".times(n) + "</ul>") },
        .init("NewsML-G2 items filed by a package", NewsMLG2Reader.init) { n in
            "<newsMessage \(g2)><itemSet>" + (0..<n).map(g2Item).joined()
                + #"<packageItem guid="urn:pkg"><groupSet root="r"><group id="r">"#
                + (0..<n).map { #"<itemRef residref="urn:tide:\#($0)"/>"# }.joined()
                + "</group></groupSet></packageItem></itemSet></newsMessage>"
        },
        .init("NewsML-G2 creators", NewsMLG2Reader.init) { n in
            "<newsItem \(g2) guid=\"g\"><itemMeta><versionCreated>2025-04-29T10:32:00Z</versionCreated></itemMeta>"
                + "<contentMeta><headline>T</headline>"
                + (0..<n).map { "<creator><name>Writer \($0)</name></creator>" }.joined()
                + "</contentMeta><contentSet><inlineData>x</inlineData></contentSet></newsItem>"
        },
        .init("NewsML 1.2 components", NewsML1Reader.init) { n in
            "<NewsML><NewsItem><NewsManagement><FirstCreated>20250429T103200+0500</FirstCreated></NewsManagement>"
                + "<NewsComponent><NewsLines><HeadLine>Tide</HeadLine></NewsLines>"
                + "<NewsComponent/>".times(n)
                + "<NewsComponent><ContentItem><DataContent>The tide turned.</DataContent></ContentItem></NewsComponent>"
                + "</NewsComponent></NewsItem></NewsML>"
        },
        .init("WordPress posts", WXRReader.init) { n in wxr + (0..<n).map { wxrItem($0) }.joined() + "</channel></rss>"
        },
        .init("WordPress post meta of one post", WXRReader.init) { n in
            wxr
                + wxrItem(
                    0,
                    extra: "<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:postmeta>"
                        .times(n)) + "</channel></rss>"
        },
    ]

    @Test(arguments: cases)
    func readsInLinearWork(_ test: ReaderCase) {
        let reader = test.reader(EPaper.publication)
        test.work.expectLinear { _ = reader.read(Data($0.utf8), file: "feed.xml") }
    }

    /// 100,000 nested elements: refused at the tree reader's depth, never recursed into.
    @Test(arguments: [
        ("nitf", "<nitf><body><body.content>", "<block>"), ("rss", "<rss><channel><item>", "<div>"),
        ("NewsML", "<NewsML><NewsItem>", "<NewsComponent>"),
    ])
    func deepNestingIsRefused(root: String, opening: String, nested: String) {
        let xml = opening + nested.times(100_000) + "x"
        let reader: any ArticleReader =
            switch root {
            case "nitf": NITFReader(publication: EPaper.publication)
            case "rss": RSSReader(publication: EPaper.publication)
            default: NewsML1Reader(publication: EPaper.publication)
            }
        var results: [Result<ParsedArticle, FormatError>] = []
        let steps = LinearWorkCase.steps { results = reader.read(Data(xml.utf8), file: "deep.xml") }
        #expect(steps < 10_000, "the parse stops at the depth limit")
        guard case .failure(let error)? = results.last else {
            Issue.record("expected an error, got \(results)")
            return
        }
        #expect(error.file == "deep.xml")
        #expect(error.message.contains("nest more than \(XMLTreeReader.defaultMaximumDepth) deep"), "\(error)")
    }
}
