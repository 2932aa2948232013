import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading RSS 2.0", .timeLimit(.minutes(10)))
struct RSSReaderTests {
    let reader = RSSReader(publication: XMLFixtures.publication)

    func results() throws -> [Result<ParsedArticle, FormatError>] {
        reader.read(try XMLFixtures.data("rss/island-news.xml"), file: "island.xml")
    }

    @Test func readsAnItemWithContentEncodedAndMediaRSS() throws {
        let story = try XMLFixtures.articles([try results()[0]])[0].content
        #expect(
            story.source == ArticleSource(format: "rss", uri: "https://news.saltmarsh.example/island/2025/11/crane"))
        #expect(story.headline == "Cannery & quay to share a new crane")
        #expect(story.summary == "A shared crane will halve the wait at the quay.")
        #expect(story.byline == "Tamsin Okafor")
        #expect(story.authors == [Author(name: "Tamsin Okafor", kind: .person)])
        #expect(story.published == Timestamp(XMLFixtures.instant("2025-11-04T04:30:00Z")))
        #expect(story.section == Section(name: "Business"))
        #expect(story.topics.map(\.name) == ["Harbour", "Cranes"])
        #expect(story.language == "en-gb")
        #expect(
            story.body == [
                .image(
                    BodyImage(
                        url: "https://news.saltmarsh.example/island/images/crane.jpg", alt: "The new crane",
                        caption: "The crane on its barge off the east quay.", credit: "Gazette photo")),
                .paragraph("The cannery and the fishing co-operative will share a new crane on the east quay."),
                .heading("Cost split"),
                .paragraph("Each will pay half of the cost, the harbour board said."),
                .image(
                    BodyImage(
                        url: "https://news.saltmarsh.example/images/crane-inline.jpg",
                        alt: "The crane arriving by barge")),
            ])
    }

    @Test func aDescriptionOnlyItemWithEnclosuresAndAnAuthorAddress() throws {
        let story = try XMLFixtures.articles([try results()[1]])[0].content
        #expect(story.source.uri == "island-news-podcast-0042", "a guid that is not a permalink is kept as it is")
        #expect(story.byline == "Bryn Adeyemi")
        #expect(story.summary == nil)
        #expect(story.section == Section(name: "Saltmarsh"), "one of the publication's own sections")
        #expect(story.published.instant == XMLFixtures.instant("2025-11-03T18:00:00Z"))
        #expect(
            story.body == [
                .image(BodyImage(url: "https://media.saltmarsh.example/podcast-42.jpg")),
                .paragraph("This week we ride the last ferry of the night."),
                .embed(EmbedLink(url: "https://media.saltmarsh.example/podcast-42.mp3")),
            ])
    }

    @Test func anItemWithoutADateIsDatedWhenReceivedAndSaysSo() throws {
        let received = XMLFixtures.instant("2025-11-05T08:00:00Z")
        let reader = RSSReader(publication: XMLFixtures.publication, receivedAt: received)
        let all = reader.read(try XMLFixtures.data("rss/island-news.xml"), file: "island.xml")
        #expect(all.count == 3)
        let undated = try all[2].get()
        #expect(undated.line == 45)
        #expect(undated.content.published == Timestamp(received))
        #expect(undated.repairs == [.missingDate(field: "the item's pubDate", source: .received)])
    }

    @Test func aTruncatedFeedKeepsTheItemsBeforeTheCut() throws {
        let whole = String(decoding: try XMLFixtures.data("rss/island-news.xml"), as: UTF8.self)
        let cut = String(whole[..<whole.range(of: "<title>An item with no date")!.lowerBound])
        let results = reader.read(Data(cut.utf8), file: "cut.xml")
        #expect(results.count == 3)
        #expect(
            try XMLFixtures.articles(Array(results.prefix(2))).map(\.content.source.uri) == [
                "https://news.saltmarsh.example/island/2025/11/crane", "island-news-podcast-0042",
            ])
        guard case .failure(let error) = results[2] else {
            Issue.record("expected the cut to be reported after the items")
            return
        }
        #expect(error.message.contains("truncated"))
    }

    @Test func xmlBaseAndALinkAreTheIdentityWithoutAGuid() throws {
        let text = """
            <rss version="2.0" xml:base="https://saltmarsh.example/feeds/"><channel><title>T</title>
            <item><title>Wall repaired</title><link>../2025/wall</link><pubDate>04 Nov 2025 10:00 Z</pubDate>
            <description><![CDATA[<p>Done.</p><p><img src="javascript:alert(1)"> <a href="wall.jpg">photo</a></p>]]></description>
            </item></channel></rss>
            """
        let story = try XMLFixtures.articles(reader.read(Data(text.utf8), file: "f.xml"))[0].content
        #expect(story.source.uri == "https://saltmarsh.example/2025/wall")
        #expect(story.body.first == .paragraph("Done."))
        #expect(!story.body.contains { "\($0)".contains("javascript") })
    }

    @Test func mediaWithScriptOrDataAddressesIsDropped() throws {
        let text = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
            <item><title>Quay</title><guid>quay</guid><pubDate>04 Nov 2025 10:00 Z</pubDate>
            <description>Open.</description>
            <enclosure url="javascript:alert(1)" type="image/jpeg"/>
            <enclosure url=" JaVaScRiPt:alert(2)" type="audio/mpeg"/>
            <media:content url="data:image/png;base64,AAAA" medium="image"/>
            <media:thumbnail url="vbscript:run"/>
            </item></channel></rss>
            """
        let story = try XMLFixtures.articles(reader.read(Data(text.utf8), file: "f.xml"))[0].content
        #expect(story.body == [.paragraph("Open.")])
    }

    @Test(arguments: [
        ("<rss><channel><title>Empty</title></channel></rss>", "the feed has no items"),
        ("<rss version=\"2.0\"/>", "expected a <channel>, found none"),
        ("<feed/>", "expected an RSS feed (<rss> or <RDF>), found <feed>"),
        (
            "<rss><channel><item><guid>g</guid><pubDate>Tue, 04 Nov 2025 09:30:00 +0500</pubDate>"
                + "<description>x</description></item></channel></rss>",
            "expected a headline in the item's title"
        ),
    ])
    func brokenFeedsSayWhatIsMissing(text: String, message: String) throws {
        let error = try XMLFixtures.error(reader.read(Data(text.utf8), file: "feed.xml"))
        #expect(error.message.contains(message), "\(error.message)")
    }
}
