import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Our own RSS and Atom feeds, read back by our feed readers: what another Broadsheet (or any
/// reader following the same formats) gets from us.
@Suite("Feeds written and read back", .timeLimit(.minutes(10)))
struct FeedRoundTripTests {
    static let publication = XMLFixtures.publication

    static let content = ArticleContent(
        headline: "Harbour lights relit after the storm", summary: "All twelve lamps on the mole work again.",
        byline: "Tamsin Okafor | AFP",
        authors: [Author(name: "Tamsin Okafor", kind: .person), Author(name: "AFP", kind: .agency)],
        dateline: Dateline(places: ["SALTMARSH"]),
        body: [
            .paragraph("The lamps along the harbour mole were relit on Tuesday evening."),
            .heading("What it cost"),
            .quote("Twelve lamps, one crane and a very patient electrician."),
            .list(BodyList(ordered: true, items: ["North mole", "South mole"])),
            .preformatted("Lamp  Watts\n1     60"),
        ],
        section: Section(name: "Metropolitan"), topics: [Topic(name: "Harbour"), Topic(name: "Storms")],
        published: Timestamp(XMLFixtures.instant("2025-11-04T04:30:00Z")),
        updated: Timestamp(XMLFixtures.instant("2025-11-04T06:10:00Z")),
        edition: EditionReference(
            publication: "The Saltmarsh Gazette", date: EditionDate(year: 2025, month: 11, day: 4)!),
        source: ArticleSource(format: "epaper", uri: "epaper:x"))

    static let links = FeedEntry.Links(
        permalink: { $1.url("/news/\($0.id)") }, page: { $1.url("/news/\($0.id)/\($0.slug)") },
        author: { $1.url("/people/\($0.slug)") })

    func readBack(_ format: String) throws -> ArticleContent {
        let article = Article(
            id: 42, slug: Slug(Self.content.headline), status: .published, revision: 2, content: Self.content)
        let feed = Feed(
            title: "The Saltmarsh Gazette", description: "News", homePageURL: Self.publication.url("/"),
            language: "en", publisher: "The Saltmarsh Gazette",
            entries: [FeedEntry(article: article, publication: Self.publication, links: Self.links)])
        let selfURL = Self.publication.url("/feed.xml")
        let results: [Result<ParsedArticle, FormatError>]
        if format == "rss" {
            results = RSSReader(publication: Self.publication).read(
                Data(RSSFeedWriter.write(feed, selfURL: selfURL).utf8), file: "feed.xml")
        } else {
            results = AtomReader(publication: Self.publication).read(
                Data(AtomFeedWriter.write(feed, selfURL: selfURL).utf8), file: "atom.xml")
        }
        let articles = try XMLFixtures.articles(results)
        try #require(articles.count == 1)
        return articles[0].content
    }

    @Test(arguments: ["rss", "atom"])
    func theStoryComesBackWhole(format: String) throws {
        let story = try readBack(format)
        let original = Self.content
        #expect(story.source == ArticleSource(format: format, uri: "https://saltmarsh.example/news/42"))
        #expect(story.headline == original.headline)
        #expect(story.summary == original.summary)
        #expect(story.byline == original.byline)
        #expect(story.authors == original.authors)
        #expect(story.dateline == original.dateline)
        #expect(story.body == original.body)
        #expect(story.section == original.section)
        #expect(story.topics == original.topics)
        #expect(story.language == original.language)
        #expect(story.published.instant == original.published.instant)
        #expect(story.updated?.instant == original.updated?.instant)
    }
}
