import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// ninjs 1.x, 2.x and 3.x into articles, and every kind of bad document into a named error.
@Suite(.timeLimit(.minutes(10))) struct NinjsReaderTests {
    static let reader = NinjsReader(publication: EPaper.publication)

    @Test func readsVersionOne() throws {
        let article = try FormatFixtures.article(Self.reader, FormatFixtures.data("ninjs", "v1-night-ferry.json"))
        let content = article.content
        #expect(
            content.source
                == ArticleSource(format: "ninjs", uri: "urn:newsml:wire.example:20260314:lantern-wharf-ferry"))
        #expect(content.headline == "Lantern Wharf ferry adds a night crossing")
        #expect(content.summary == "The 2am sailing runs on a six-month trial.")
        #expect(content.byline == "Mira Castell and Harbour Wire")
        #expect(
            content.authors == [
                Author(name: "Mira Castell", kind: .person), Author(name: "Harbour Wire", kind: .person),
            ])
        #expect(content.dateline == Dateline(places: ["LANTERN WHARF"]))
        #expect(content.section == Section(name: "Business"))
        #expect(content.topics == [Topic(name: "Transport"), Topic(name: "Ferries")])
        #expect(content.published == Timestamp(EPaper.instant("2026-03-14T03:15:00Z")))
        #expect(content.updated == Timestamp(EPaper.instant("2026-03-14T05:32:00Z")))
        #expect(content.edition == EditionReference(publication: "The Harbour Times", date: EPaper.date(2026, 3, 14)))
        #expect(
            content.body == [
                .image(
                    BodyImage(
                        url: "https://wire.example/img/ferry.jpg", caption: "The night ferry at the wharf.",
                        credit: "Mira Castell")),
                .paragraph("The harbour authority added a night crossing on Friday, the first in the town’s history."),
                .heading("Six months"), .paragraph("Officials said the trial would run until September."),
                .list(BodyList(ordered: false, items: ["Departs 2am", "Arrives 3am"])),
            ])
        #expect(article.status == .published)
        #expect(article.line == 1)
    }

    @Test func readsVersionTwo() throws {
        let content = try FormatFixtures.article(Self.reader, FormatFixtures.data("ninjs", "v2-gull-island.json"))
            .content
        #expect(content.headline == "Gull Island pier opens to walkers")
        #expect(content.summary == "The timber walkway reaches the old light.")
        #expect(content.dateline == Dateline(places: ["GULL ISLAND"]))
        #expect(
            content.body == [
                .image(
                    BodyImage(
                        url: "https://wire.example/img/pier-large.jpg", caption: "The pier from the old light",
                        credit: "Tomas Reyl")),
                .paragraph("The pier opened on Sunday morning."),
                .image(
                    BodyImage(
                        url: "https://wire.example/img/pier.jpg", alt: "The pier", caption: "Walkers at dawn.",
                        credit: "Photo: Tomas Reyl")),
                .paragraph("It cost less than planned."),
            ])
        #expect(
            content.authors == [
                Author(name: "Our Staff Reporter", kind: .staff), Author(name: "Ilse Marrow", kind: .person),
                Author(name: "Harbour Wire", kind: .agency), Author(name: "AFP", kind: .agency),
            ])
        #expect(content.section == Section(name: "Metropolitan"), "from the genre, as no subject names a section")
        #expect(content.topics == [Topic(name: "Tourism"), Topic(name: "Coastal Walks")])
        #expect(content.published.instant == EPaper.instant("2026-03-15T03:00:00Z"))
        #expect(content.updated?.instant == EPaper.instant("2026-03-15T04:00:00Z"))
    }

    @Test func readsVersionThreeInCamelCase() throws {
        let article = try FormatFixtures.article(Self.reader, FormatFixtures.data("ninjs", "v3-lighthouse.json"))
        let content = article.content
        #expect(article.status == .draft, "pubStatus withheld")
        #expect(content.headline == "Kestrel Bay light to be relit")
        #expect(content.language == "en-GB")
        #expect(
            content.dateline
                == Dateline(places: ["KESTREL BAY"], date: "March 16", agency: "Harbour Wire", style: .wire))
        #expect(
            content.body == [
                .paragraph("The old light will shine again."),
                .paragraph("Volunteers raised the money over two winters."),
            ])
        #expect(
            content.authors == [Author(name: "Harbour Wire", kind: .agency)], "an infosource makes the byline an agency"
        )
        #expect(content.updated == nil, "versionCreated equals firstCreated")
        #expect(content.section == Section(name: "News"))
        #expect(content.topics == [Topic(name: "Heritage")])
    }

    @Test func readsJSONLinesAndNamesTheBadLines() throws {
        let results = Self.reader.read(try FormatFixtures.data("ninjs", "wire.jsonl"), file: "wire.jsonl")
        let outline = FormatFixtures.outline(results)
        try #require(outline.count == 4)
        #expect(outline[0] == "1: Saltmarsh school wins rowing cup")
        #expect(outline[1] == "2: error: field 'headline': expected a string, found a number")
        #expect(outline[2].hasPrefix("4: error: not valid JSON"))
        #expect(outline[3] == "5: Gull Island ferry fares frozen")
        let lastDay = try results[3].get().content.published
        #expect(lastDay == Timestamp(EPaper.date(2026, 3, 17).startOfDay(in: EPaper.karachi), precision: .day))
        #expect(try results[0].get().content.section == Section(name: "Sport"))
    }

    @Test func readsArraysAndNamesEachElementsLine() throws {
        let results = Self.reader.read(try FormatFixtures.data("ninjs", "array.json"), file: "array.json")
        #expect(
            FormatFixtures.outline(results) == [
                "2: Harbour choir sings at the lighthouse",
                "8: error: field 'headline': expected a string, found nothing",
                "13: error: field 'firstcreated': expected a date-time like '2026-03-14T08:15:00Z', found 'not a date'",
            ])
        if case .failure(let error) = results[1] { #expect(error.file == "array.json") }
    }

    @Test func anArrayThatNeverClosesKeepsItsWholeDocuments() {
        let json =
            ##"[{"uri": "a", "headline": "H", "body_text": "B", "firstcreated": "2026-03-17T10:00:00Z"}, {"uri": "##
        #expect(
            FormatFixtures.outline(Self.reader.read(Data(json.utf8), file: "-")).map { $0.prefix(20) } == [
                "1: H", "1: error: not valid ", "1: error: the file e",
            ])
    }

    @Test(arguments: [
        ("", "-: error: the file is empty; expected a ninjs document"),
        ("  \n ", "-: error: the file is empty; expected a ninjs document"),
        ("[1]", "1: error: expected a ninjs document (a JSON object), found a number"),
        (#"{"uri": 7, "headline": "H", "body_text": "B"}"#, "1: error: field 'uri': expected a string, found a number"),
        (
            #"{"uri": "u", "headlines": "H", "body_text": "B"}"#,
            "1: error: field 'headlines': expected an array, found a string"
        ),
        (
            #"{"uri": "u", "headlines": [], "body_text": "B"}"#,
            "1: error: field 'headlines': expected a headline with a 'value', found none"
        ),
        (
            #"{"uri": "u", "headline": "H", "body_text": "B", "firstcreated": "2026-03-17", "subjects": ["x"]}"#,
            "1: error: field 'subjects[0]': expected an object, found a string"
        ),
        (
            #"{"uri": "u", "headline": "H", "body_text": "B", "firstcreated": "2026-03-17", "pubstatus": "gone"}"#,
            "1: error: field 'pubstatus': expected 'usable', 'withheld' or 'canceled', found 'gone'"
        ),
        (
            #"{"uri": "u", "headline": "  <b> </b> ", "body_text": "B", "firstcreated": "2026-03-17"}"#,
            "1: error: field 'headline': the headline is empty"
        ),
    ])
    func badDocumentsAreNamed(json: String, expected: String) {
        #expect(FormatFixtures.outline(Self.reader.read(Data(json.utf8), file: "-")) == [expected])
    }

    /// A bracket or comma where a document should start ended the scanner's value before it
    /// began, and the scanner read it again without end: one request of `]` took the server's
    /// memory until the kernel stopped it.
    @Test(arguments: ["]", "}", ",", " ] ", #"{"uri": "a"} ]"#, "{\n\"uri\": \"a\"\n} ,\n}"])
    func aStrayBracketOrCommaIsAnErrorNotAnEndlessRead(json: String) {
        let outline = FormatFixtures.outline(Self.reader.read(Data(json.utf8), file: "-"))
        #expect(!outline.isEmpty && outline.count <= 3, "\(outline)")
        #expect(outline.contains { $0.contains("error: not valid JSON") }, "\(outline)")
    }

    @Test func syntaxErrorsNameTheirLineAndColumn() {
        let pretty = "[\n  {\"uri\": \"a\",\n   \"headline\": nope}\n]\n"
        #expect(
            FormatFixtures.outline(Self.reader.read(Data(pretty.utf8), file: "-")) == [
                "3: error: not valid JSON: invalid value at column 17"
            ])
        let deep =
            #"{"uri": "u", "x": "# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        let outline = FormatFixtures.outline(Self.reader.read(Data(deep.utf8), file: "-"))
        #expect(outline.count == 1)
        #expect(outline.first?.contains("not valid JSON: too many nested arrays or dictionaries") == true, "\(outline)")
    }

    @Test func invalidUTF8IsReported() {
        let results = Self.reader.read(Data([0x7B, 0xFF, 0x7D]), file: "latin1.json")
        #expect(
            FormatFixtures.outline(results) == [
                "1: error: not UTF-8 text at byte 2; save the file as UTF-8 and import it again"
            ])
    }
}
