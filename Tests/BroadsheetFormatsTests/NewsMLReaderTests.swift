import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading NewsML-G2 and NewsML 1.2", .timeLimit(.minutes(10)))
struct NewsMLReaderTests {
    let g2 = NewsMLG2Reader(publication: XMLFixtures.publication)

    func message() throws -> [ParsedArticle] {
        try XMLFixtures.articles(
            g2.read(try XMLFixtures.data("newsml/message-with-package.xml"), file: "message.xml"))
    }

    @Test func readsEachNewsItemOfAMessage() throws {
        let stories = try message()
        #expect(
            stories.map(\.content.source.uri) == [
                "urn:newsml:wire.example:20251104:regatta", "urn:newsml:wire.example:20251104:gulls",
                "urn:newsml:wire.example:20251104:tides",
            ])
        let regatta = stories[0].content
        #expect(regatta.source.format == "newsml")
        #expect(regatta.headline == "Oyster fleet wins the autumn regatta by a bowsprit")
        #expect(regatta.summary == "The home crews took the last race in a failing wind.")
        #expect(regatta.published.instant == XMLFixtures.instant("2025-11-04T03:00:00Z"))
        #expect(regatta.updated?.instant == XMLFixtures.instant("2025-11-04T04:30:00Z"))
        #expect(regatta.dateline == Dateline(places: ["SALTMARSH"]))
        #expect(
            regatta.authors == [
                Author(name: "Bryn Adeyemi", kind: .person), Author(name: "Mira Castellan", kind: .person),
                Author(name: "Coastal Wire", kind: .agency),
            ])
        #expect(regatta.section == Section(name: "Sport"))
        #expect(regatta.topics == [Topic(name: "Sailing")])
        #expect(regatta.language == "en")
        #expect(
            regatta.body == [
                .paragraph("The oyster fleet won the autumn regatta on Monday by the length of a bowsprit."),
                .heading("A failing wind"),
                .paragraph("The last race was sailed in barely four knots."),
            ])
        #expect(stories[0].line == 8)
    }

    @Test func inlineNITFAndInlineTextAreBodiesToo() throws {
        let stories = try message()
        let gulls = stories[1].content
        #expect(gulls.body == [.paragraph("Volunteers counted more than two thousand nesting pairs on the cliffs.")])
        #expect(gulls.dateline == Dateline(places: ["SALTMARSH"]))
        #expect(gulls.topics == [Topic(name: "Environment")])
        let tides = stories[2]
        #expect(
            tides.content.body == [
                .paragraph("The harbour master expects the highest tides of the year on Saturday."),
                .paragraph("Boat owners should check their moorings."),
            ])
        #expect(tides.status == .draft, "stat:withheld is not for readers yet")
        #expect(stories[0].status == .published)
    }

    @Test func aPackageFilesTheStoriesOfItsMessageOnItsPages() throws {
        let stories = try message()
        let day = EditionDate(year: 2025, month: 11, day: 5)
        #expect(stories[1].content.edition.page == PageReference(number: 1))
        #expect(stories[1].content.edition.date == day)
        #expect(stories[0].content.edition.page == PageReference(number: 2, name: "Sport"))
        #expect(stories[0].content.edition.date == day)
        #expect(stories[2].content.edition.page == nil, "not in the package")
        #expect(stories[2].content.edition.date == EditionDate(year: 2025, month: 11, day: 4))
    }

    @Test func aPackageWithoutItsStoriesIsReportedNotDropped() throws {
        let error = try XMLFixtures.error(
            g2.read(try XMLFixtures.data("newsml/package-alone.xml"), file: "edition.xml"))
        #expect(error.line == 2)
        #expect(error.message.contains("urn:newsml:wire.example:20251106:market"))
        #expect(error.message.contains("not in this message"))
    }

    @Test func inlineXHTMLGoesThroughTheSanitiser() throws {
        let text = """
            <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:2">
              <itemMeta><versionCreated>2025-11-04T07:10:00Z</versionCreated></itemMeta>
              <contentMeta><headline>Quay lights fixed</headline></contentMeta>
              <contentSet><inlineXML contenttype="application/xhtml+xml">
                <html xmlns="http://www.w3.org/1999/xhtml"><body>
                  <p onclick="steal()">The lights <b>work</b> again.<script>steal()</script></p>
                  <img src="javascript:steal()" alt="x"/>
                  <figure><img src="https://saltmarsh.example/quay.jpg" alt="The quay"/>
                    <figcaption>The quay at night &amp; its lamps.</figcaption></figure>
                  <ol><li>North lamp</li><li>South lamp</li></ol>
                </body></html>
              </inlineXML></contentSet>
            </newsItem>
            """
        let story = try #require(try XMLFixtures.articles(g2.read(Data(text.utf8), file: "item.xml")).first)
        #expect(
            story.content.body == [
                .paragraph("The lights work again."),
                .image(
                    BodyImage(
                        url: "https://saltmarsh.example/quay.jpg", alt: "The quay",
                        caption: "The quay at night & its lamps.")),
                .list(BodyList(ordered: true, items: ["North lamp", "South lamp"])),
            ])
    }

    @Test func pictureItemsAreNotStoriesAndInlineHTMLIsABody() throws {
        let text = """
            <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
              <newsItem guid="urn:x:photo"><itemMeta><itemClass qcode="ninat:picture"/>
                <versionCreated>2025-11-04T07:10:00Z</versionCreated></itemMeta>
                <contentSet><remoteContent href="https://wire.example/photo.jpg"/></contentSet></newsItem>
              <newsItem guid="urn:x:text"><itemMeta><itemClass qcode="ninat:text"/>
                <versionCreated>2025-11-04T07:10:00Z</versionCreated></itemMeta>
                <contentMeta><headline>Harbour wall repaired</headline></contentMeta>
                <contentSet><inlineData contenttype="text/html">&lt;p&gt;Masons &lt;b&gt;finished&lt;/b&gt; the wall.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</inlineData></contentSet>
              </newsItem>
            </itemSet></newsMessage>
            """
        let stories = try XMLFixtures.articles(g2.read(Data(text.utf8), file: "m.xml"))
        #expect(stories.map(\.content.source.uri) == ["urn:x:text"])
        #expect(stories.first?.content.body == [.paragraph("Masons finished the wall.")])
    }

    @Test func aBareNewsItemIsOneStory() throws {
        let text = """
            <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1">
              <itemMeta><versionCreated>2025-11-04T07:10:00Z</versionCreated></itemMeta>
              <contentMeta><headline>Harbour wall repaired</headline></contentMeta>
              <contentSet><inlineData>Masons finished the wall.</inlineData></contentSet>
            </newsItem>
            """
        let stories = try XMLFixtures.articles(g2.read(Data(text.utf8), file: "item.xml"))
        #expect(stories.map(\.content.headline) == ["Harbour wall repaired"])
        #expect(stories[0].content.published.instant == XMLFixtures.instant("2025-11-04T07:10:00Z"))
        #expect(stories[0].content.updated == nil)
    }

    @Test func aMessageWithoutItemsAndAWrongRootAreErrors() throws {
        let empty = try XMLFixtures.error(g2.read(Data("<newsMessage><itemSet/></newsMessage>".utf8), file: "m.xml"))
        #expect(empty.message == "expected at least one newsItem, found none")
        let wrong = try XMLFixtures.error(g2.read(Data("<feed/>".utf8), file: "m.xml"))
        #expect(wrong.message.contains("expected a NewsML-G2 document"))
    }

    @Test func readsTheNewsML12Envelope() throws {
        let reader = NewsML1Reader(publication: XMLFixtures.publication)
        let stories = try XMLFixtures.articles(
            reader.read(try XMLFixtures.data("newsml/newsml-1.2.xml"), file: "afp.xml"))
        try #require(stories.count == 1)
        let story = stories[0].content
        #expect(story.source == ArticleSource(format: "newsml", uri: "urn:newsml:wire.example:20251104:lifeboat"))
        #expect(story.headline == "New lifeboat named after a retired coxswain")
        #expect(story.byline == "Coastal Wire")
        #expect(story.dateline == Dateline(places: ["SALTMARSH"]))
        #expect(story.published.instant == XMLFixtures.instant("2025-11-04T03:00:00Z"))
        #expect(story.updated?.instant == XMLFixtures.instant("2025-11-04T04:30:00Z"))
        #expect(story.section == Section(name: "National"))
        #expect(story.topics == [Topic(name: "Lifeboats")])
        #expect(story.body.count == 2)
        #expect(story.body[1] == .paragraph("She broke a bottle of cider over the bow."))
    }
}
