import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading NITF", .timeLimit(.minutes(10)))
struct NITFReaderTests {
    let reader = NITFReader(publication: XMLFixtures.publication)

    func article(_ fixture: String) throws -> ArticleContent {
        let articles = try XMLFixtures.articles(reader.read(try XMLFixtures.data("nitf/\(fixture)"), file: fixture))
        try #require(articles.count == 1)
        return articles[0].content
    }

    @Test func readsTheHeadAndBodyHead() throws {
        let story = try article("ferry-timetable.xml")
        #expect(story.source == ArticleSource(format: "nitf", uri: "saltmarsh-gazette-2025-1104-ferry"))
        #expect(story.headline == "Winter ferry timetable adds a late sailing")
        #expect(story.summary == "The island ferry will leave the quay at 11.40pm from next Monday.")
        #expect(story.byline == "By Tamsin Okafor, Transport Correspondent")
        #expect(story.authors == [Author(name: "Tamsin Okafor", kind: .person)])
        #expect(story.dateline == Dateline(places: ["SALTMARSH"]))
        #expect(story.published == Timestamp(XMLFixtures.instant("2025-11-04T04:30:00Z")))
        #expect(story.edition.date == EditionDate(year: 2025, month: 11, day: 4))
        #expect(story.edition.publication == "The Saltmarsh Gazette")
        #expect(story.section == Section(name: "Metropolitan"))
        #expect(story.topics.map(\.name) == ["Transport", "Ferries", "Saltmarsh Island"])
        #expect(story.language == "en")
    }

    @Test func turnsBodyContentIntoBlocksAndKeepsEveryText() throws {
        let story = try article("ferry-timetable.xml")
        #expect(
            story.body == [
                .paragraph(
                    "The island ferry will run a last sailing at 11.40pm on weekdays from next Monday, the harbour board said."
                ),
                .paragraph(
                    "Night-shift workers at the cannery had petitioned for a later boat for three winters running."),
                .heading("Fares unchanged"),
                .paragraph("Season tickets keep their price until April."),
                .quote("We listened, and the numbers finally added up. — Harbour board chair Idris Penhallow"),
                .list(BodyList(ordered: false, items: ["Weekdays: 6.10am to 11.40pm", "Weekends: 8.00am to 9.20pm"])),
                .image(
                    BodyImage(
                        url: "photos/ferry-quay.jpg", alt: "The ferry at the quay at dusk",
                        caption: "The island ferry at the quay.", credit: "Gazette photo")),
                .paragraph("The board will review the timetable in March."),
                .paragraph("Additional reporting by Bryn Adeyemi."),
            ])
    }

    @Test func mediaWithAScriptAddressKeepsOnlyItsWordsAndPreKeepsItsSpacing() throws {
        let text = """
            <nitf><head><docdata><doc-id id-string="tide-table"/><date.issue norm="20251104"/></docdata></head>
            <body><body.head><hedline><hl1>Tide table</hl1></hedline></body.head><body.content>
            <media media-type="image"><media-reference source="javascript:alert(1)"/>
            <media-caption>Low water at the slipway.</media-caption></media>
            <pre>
            HW  06:12  4.8m
            LW  12:30  0.9m
            </pre>
            </body.content></body></nitf>
            """
        let story = try #require(try XMLFixtures.articles(reader.read(Data(text.utf8), file: "t.xml")).first)
        #expect(
            story.content.body == [
                .paragraph("Low water at the slipway."), .preformatted("HW  06:12  4.8m\nLW  12:30  0.9m"),
            ])
    }

    @Test func aNamespacedWireStoryTakesItsDatelineFromTheFirstParagraph() throws {
        let story = try article("namespaced-wire.xml")
        #expect(story.source.uri == "urn:newsml:wire.example:20251103:lighthouse")
        #expect(story.headline == "Lighthouse keepers' cottages to become a museum")
        #expect(story.authors == [Author(name: "Reuters", kind: .agency)])
        #expect(story.dateline == Dateline(places: ["PORT ELWYN"]))
        #expect(
            story.body.first
                == .paragraph("The three cottages beside the old lighthouse will open as a museum next summer."))
        #expect(story.published.instant == XMLFixtures.instant("2025-11-03T14:05:00Z"))
        #expect(story.section == Section(name: "News"), "no term names a section")
    }

    @Test(arguments: [
        (
            "<nitf><head><docdata><doc-id id-string=\"a\"/><date.issue norm=\"20251104\"/></docdata></head>"
                + "<body><body.content><p>Text.</p></body.content></body></nitf>", "expected a headline"
        ),
        (
            "<nitf><head><title>T</title><docdata><doc-id id-string=\"a\"/><date.issue norm=\"someday\"/></docdata></head>"
                + "<body><body.content><p>Text.</p></body.content></body></nitf>", "expected a publication date"
        ),
        ("<rss version=\"2.0\"/>", "expected an NITF document (<nitf>), found <rss>"),
    ])
    func missingPartsAreNamed(text: String, message: String) throws {
        let error = try XMLFixtures.error(reader.read(Data(text.utf8), file: "wire.xml"))
        #expect(error.file == "wire.xml")
        #expect(error.line == 1)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func aTruncatedFileIsOneClearError() throws {
        let error = try XMLFixtures.error(reader.read(try XMLFixtures.data("nitf/truncated.xml"), file: "cut.xml"))
        #expect(error.description.hasPrefix("cut.xml:11: "))
    }
}
