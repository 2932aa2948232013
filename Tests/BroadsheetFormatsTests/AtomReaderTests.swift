import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading Atom", .timeLimit(.minutes(10)))
struct AtomReaderTests {
    let reader = AtomReader(publication: XMLFixtures.publication)

    func stories() throws -> [ArticleContent] {
        try XMLFixtures.articles(reader.read(try XMLFixtures.data("atom/harbour-board.xml"), file: "board.atom"))
            .map(\.content)
    }

    @Test func readsAnHTMLEntry() throws {
        let story = try stories()[0]
        #expect(story.source == ArticleSource(format: "atom", uri: "tag:board.saltmarsh.example,2025:notice-118"))
        #expect(story.headline == "Dredging of the inner basin")
        #expect(story.summary == "The inner basin will be dredged over three weeks.")
        #expect(story.byline == "Idris Penhallow")
        #expect(story.published.instant == XMLFixtures.instant("2025-11-03T03:00:00Z"))
        #expect(story.updated?.instant == XMLFixtures.instant("2025-11-04T04:15:00Z"))
        #expect(story.section == Section(name: "Metropolitan"))
        #expect(story.topics == [Topic(name: "dredging")])
        #expect(story.language == "en")
        #expect(
            story.body == [
                .image(
                    BodyImage(
                        url: "https://board.saltmarsh.example/notices/118/img/dredger.jpg",
                        caption: "The dredger at work")),
                .paragraph("Dredging of the inner basin starts on Monday."),
                .embed(EmbedLink(url: "https://board.saltmarsh.example/notices/118/map.pdf", title: "The works map")),
            ])
    }

    @Test func readsAnXHTMLEntryWithItsOwnBaseAndTheFeedsAuthor() throws {
        let story = try stories()[1]
        #expect(story.byline == "Harbour Board Press Office")
        #expect(story.published.instant == XMLFixtures.instant("2025-11-02T07:00:00Z"), "updated stands in")
        #expect(story.updated == nil)
        #expect(
            story.body == [
                .paragraph("The public slipway is closed until Friday."),
                .image(BodyImage(url: "https://board.saltmarsh.example/archive/slipway.jpg", alt: "The slipway")),
                .quote("Safety first, launches second."),
            ])
    }

    @Test func readsATextEntry() throws {
        let story = try stories()[2]
        #expect(
            story.body == [
                .paragraph("Mooring fees rise by two per cent in January."),
                .paragraph("The board will publish the full table in December."),
            ])
    }

    @Test(arguments: [
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title></feed>", "the feed has no entries"),
        (
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>x</id><title>T</title><updated>someday</updated>"
                + "<content>x</content></entry></feed>",
            "expected a publication date in the entry's published or updated"
        ),
    ])
    func brokenFeedsSayWhatIsMissing(text: String, message: String) throws {
        let error = try XMLFixtures.error(reader.read(Data(text.utf8), file: "feed.atom"))
        #expect(error.message.contains(message), "\(error.message)")
    }
}
