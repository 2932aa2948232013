import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// A Ghost export: posts with their authors and tags, bodies from html, Lexical, Mobiledoc or plain text.
@Suite(.timeLimit(.minutes(10))) struct GhostReaderTests {
    static let reader = GhostReader(publication: EPaper.publication)

    static func results() throws -> [Result<ParsedArticle, FormatError>] {
        reader.read(try FormatFixtures.data("ghost", "gazette-export.json"), file: "ghost.json")
    }

    @Test func readsALexicalPostWithItsAuthorsAndTags() throws {
        let article = try Self.results()[0].get()
        let content = article.content
        #expect(article.status == .published)
        #expect(article.line == 10, "the line the post starts on")
        #expect(content.source == ArticleSource(format: "ghost", uri: "ghost:8a6f0d1e-0001-4c2b-9f00-000000000001"))
        #expect(content.headline == "Lifeboat frees a stranded seal")
        #expect(content.summary == "The pup was returned to the sandbank.")
        #expect(content.byline == "Mira Castell, Gazette Desk")
        #expect(
            content.authors == [
                Author(name: "Mira Castell", kind: .person), Author(name: "Gazette Desk", kind: .staff),
            ])
        #expect(content.section == Section(name: "Wildlife"), "the primary public tag, configured or not")
        #expect(content.topics == [Topic(name: "Metropolitan")])
        #expect(content.dateline == Dateline(places: ["SALTMARSH"]))
        #expect(
            content.body == [
                .paragraph("The lifeboat launched at dawn."), .heading("Back on the sand"),
                .list(BodyList(ordered: false, items: ["Cut the net", "Lift the pup"])),
                .image(BodyImage(url: "/content/images/seal.jpg", alt: "A seal pup", caption: "Safe again")),
                .paragraph("From the log."), .paragraph("Kept words"),
            ])
        #expect(content.published == Timestamp(EPaper.instant("2026-03-20T04:10:00Z")))
        #expect(content.updated == Timestamp(EPaper.instant("2026-03-20T06:00:00Z")))
        #expect(content.edition.date == EPaper.date(2026, 3, 20))
    }

    @Test func readsAMobiledocDraft() throws {
        let article = try Self.results()[1].get()
        #expect(article.status == .draft)
        #expect(article.content.published == Timestamp(EPaper.instant("2026-03-18T18:00:00Z")), "Ghost's times are UTC")
        #expect(article.content.section == Section(name: "Music"))
        #expect(
            article.content.body == [
                .paragraph("The choir sang at sunset."), .heading("Encore"),
                .list(BodyList(ordered: true, items: ["First song", "Second song"])),
                .image(BodyImage(url: "https://cdn.example/choir.jpg", caption: "The choir")),
                .paragraph("A markdown card."), .quote("Lovely evening."),
            ])
    }

    @Test func pagesComeInAsDraftsAndPlainTextIsRead() throws {
        let results = try Self.results()
        let page = try results[2].get()
        #expect(page.status == .draft)
        #expect(page.content.body == [.paragraph("We report on the coast.")])
        let plain = try results[4].get().content
        #expect(
            plain.body == [
                .image(
                    BodyImage(url: "https://cdn.example/plain.jpg", alt: "A plain picture", caption: "Plain caption")),
                .paragraph("First paragraph."), .paragraph("Second paragraph."),
            ])
        #expect(plain.summary == "Meta summary.", "posts_meta's description when there is no excerpt")
        #expect(plain.byline == nil)
        #expect(plain.section == Section(name: "News"))
    }

    @Test func aPostWithoutATitleIsNamed() throws {
        #expect(
            FormatFixtures.outline([try Self.results()[3]]) == [
                "47: error: posts[3] ('untitled'): field 'title': expected the headline, found nothing"
            ])
    }

    @Test(arguments: [
        ("[]", "-: error: expected a Ghost export (a JSON object with 'db'), found an array"),
        (#"{"posts": []}"#, "-: error: expected a Ghost export: an object with 'db' (or 'data'), found neither"),
        (#"{"db": [{"data": {"posts": {}}}]}"#, "-: error: field 'posts': expected an array, found an object"),
        (
            #"{"db": [{"data": {"posts": [{"id": "x", "title": "T", "published_at": "2026-03-22T09:00:00Z"}]}}]}"#,
            "1: error: posts[0]: expected a body in 'html', 'lexical', 'mobiledoc' or 'plaintext', found none"
        ),
        (
            #"{"db": [{"data": {"posts": [{"id": "x", "title": "T", "mobiledoc": "{not json", "published_at": "2026-03-22T09:00:00Z"}]}}]}"#,
            "1: error: field 'posts[0].mobiledoc': expected a mobiledoc JSON document, found text that does not parse"
        ),
    ])
    func badExportsAreNamed(json: String, expected: String) {
        #expect(FormatFixtures.outline(Self.reader.read(Data(json.utf8), file: "-")) == [expected])
    }
}
