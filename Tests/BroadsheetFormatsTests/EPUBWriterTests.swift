import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// The book's documents as `EPUBWriter` lays them out; `EPUBExportTests` runs epubcheck on whole books.
@Suite(.timeLimit(.minutes(10))) struct EPUBWriterTests {
    static let publication = Publication(name: "The Harbour Times", baseURL: "https://harbour.example")
    static let day = EditionDate(iso: "2026-11-24")!

    static func article(
        _ id: Int64, _ headline: String, section: String = "Metropolitan", page: Int? = nil, language: String = "en",
        body: [BodyBlock] = [.paragraph("The ferry added a night crossing.")], dateline: Dateline? = nil
    ) -> Article {
        let content = ArticleContent(
            headline: headline, byline: "Our Staff Reporter", dateline: dateline, body: body,
            section: Section(name: section), language: language,
            published: Timestamp(Date(timeIntervalSince1970: 1_795_000_000 + Double(id) * 60)),
            edition: EditionReference(
                publication: publication.name, date: day, page: page.map { PageReference(number: $0) }),
            source: ArticleSource(format: "epaper", uri: "urn:test:\(id)"))
        return Article(id: id, slug: Slug(headline), status: .published, revision: 1, content: content)
    }

    private func files(_ edition: EPUBEdition) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: EPUBWriter().entries(edition).map {
                ($0.path, String(decoding: $0.bytes ?? Data(), as: UTF8.self))
            })
    }

    @Test func theMimetypeComesFirstStoredAndTheSameEditionIsTheSameBook() {
        let edition = EPUBEdition(publication: Self.publication, date: Self.day, articles: [Self.article(1, "Ferry")])
        let entries = EPUBWriter().entries(edition)
        #expect(
            entries.first?.path == "mimetype" && entries.first?.content == .stored(Data("application/epub+zip".utf8)))
        #expect(entries.dropFirst().allSatisfy { if case .deflating = $0.content { true } else { false } })
        #expect(EPUBWriter().entries(edition) == entries)
        #expect(Set(entries.map(\.path)).count == entries.count)
    }

    @Test func theContentsGoByPageWhenPagesAreKnownElseBySection() {
        let paged = files(
            EPUBEdition(
                publication: Self.publication, date: Self.day,
                articles: [
                    Self.article(1, "Ferry", page: 1), Self.article(2, "Kites", page: 3),
                    Self.article(3, "Tide", page: 1),
                ]))
        let nav = paged["EPUB/nav.xhtml"] ?? ""
        #expect(nav.components(separatedBy: "<span>Page 1</span>").count == 2, "one group a page")
        #expect(nav.range(of: "Ferry")!.lowerBound < nav.range(of: "Tide")!.lowerBound)
        #expect(nav.range(of: "Tide")!.lowerBound < nav.range(of: "Page 3")!.lowerBound)

        let unpaged = files(
            EPUBEdition(
                publication: Self.publication, date: Self.day,
                articles: [
                    Self.article(1, "Ferry", section: "Metropolitan"), Self.article(2, "Final", section: "Sport"),
                ]))
        #expect(unpaged["EPUB/nav.xhtml"]?.contains("<span>Sport</span>") == true)
    }

    @Test func anUrduArticleIsMarkedRightToLeftAndAnUrduPaperTurnsItsPagesThatWay() {
        var publication = Self.publication
        publication.language = "ur"
        let book = files(
            EPUBEdition(
                publication: publication, date: Self.day,
                articles: [Self.article(4, "کشتی سروس", language: "ur", body: [.paragraph("بندرگاہ پر نئی کشتی۔")])]))
        #expect(book["EPUB/articles/4.xhtml"]?.contains(#"lang="ur" xml:lang="ur" dir="rtl""#) == true)
        #expect(book["EPUB/package.opf"]?.contains(#"page-progression-direction="rtl""#) == true)
    }

    @Test func theDatelineOpensTheFirstParagraphAndTextIsEscaped() {
        let article = Self.article(
            5, "Tolls & fares <rise>",
            body: [
                .image(BodyImage(url: "https://img.example/a.jpg", caption: "The quay")),
                .paragraph("Fares rose\u{0B} by a rupee.\nFrom Monday."),
            ],
            dateline: Dateline(places: ["KARACHI"]))
        let document =
            files(EPUBEdition(publication: Self.publication, date: Self.day, articles: [article]))[
                "EPUB/articles/5.xhtml"] ?? ""
        #expect(document.contains("<h1>Tolls &amp; fares &lt;rise&gt;</h1>"))
        #expect(
            document.contains(#"<p><span class="dateline">KARACHI:</span> Fares rose by a rupee.<br/>From Monday.</p>"#)
        )
        #expect(!document.contains("<img"), "a picture the book does not hold is not shown")
        #expect(document.contains("<figcaption>The quay</figcaption>"))
    }

    @Test func aPictureTheBookHoldsIsShownFromInsideIt() {
        let picture = EPUBPicture(bytes: Data([0xFF, 0xD8, 0xFF]), mediaType: .jpeg)
        let article = Self.article(
            6, "Quay", body: [.image(BodyImage(url: "https://img.example/a.jpg", alt: "The quay"))])
        let edition = EPUBEdition(
            publication: Self.publication, date: Self.day, articles: [article],
            pictures: ["https://img.example/a.jpg": picture])
        let book = files(edition)
        #expect(book["EPUB/articles/6.xhtml"]?.contains(#"<img src="../images/1.jpg" alt="The quay"/>"#) == true)
        #expect(book["EPUB/package.opf"]?.contains(#"href="images/1.jpg" media-type="image/jpeg""#) == true)
        #expect(EPUBWriter().entries(edition).contains { $0.path == "EPUB/images/1.jpg" && $0.bytes == picture.bytes })
    }
}
