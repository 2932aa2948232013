import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Writing articles in the e-paper text format, and reading them back unchanged.
@Suite(.timeLimit(.minutes(10))) struct EPaperWriterTests {
    static let writer = EPaperTextWriter(publication: EPaper.publication)

    static let ferry = EPaper.content(
        headline: "Lantern Wharf ferry adds a night crossing", summary: "The 2am sailing runs on a six-month trial.",
        byline: "Our Staff Reporter", dateline: Dateline(places: ["KARACHI"]),
        paragraphs: [
            "The harbour authority added a night crossing.", "Officials said the trial would run for six months.",
        ],
        section: "Karachi", topics: ["Transport", "Ferries"],
        published: Timestamp(EPaper.instant("2025-04-29T03:15:00Z")),
        updated: Timestamp(EPaper.instant("2025-04-29T05:32:00Z")), edition: EPaper.date(2025, 4, 29))

    @Test func writesTheDocumentedLayout() {
        #expect(
            Self.writer.write(Self.ferry) == """
                E-Paper | April 29, 2025
                Lantern Wharf ferry adds a night crossing
                The 2am sailing runs on a six-month trial.
                Our Staff Reporter Published April 29, 2025 8:15am Updated April 29, 2025 10:32am

                KARACHI: The harbour authority added a night crossing.

                Officials said the trial would run for six months.

                Published in The Harbour Times, April 29th, 2025

                Karachi
                Transport
                Ferries

                """)
    }

    @Test func writesWireDatelinesSupplementsAndDayPrecisionWithoutAByline() {
        let content = EPaper.content(
            headline: "Pickle makers share one enormous jar",
            dateline: Dateline(places: ["LONDON"], date: "April 28", agency: "Reuters", style: .wire),
            paragraphs: ["The jar needs a ladder."], section: "Business",
            published: Timestamp(EPaper.date(2025, 4, 28).startOfDay(in: EPaper.karachi), precision: .day),
            edition: EPaper.date(2025, 4, 28), supplement: "The Business and Finance Weekly")
        #expect(
            Self.writer.write(content) == """
                E-Paper | April 28, 2025
                Pickle makers share one enormous jar
                Published April 28, 2025

                LONDON, April 28 (Reuters) - The jar needs a ladder.

                Published in The Harbour Times, The Business and Finance Weekly, April 28th, 2025

                Business

                """)
    }

    @Test(arguments: [
        ("2025-04-29T04:05:00Z", "9:05am"), ("2025-04-29T16:05:00Z", "9:05pm"), ("2025-04-28T19:00:00Z", "12:00am"),
        ("2025-04-29T07:30:00Z", "12:30pm"), ("2025-04-29T18:59:00Z", "11:59pm"),
    ])
    func writesTimesAsHourMinuteAndMeridiemInThePublicationsZone(_ instant: String, _ printed: String) throws {
        var content = Self.ferry
        content.published = Timestamp(EPaper.instant(instant))
        content.updated = nil
        let text = Self.writer.write(content)
        #expect(text.contains("Our Staff Reporter Published April 29, 2025 \(printed)\n"))
        #expect(try EPaper.roundTrip(content) == content)
    }

    @Test func writesHeadingsAndQuotesAsParagraphs() throws {
        var content = Self.ferry
        content.body = [.paragraph("First."), .heading("A subhead"), .quote("\"A quote,\" she said.")]
        let reread = try EPaper.roundTrip(content)
        #expect(reread.body == [.paragraph("First."), .paragraph("A subhead"), .paragraph("\"A quote,\" she said.")])
    }

    @Test func putsLineBreaksInsideAFieldOnOneLine() throws {
        var content = Self.ferry
        content.headline = "Lantern Wharf ferry\nadds a night crossing"
        content.body = [.paragraph("The harbour authority\r\n  added a night crossing.\n\nOfficials agreed.")]
        let reread = try EPaper.roundTrip(content)
        #expect(reread.headline == "Lantern Wharf ferry adds a night crossing")
        #expect(reread.body == [.paragraph("The harbour authority added a night crossing. Officials agreed.")])
    }

    static let roundTrips: [(String, ArticleContent)] = [
        ("staff, colon dateline, summary, updated", ferry),
        (
            "wire dateline, two agencies",
            EPaper.content(
                headline: "Clockmakers restore a clock that ran backwards", byline: "Reuters | AFP",
                dateline: Dateline(places: ["LONDON"], date: "April 28", agency: "Reuters", style: .wire),
                paragraphs: ["The repair took three winters.", "And a great deal of tea."], topics: ["Clocks"],
                published: Timestamp(EPaper.instant("2025-04-28T16:05:00Z")), edition: EPaper.date(2025, 4, 29))
        ),
        (
            "two-place dateline, person",
            EPaper.content(
                headline: "Chess champions play by post", summary: "One move a month.", byline: "Farah Qadir",
                dateline: Dateline(places: ["WASHINGTON", "MOSCOW"]), paragraphs: ["They are in no hurry."],
                section: "Sport", topics: ["Chess", "Sport"],
                published: Timestamp(EPaper.instant("2025-04-29T03:15:00Z")),
                edition: EPaper.date(2025, 4, 29))
        ),
        (
            "day precision, no byline, no summary, no dateline",
            EPaper.content(
                headline: "Kite festival returns", paragraphs: ["Three hundred kites are expected."],
                section: "Culture",
                published: Timestamp(EPaper.instant("2025-04-29T19:00:00Z"), precision: .day),
                updated: Timestamp(EPaper.instant("2025-04-30T19:00:00Z"), precision: .day),
                edition: EPaper.date(2025, 4, 30))
        ),
        (
            "supplement, default section, another paper",
            EPaper.content(
                headline: "Pickle makers share one jar", byline: "Monitoring Desk", paragraphs: ["It needs a ladder."],
                section: "News", published: Timestamp(EPaper.instant("2025-04-28T09:05:00Z")),
                edition: EPaper.date(2025, 4, 28),
                paperName: "The Evening Lantern", supplement: "The Business and Finance Weekly")
        ),
        (
            "edition on another day than published",
            EPaper.content(
                headline: "Late shift at the lighthouse", byline: "Staff Report",
                paragraphs: ["The lamp was lit at dusk."],
                published: Timestamp(EPaper.instant("2025-04-28T17:45:00Z")), edition: EPaper.date(2025, 4, 30))
        ),
        (
            "Urdu",
            EPaper.content(
                headline: "شہر کے چڑیا گھر میں پینگوئنوں کے لیے برف کا نیا گھر تیار", byline: "APP",
                paragraphs: ["ایک فرضی شہر کے چڑیا گھر میں پینگوئنوں کے لیے برف سے ڈھکا نیا احاطہ تیار کر لیا گیا ہے۔"],
                section: "Pakistan", topics: ["چڑیا گھر"], published: Timestamp(EPaper.instant("2025-04-29T05:32:00Z")),
                edition: EPaper.date(2025, 4, 29), language: "ur")
        ),
    ]

    @Test(arguments: roundTrips)
    func handBuiltContentSurvivesARoundTrip(_ name: String, _ content: ArticleContent) throws {
        #expect(try EPaper.roundTrip(content) == content)
    }

    @Test func severalArticlesInOneFileSurviveARoundTrip() throws {
        let contents = Self.roundTrips.map(\.1)
        let text = Self.writer.write(contents)
        let parsed = EPaper.parse(text)
        #expect(try EPaper.articles(parsed) == contents)
        #expect(Self.writer.write([]) == "")
    }

    @Test func richBlocksAreWrittenAsParagraphsWithTheDatelineOnTheFirstWords() throws {
        var content = Self.ferry
        content.body = [
            .image(BodyImage(url: "https://cdn.example/ferry.jpg")),
            .paragraph("The harbour authority added a night crossing."),
            .list(BodyList(ordered: false, items: ["Lantern Wharf", "Gull Island"])),
            .list(BodyList(ordered: true, items: ["Board", "Sail"])),
            .image(
                BodyImage(url: "https://cdn.example/gull.jpg", caption: "A gull on the rail.", credit: "Photo: A. Noor")
            ),
            .preformatted("High  06:12\nLow   12:30"),
            .embed(EmbedLink(url: "https://video.example/42", title: "Launch video")),
            .embed(EmbedLink(url: "https://video.example/43")),
        ]
        let reread = try EPaper.article(Self.writer.write(content))
        #expect(reread.dateline == Dateline(places: ["KARACHI"]))
        #expect(
            reread.body
                == [
                    "The harbour authority added a night crossing.", "• Lantern Wharf", "• Gull Island", "1. Board",
                    "2. Sail",
                    "A gull on the rail. Photo: A. Noor", "High  06:12 Low   12:30",
                    "Launch video (https://video.example/42)",
                    "https://video.example/43",
                ].map(BodyBlock.paragraph))
    }
}
