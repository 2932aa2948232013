import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading WordPress exports", .timeLimit(.minutes(10)))
struct WXRReaderTests {
    let reader = WXRReader(publication: XMLFixtures.publication)

    func posts() throws -> [ParsedArticle] {
        try XMLFixtures.articles(reader.read(try XMLFixtures.data("wxr/gazette-export.xml"), file: "export.xml"))
    }

    @Test func readsAPublishedPost() throws {
        let all = try posts()
        #expect(all.count == 2, "the attachment and the trashed post are not stories")
        let post = all[0]
        #expect(post.status == .published)
        let story = post.content
        #expect(story.source == ArticleSource(format: "wxr", uri: "https://old.saltmarsh.example/?p=412"))
        #expect(story.headline == "Rowing club buys its first new boat in twenty years")
        #expect(story.summary == "A sponsored row paid for a new four.")
        #expect(story.byline == "Tamsin Okafor")
        #expect(story.authors == [Author(name: "Tamsin Okafor", kind: .person)])
        #expect(story.section == Section(name: "Sport"))
        #expect(story.topics.map(\.name) == ["Rowing", "Fundraising"])
        #expect(story.published == Timestamp(XMLFixtures.instant("2025-10-30T06:00:00Z")))
        #expect(story.updated == Timestamp(XMLFixtures.instant("2025-10-31T04:00:00Z")))
        #expect(story.language == "en-GB")
        #expect(
            story.body == [
                .paragraph("The rowing club has bought a new four, its first new boat since 2005."),
                .paragraph(
                    "Members raised the money with a sponsored row around the island.\nIt took them eleven hours."),
                .heading("Naming day"),
                .paragraph("The boat will be named at the regatta."),
                .image(
                    BodyImage(
                        url: "https://old.saltmarsh.example/wp-content/uploads/2025/10/four.jpg",
                        alt: "The new four on the slipway")),
            ])
    }

    @Test func aDraftKeepsItsStatusItsLocalDateAndItsOwnCategory() throws {
        let post = try posts()[1]
        #expect(post.status == .draft)
        #expect(post.content.published.instant == XMLFixtures.instant("2025-11-02T05:00:00Z"), "read in Karachi time")
        #expect(post.content.section == Section(name: "Lectures and Events"), "a migration's own category")
        #expect(post.content.byline == "guest", "a login with no author entry is shown as it is")
        #expect(post.content.summary == nil)
        #expect(
            post.content.body == [
                .image(
                    BodyImage(
                        url: "https://old.saltmarsh.example/wp-content/uploads/2025/11/institute-hall.jpg",
                        alt: "Rows of chairs facing a lectern", caption: "The lecture hall of the institute.")),
                .paragraph("The institute will host six winter lectures."),
            ], "the featured image, an attachment later in the file, leads the body")
    }

    @Test func anExportWithoutPostsIsAnError() throws {
        let text = """
            <rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><wp:post_type>page</wp:post_type>
            </item></channel></rss>
            """
        let error = try XMLFixtures.error(reader.read(Data(text.utf8), file: "pages.xml"))
        #expect(error.message == "the export holds no posts")
    }
}
