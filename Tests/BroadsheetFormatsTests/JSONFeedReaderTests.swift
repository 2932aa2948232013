import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// JSON Feed 1.1 items into articles, relative addresses resolved, bad items named by line.
@Suite(.timeLimit(.minutes(10))) struct JSONFeedReaderTests {
    static let reader = JSONFeedReader(publication: EPaper.publication)

    static func results() throws -> [Result<ParsedArticle, FormatError>] {
        reader.read(try FormatFixtures.data("jsonfeed", "harbour.json"), file: "feed.json")
    }

    @Test func readsAFullItem() throws {
        let results = try Self.results()
        try #require(results.count == 4)
        let article = try results[0].get()
        let content = article.content
        #expect(article.line == 9)
        #expect(content.source == ArticleSource(format: "jsonfeed", uri: "https://gazette.example/2026/03/tide-mill"))
        #expect(content.headline == "Tide mill grinds flour again & draws a crowd")
        #expect(content.summary == "The restored wheel turned for the first time in forty years.")
        #expect(content.dateline == Dateline(places: ["KESTREL BAY"]))
        #expect(
            content.body == [
                .image(BodyImage(url: "https://cdn.gazette.example/mill.jpg")),
                .paragraph("The wheel turned at high water."),
                .image(BodyImage(url: "https://gazette.example/2026/03/img/wheel.jpg", alt: "The wheel")),
                .paragraph("See its history."),
            ])
        #expect(content.byline == "Ilse Marrow")
        #expect(content.authors == [Author(name: "Ilse Marrow", kind: .person)])
        #expect(content.section == Section(name: "Culture"))
        #expect(content.topics == [Topic(name: "Heritage"), Topic(name: "Mills")])
        #expect(content.published == Timestamp(EPaper.instant("2026-03-21T09:30:00Z")))
        #expect(content.updated == Timestamp(EPaper.instant("2026-03-21T11:00:00Z")))
        #expect(content.language == "en")
    }

    @Test func aSparseItemTakesTheFeedsAuthorsAndADay() throws {
        let content = try Self.results()[1].get().content
        #expect(content.source.uri == "1042")
        #expect(
            content.body == [.paragraph("Sailings every hour from April."), .paragraph("The last boat leaves at ten.")])
        #expect(content.byline == "Gazette Desk")
        #expect(content.authors == [Author(name: "Gazette Desk", kind: .staff)])
        #expect(
            content.published == Timestamp(EPaper.date(2026, 3, 22).startOfDay(in: EPaper.karachi), precision: .day))
        #expect(content.section == Section(name: "News"))
    }

    @Test func badItemsAreNamedByLineAndField() throws {
        #expect(
            FormatFixtures.outline(Array(try Self.results()[2...])) == [
                "27: error: field 'items[2].title': expected a string, found nothing",
                "32: error: field 'items[3].date_published': expected a date-time like '2026-03-14T08:15:00Z', found nothing",
            ])
    }

    @Test(arguments: [
        ("", "-: error: the file is empty; expected a JSON Feed"),
        ("[]", "1: error: expected a JSON Feed (an object), found an array"),
        (
            #"{"version": "https://example.org/v2", "items": []}"#,
            "-: error: field 'version': expected 'https://jsonfeed.org/version/1.1', found 'https://example.org/v2'"
        ),
        (
            #"{"version": "https://jsonfeed.org/version/1.1", "items": {}}"#,
            "-: error: field 'items': expected an array, found an object"
        ),
        (
            #"{"items": [{"id": "a", "title": "T", "date_published": "2026-03-22"}]}"#,
            "1: error: field 'items[0].content_html': expected 'content_html' or 'content_text', found neither"
        ),
        (
            #"{"items": [{"title": "T", "content_text": "x", "date_published": "2026-03-22"}]}"#,
            "1: error: field 'items[0].id': expected a string, found nothing"
        ),
    ])
    func badFeedsAreNamed(json: String, expected: String) {
        #expect(FormatFixtures.outline(Self.reader.read(Data(json.utf8), file: "-")) == [expected])
    }

    @Test func truncatedJSONIsReported() throws {
        let data = try FormatFixtures.data("jsonfeed", "harbour.json").prefix(300)
        let outline = FormatFixtures.outline(Self.reader.read(data, file: "feed.json"))
        #expect(outline.count == 1)
        #expect(outline.first?.contains(": error: not valid JSON") == true, "\(outline)")
    }

    @Test func anUpdateNoteIsNotADateline() throws {
        let json =
            #"{"items": [{"id": "a", "title": "T", "content_text": "UPDATE: The ferry sails again.", "date_published": "2026-03-22"}]}"#
        let content = try FormatFixtures.article(Self.reader, Data(json.utf8)).content
        #expect(content.dateline == nil)
        #expect(content.body == [.paragraph("UPDATE: The ferry sails again.")])
    }

    @Test func unsafeImagesAreDropped() throws {
        let json =
            #"{"items": [{"id": "a", "title": "T", "content_text": "x", "image": "javascript:alert(1)", "date_published": "2026-03-22"}]}"#
        let content = try FormatFixtures.article(Self.reader, Data(json.utf8)).content
        #expect(content.body == [.paragraph("x")])
    }
}
