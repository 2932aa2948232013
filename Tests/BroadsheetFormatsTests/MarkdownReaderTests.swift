import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Hugo and Jekyll pages: front matter into fields, Markdown into body blocks.
@Suite(.timeLimit(.minutes(10))) struct MarkdownReaderTests {
    static let reader = MarkdownReader(publication: EPaper.publication)

    static func read(_ name: String) throws -> [Result<ParsedArticle, FormatError>] {
        reader.read(try FormatFixtures.data("markdown", name), file: "content/\(name)")
    }

    @Test func readsAHugoPage() throws {
        let article = try FormatFixtures.article(Self.reader, FormatFixtures.data("markdown", "hugo-tide-mill.md"))
        let content = article.content
        #expect(article.status == .published)
        #expect(content.source == ArticleSource(format: "markdown", uri: "markdown:tide-mill-grinds-again"))
        #expect(content.headline == "Tide mill grinds flour again")
        #expect(content.summary == "The restored wheel turned for the first time in forty years.")
        #expect(content.byline == "Ilse Marrow, Our Heritage Desk")
        #expect(
            content.authors == [
                Author(name: "Ilse Marrow", kind: .person), Author(name: "Our Heritage Desk", kind: .staff),
            ])
        #expect(content.dateline == Dateline(places: ["KESTREL BAY"]))
        #expect(content.section == Section(name: "Culture"))
        #expect(content.topics == [Topic(name: "Heritage"), Topic(name: "Mills")])
        #expect(content.published == Timestamp(EPaper.instant("2026-03-21T04:30:00Z")))
        #expect(content.updated == Timestamp(EPaper.instant("2026-03-21T06:00:00Z")))
        let expected: [BodyBlock] = [
            .paragraph(
                "The wheel turned at high water on Saturday, and the miller's first sack was sold within an hour."),
            .heading("What it took"),
            .quote("\"We rebuilt every paddle,\" said the foreman. \"Twice.\""),
            .list(
                BodyList(
                    ordered: true,
                    items: ["Drain the race", "Replace the paddles", "oak, not pine", "Wait for the tide"])),
            .image(
                BodyImage(
                    url: "/img/wheel.jpg", alt: "The wheel at dawn", caption: "The wheel at dawn. Photo: Tomas Reyl")),
            .preformatted("Flour  2 t\nBran   300 kg"),
            .preformatted("indented code\nkept as written"),
            .paragraph("Line one with a break\nline two, and code_span with snake_case_words and 2 * 3."),
            .image(BodyImage(url: "https://cdn.example/sack.jpg", alt: "A sack", caption: "The first sack.")),
            .paragraph("An escaped *star* and a & reference."),
        ]
        #expect(content.body.count == expected.count)
        for (block, wanted) in zip(content.body, expected) { #expect(block == wanted) }
    }

    @Test func aJekyllPostTakesItsDateFromItsNameAndIsADraft() throws {
        let article = try Self.read("2026-03-22-rowing-cup.md")[0].get()
        #expect(article.status == .draft, "published: false")
        #expect(article.content.source.uri == "markdown:2026-03-22-rowing-cup")
        #expect(
            article.content.published
                == Timestamp(EPaper.date(2026, 3, 22).startOfDay(in: EPaper.karachi), precision: .day))
        #expect(article.content.section == Section(name: "Sport"), "the configured category, not the first")
        #expect(article.content.topics == [Topic(name: "Regattas")])
        #expect(article.content.authors == [Author(name: "Mira Castell", kind: .person)])
    }

    @Test func aSectionFolderNamesTheSection() throws {
        let content = try Self.read("sport/harbour-swim.md")[0].get().content
        #expect(content.section == Section(name: "Sport"))
        #expect(content.published.precision == .day)
    }

    @Test func aLeadingHeadingIsTheHeadlineWhenThereIsNoTitle() throws {
        let content = try Self.read("no-title.md")[0].get().content
        #expect(content.headline == "Fog closes the ferry")
        #expect(content.body == [.paragraph("The fog lifted by noon.")])
    }

    @Test func badFrontMatterIsNamedByLine() throws {
        #expect(
            FormatFixtures.outline(try Self.read("bad-date.md")) == [
                "4: error: field 'date': expected a date like '2026-03-14' or '2026-03-14T08:15:00+05:00', found 'next Tuesday'"
            ])
        let yaml = FormatFixtures.outline(try Self.read("bad-yaml.md"))
        #expect(yaml.count == 1)
        #expect(yaml.first?.contains("error: the front matter is not valid YAML") == true, "\(yaml)")
    }

    @Test func aliasesInFrontMatterDoNotExpand() throws {
        let clock = ContinuousClock()
        var content: ArticleContent?
        let elapsed = try clock.measure { content = try Self.read("laughs.md")[0].get().content }
        #expect(content?.topics == [])
        #expect(elapsed < .seconds(5))
    }

    @Test(arguments: [
        ("", "-: error: the file is empty; expected a Markdown page"),
        ("---\ntitle: x\n", "1: error: the front matter opened on line 1 is never closed: expected a '---' line"),
        (
            "+++\ntitle = 'x'\n+++\n",
            "1: error: TOML front matter ('+++') is not read; write it as YAML between '---' lines"
        ),
        (
            "---\ntitle: T\ndate: 2026-03-23\n---\n\n",
            "5: error: expected the story after the front matter, found nothing"
        ),
        ("---\ndate: 2026-03-23\n---\nText only.\n", "1: error: field 'title': expected the headline, found nothing"),
        ("---\ntitle: T\n---\nText.\n", "1: error: field 'date': expected a date like '2026-03-14', found nothing"),
        (
            "---\ntitle: [a, b]\ndate: 2026-03-23\n---\nText.\n",
            "2: error: field 'title': expected text, found a list or mapping"
        ),
        (
            "---\ntitle: T\ndate: 2026-03-23\ndraft: maybe\n---\nText.\n",
            "4: error: field 'draft': expected true or false, found 'maybe'"
        ),
        ("- just\n- a list\n", "1: error: field 'title': expected the headline, found nothing"),
    ])
    func badPagesAreNamed(markdown: String, expected: String) {
        #expect(FormatFixtures.outline(Self.reader.read(Data(markdown.utf8), file: "-")) == [expected])
    }

    @Test func deepNestingIsRefusedOrFlattened() throws {
        let brackets =
            "---\ntitle: T\ndate: 2026-03-23\ntags: " + String(repeating: "[", count: 10_000) + "\n---\nText.\n"
        #expect(
            FormatFixtures.outline(Self.reader.read(Data(brackets.utf8), file: "-")) == [
                "4: error: the front matter nests lists or mappings more than 32 deep"
            ])
        let quotes = "---\ntitle: T\ndate: 2026-03-23\n---\n" + String(repeating: "> ", count: 50_000) + "Deep words.\n"
        let content = try FormatFixtures.article(Self.reader, Data(quotes.utf8)).content
        #expect(content.body == [.quote("Deep words.")])
    }

    @Test func tablesAndLinkDefinitions() throws {
        let markdown = """
            ---
            title: Tide table
            date: 2026-03-23
            ---
            High water at [Lantern Wharf][lw]:

            | Day | High water |
            |-----|:----------:|
            | Mon | **06:12**  |
            | Tue | 06:58      |

            [lw]: https://gazette.example/lantern-wharf
            [^1]: Times are local.
            """
        let content = try FormatFixtures.article(Self.reader, Data(markdown.utf8)).content
        #expect(
            content.body == [
                .paragraph("High water at Lantern Wharf:"), .paragraph("Day | High water"), .paragraph("Mon | 06:12"),
                .paragraph("Tue | 06:58"), .paragraph("[^1]: Times are local."),
            ])
    }

    @Test func hugoShortcodesAndLiquidTags() throws {
        let markdown = """
            ---
            title: Regatta day
            date: 2026-03-23
            ---
            ## The race {#race .big}
            The crews set off at noon.
            {{< figure src="/img/regatta.jpg" alt="Boats" caption="The start, \\"on time\\"" attr="Photo: Tomas Reyl" >}}
            {{< youtube abc123 >}}
            {{% notice info %}}
            Bring a coat.
            {{% /notice %}}
            {% include ad.html %}
            {{< figure src="javascript:alert(1)" caption="Unsafe picture" >}}
            """
        let content = try FormatFixtures.article(Self.reader, Data(markdown.utf8)).content
        #expect(
            content.body == [
                .heading("The race"), .paragraph("The crews set off at noon."),
                .image(
                    BodyImage(
                        url: "/img/regatta.jpg", alt: "Boats", caption: "The start, \"on time\"",
                        credit: "Photo: Tomas Reyl")),
                .embed(EmbedLink(url: "https://www.youtube.com/watch?v=abc123")), .paragraph("Bring a coat."),
                .paragraph("Unsafe picture"),
            ])
    }

    @Test func aSuppliedHeadlineServesAPageWithout() throws {
        let reader = MarkdownReader(publication: EPaper.publication, suppliedHeadline: "Ferry notice")
        let article = try FormatFixtures.article(
            reader, Data("---\ndate: 2026-03-23\n---\nText only.\n".utf8), file: "-")
        #expect(article.content.headline == "Ferry notice")
        #expect(article.content.source.uri == "markdown:ferry-notice")
    }

    @Test func inlineHTMLAndUnsafeLinksAreSanitised() throws {
        let markdown = """
            ---
            title: Hostile page
            date: 2026-03-23
            ---
            <script>alert(1)</script>
            <p onclick="x()">Clicked <b>text</b></p>

            ![tracking](javascript:alert(1))

            A [link](javascript:alert(1)) keeps its words.
            """
        let content = try FormatFixtures.article(Self.reader, Data(markdown.utf8)).content
        #expect(
            content.body == [.paragraph("Clicked text"), .paragraph("tracking"), .paragraph("A link keeps its words.")])
    }
}
