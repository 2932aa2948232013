import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// What one fixture article must read as.
struct EPaperFixtureExpectation: Sendable, CustomTestStringConvertible {
    var file: String
    var headline: String
    var summary: String? = nil
    var byline: String?
    var authors: [Author]
    var dateline: Dateline? = nil
    var paragraphs: [String]
    var section: String
    var topics: [String] = []
    var language = "en"
    var published: String
    var precision: Timestamp.Precision
    var updated: String? = nil
    var edition: EditionDate
    var paper = "The Harbour Times"
    var supplement: String? = nil

    var testDescription: String { file }
}

@Suite(.timeLimit(.minutes(10))) struct EPaperFixtureTests {
    static let expectations: [EPaperFixtureExpectation] = [
        .init(
            file: "staff-colon-dateline",
            headline: "Lantern Wharf ferry adds a night crossing for fish market workers",
            summary: "The harbour authority says the 2am sailing will run on a six-month trial.",
            byline: "Our Staff Reporter", authors: [Author(name: "Our Staff Reporter", kind: .staff)],
            dateline: Dateline(places: ["KARACHI"]),
            paragraphs: [
                "The harbour authority on Monday added a night crossing to the Lantern Wharf ferry timetable, giving fish market workers a way home after the early auction closes.",
                "The new sailing leaves the wharf at 2am and calls at both island jetties before turning back. Officials said the trial would run for six months and be judged on how many tickets it sells.",
                "\"We have asked for this since the auction moved to the night,\" said a porter who has carried crates in the hall since he was sixteen.",
            ],
            section: "Karachi", topics: ["Transport", "Ferries"],
            published: "2025-04-28T19:00:00Z", precision: .day, updated: "2025-04-29T05:32:00Z",
            edition: EPaper.date(2025, 4, 29)),
        .init(
            file: "wire-two-agencies",
            headline: "Clockmakers' guild restores a tower clock that ran backwards for a century",
            byline: "Reuters | AFP",
            authors: [Author(name: "Reuters", kind: .agency), Author(name: "AFP", kind: .agency)],
            dateline: Dateline(places: ["LONDON"], date: "April 28", agency: "Reuters", style: .wire),
            paragraphs: [
                "A guild of volunteer clockmakers said on Monday it had restored the tower clock of an imaginary market town, whose hands had turned anticlockwise since 1925.",
                "The repair took three winters, two hundred brass screws and a great deal of tea, the guild said.",
            ],
            section: "World", topics: ["Clocks", "Heritage"],
            published: "2025-04-28T16:05:00Z", precision: .minute, edition: EPaper.date(2025, 4, 29)),
        .init(
            file: "person-two-places",
            headline: "Two retired chess champions agree to play their final game by post",
            byline: "Farah Qadir", authors: [Author(name: "Farah Qadir", kind: .person)],
            dateline: Dateline(places: ["WASHINGTON", "MOSCOW"]),
            paragraphs: [
                "Two retired chess champions, both well into their nineties, have agreed to play one last game by post, sending a single move each month on a picture postcard.",
                "At that pace the game could last several years. Both players said they were in no hurry.",
            ],
            section: "Sport", topics: ["Chess", "Sport"],
            published: "2025-04-29T03:15:00Z", precision: .minute, edition: EPaper.date(2025, 4, 29)),
        .init(
            file: "no-credit",
            headline: "Kite festival returns to the riverbank after a two-year pause",
            summary: "Organisers expect more than three hundred kites over the water this weekend.",
            byline: nil, authors: [], dateline: Dateline(places: ["DERA ISMAIL KHAN"]),
            paragraphs: [
                "The riverbank kite festival returns this weekend after a two-year pause, with a new category for kites shaped like household appliances.",
                "Last year's winning design, a kite in the shape of a ceiling fan, will be flown again on Sunday.",
            ],
            section: "Culture", topics: ["Kites", "Festivals"],
            published: "2025-04-29T19:00:00Z", precision: .day, edition: EPaper.date(2025, 4, 30)),
        .init(
            file: "supplement",
            headline: "Pickle makers form a cooperative to share one enormous jar",
            byline: "Monitoring Desk", authors: [Author(name: "Monitoring Desk", kind: .staff)],
            paragraphs: [
                "The country's smallest pickle makers have formed a cooperative whose first purchase is a single jar tall enough to need a ladder, its founders told an audience of mildly puzzled bankers."
            ],
            section: "Business", topics: ["Cooperatives"],
            published: "2025-04-28T09:05:00Z", precision: .minute, edition: EPaper.date(2025, 4, 28),
            supplement: "The Business and Finance Weekly"),
        .init(
            file: "urdu",
            headline: "شہر کے چڑیا گھر میں پینگوئنوں کے لیے برف کا نیا گھر تیار",
            byline: "APP", authors: [Author(name: "APP", kind: .agency)],
            paragraphs: [
                "ایک فرضی شہر کے چڑیا گھر میں پینگوئنوں کے لیے برف سے ڈھکا نیا احاطہ تیار کر لیا گیا ہے۔ انتظامیہ کے مطابق یہ احاطہ گرمیوں میں بھی ٹھنڈا رہے گا۔",
                "چڑیا گھر کے ایک ملازم نے بتایا کہ پینگوئن نئے گھر میں پہنچتے ہی خوشی سے برف پر پھسلنے لگے۔",
            ],
            section: "Pakistan", topics: ["چڑیا گھر"], language: "ur",
            published: "2025-04-29T05:32:00Z", precision: .minute, edition: EPaper.date(2025, 4, 29)),
        .init(
            file: "furniture",
            headline: "Volunteers repaint the lighthouse in its original stripes",
            byline: "Our Staff Reporter", authors: [Author(name: "Our Staff Reporter", kind: .staff)],
            dateline: Dateline(places: ["ORMARA"]),
            paragraphs: [
                "Volunteers spent the weekend repainting the town's small lighthouse in the red and white stripes it wore when it was first lit."
            ],
            section: "Metropolitan", topics: ["Lighthouses"],
            published: "2025-04-29T13:00:00Z", precision: .minute, edition: EPaper.date(2025, 4, 29)),
    ]

    @Test(arguments: expectations)
    func readsFixture(_ expected: EPaperFixtureExpectation) throws {
        let content = try EPaper.article(try EPaper.fixture(expected.file))
        #expect(content.headline == expected.headline)
        #expect(content.summary == expected.summary)
        #expect(content.byline == expected.byline)
        #expect(content.authors == expected.authors)
        #expect(content.dateline == expected.dateline)
        #expect(content.body == expected.paragraphs.map(BodyBlock.paragraph))
        #expect(content.section == Section(name: expected.section))
        #expect(content.topics == expected.topics.map { Topic(name: $0) })
        #expect(content.language == expected.language)
        #expect(content.published == Timestamp(EPaper.instant(expected.published), precision: expected.precision))
        #expect(content.updated == expected.updated.map { Timestamp(EPaper.instant($0), precision: .minute) })
        let edition = EditionReference(
            publication: expected.paper, date: expected.edition, supplement: expected.supplement)
        #expect(content.edition == edition)
        #expect(
            content.source == .epaper(publication: expected.paper, date: expected.edition, headline: expected.headline))
    }

    @Test func readsSeveralArticlesIncludingOneWithoutAnEditionLine() throws {
        let results = EPaper.parse(try EPaper.fixture("several-articles"), file: "several-articles.txt")
        let parsed = try results.map { try $0.get() }
        #expect(parsed.map(\.line) == [1, 11, 18])
        #expect(
            parsed.map(\.content.edition.date) == [
                EPaper.date(2025, 4, 27), EPaper.date(2025, 4, 28), EPaper.date(2025, 4, 29),
            ])
        #expect(parsed.map(\.content.section.name) == ["National", "News", "Sport"])
        #expect(parsed.map(\.content.dateline?.place) == ["GWADAR", nil, "LAHORE"])
        #expect(parsed[1].content.topics.isEmpty)
        #expect(parsed[1].content.authors == [Author(name: "Staff Report", kind: .staff)])
        #expect(parsed[2].content.authors == [Author(name: "Sana Mirza", kind: .person)])
    }

    @Test func oneBadArticleDoesNotStopTheOthers() throws {
        let results = EPaper.parse(try EPaper.fixture("one-bad-among-good"), file: "one-bad-among-good.txt")
        try #require(results.count == 3)
        let first = try results[0].get()
        let last = try results[2].get()
        #expect(first.content.headline == "Library extends its opening hours for night-shift readers")
        #expect(last.content.headline == "Tram drivers vote to name every tram after a local poet")
        #expect(last.line == 13)
        guard case .failure(let error) = results[1] else {
            Issue.record("the middle article should fail")
            return
        }
        #expect(error.file == "one-bad-among-good.txt")
        #expect(error.line == 9)
        #expect(error.message.contains("'Published Aprl 29, 2025'"))
        #expect(error.description.hasPrefix("one-bad-among-good.txt:9: expected 'Published <date>'"))
    }

    @Test func bodyOnlyCopyIsRejectedWithoutASuppliedHeadline() throws {
        let error = try EPaper.error(try EPaper.fixture("body-only"), file: "body-only.txt")
        #expect(error.line == 3)
        #expect(error.description.hasPrefix("body-only.txt:3: no headline: the copy starts with body text"))
        #expect(error.message.contains("--headline"))
    }

    @Test func bodyOnlyCopyIsReadWithASuppliedHeadline() throws {
        let content = try EPaper.article(try EPaper.fixture("body-only"), headline: "Bookshop reopens after the flood")
        #expect(content.headline == "Bookshop reopens after the flood")
        #expect(content.summary == nil)
        #expect(content.byline == nil)
        #expect(content.dateline == Dateline(places: ["KARACHI"]))
        #expect(content.body.count == 2)
        #expect(content.body[0].text.hasPrefix("The city's oldest bookshop reopened on Saturday"))
        #expect(content.section == Section(name: "Culture"))
        #expect(content.topics == [Topic(name: "Bookshops")])
        #expect(content.published == Timestamp(EPaper.instant("2025-04-25T19:00:00Z"), precision: .day))
        #expect(content.edition == EditionReference(publication: "The Harbour Times", date: EPaper.date(2025, 4, 26)))
    }

    static let roundTripFiles = EPaper.fixtureNames.filter { $0 != "one-bad-among-good" && $0 != "body-only" }

    @Test(arguments: roundTripFiles)
    func fixtureSurvivesARoundTrip(_ name: String) throws {
        let articles = try EPaper.articles(EPaper.parse(try EPaper.fixture(name)))
        let written = EPaperTextWriter(publication: EPaper.publication).write(articles)
        let reread = try EPaper.articles(EPaper.parse(written))
        #expect(reread == articles)
    }

    @Test func goodArticlesOfABadFileAndBodyOnlyCopySurviveARoundTrip() throws {
        let good = EPaper.parse(try EPaper.fixture("one-bad-among-good")).compactMap { try? $0.get().content }
        #expect(good.count == 2)
        let bodyOnly = try EPaper.article(try EPaper.fixture("body-only"), headline: "Bookshop reopens")
        for content in good + [bodyOnly] {
            #expect(try EPaper.roundTrip(content) == content)
        }
    }

    @Test func crlfAndAByteOrderMarkReadLikePlainLineEnds() throws {
        for name in EPaper.fixtureNames {
            let text = try EPaper.fixture(name)
            let windows = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            let plain = EPaper.parse(text, headline: name == "body-only" ? "Supplied" : nil)
            let crlf = EPaper.parse(windows, headline: name == "body-only" ? "Supplied" : nil)
            #expect(crlf == plain, "\(name)")
        }
    }
}
