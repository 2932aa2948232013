import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Real copy as it comes: legacy encodings, missing identities and dates, items without text,
/// the many shapes of ninjs, CDATA and entities. Each is read, and each repair is said.
@Suite("Reading copy as it comes", .timeLimit(.minutes(5)))
struct LenientReadingTests {
    static let received = XMLFixtures.instant("2025-12-05T10:00:00Z")
    let rss = RSSReader(publication: XMLFixtures.publication, receivedAt: Self.received)

    /// The one story of an RSS fixture, read after the importer's charset step.
    func story(_ name: String) throws -> (ParsedArticle, IngestRepair?) {
        let (data, repair) = XMLCharsetRepair.repaired(try XMLFixtures.data("lenient/\(name)"))
        let stories = try XMLFixtures.articles(rss.read(data, file: name))
        try #require(stories.count == 1)
        return (stories[0], repair)
    }

    @Test(
        "Declared legacy encodings read as what they declare",
        arguments: [
            ("latin1.xml", "Le café du port rouvre"),
            ("latin9.xml", "Le ticket de bus passe à 2 €"),
            ("windows-1250.xml", "Łódź otwiera nowy przystań"),
            ("windows-1251.xml", "Паром снова ходит"),
            ("windows-1252.xml", "Ferry’s timetable “back to normal”"),
            ("koi8-r.xml", "Маяк снова светит"),
        ])
    func declaredEncodings(file: String, headline: String) throws {
        let (story, repair) = try story(file)
        #expect(story.content.headline == headline)
        #expect(repair == nil)
        // The strict reader reads them too, without the importer's step.
        let direct = try XMLFixtures.articles(rss.read(try XMLFixtures.data("lenient/\(file)"), file: file))
        #expect(direct.map(\.content.headline) == [headline])
    }

    @Test func aUTF8DocumentWithAWrongDeclarationIsReadAsUTF8() throws {
        let (story, repair) = try story("utf8-declared-latin1.xml")
        #expect(story.content.headline == "Les pêcheurs fêtent la saison")
        #expect(repair == .encoding(declared: "ISO-8859-1", used: "UTF-8"))
    }

    @Test func anUndeclaredLegacyDocumentFallsBackToWindows1252WithAWarning() throws {
        let (story, repair) = try story("undeclared-cp1252.xml")
        #expect(story.content.headline == "Café owners “pleased” with the new pier")
        #expect(repair == .encoding(declared: nil, used: "Windows-1252"))
        #expect(repair?.description == "the document declares no encoding and is not UTF-8; read as Windows-1252")
    }

    @Test func theHTTPCharsetComesBeforeTheFallback() throws {
        // "Маяк" in Windows-1251, in a document that declares nothing: the HTTP header names it.
        let cp1251 =
            Data("<rss version=\"2.0\"><channel><item><title>".utf8) + Data([0xCC, 0xE0, 0xFF, 0xEA])
            + Data("</title></item></channel></rss>".utf8)
        let (data, repair) = XMLCharsetRepair.repaired(cp1251, httpCharset: "windows-1251")
        #expect(repair == nil)
        #expect(String(decoding: data, as: UTF8.self).contains("<title>Маяк</title>"))
    }

    @Test func itemsWithoutGuidOrDateAreDerivedAndDatedFromTheChannel() throws {
        let results = rss.read(try XMLFixtures.data("lenient/undated-feed.xml"), file: "notes.xml")
        #expect(
            FormatFixtures.outline(results) == [
                "6: Lifeboat crew called out twice", "10: School choir sings at the quay",
                "14: error: expected a publication date in the item's pubDate for 'Library opens late on Thursdays', "
                    + "like \(InternetDate.examples)",
                "20: Harbour dues unchanged",
            ])
        let stories = results.compactMap { try? $0.get() }
        let (lifeboat, choir) = (stories[0], stories[1])
        #expect(lifeboat.content.source.uri != choir.content.source.uri)
        #expect(lifeboat.content.source.uri.hasPrefix("urn:broadsheet:derived:rss:"))
        #expect(lifeboat.content.published.instant == XMLFixtures.instant("2025-12-04T06:00:00Z"))
        #expect(
            lifeboat.repairs == [
                .missingDate(field: "the item's pubDate", source: .document),
                .derivedIdentity(field: "the item's guid or link", uri: lifeboat.content.source.uri),
            ])
        #expect(stories[2].repairs.isEmpty)
        // The same words give the same identity on every reading, whenever it is read.
        let later = RSSReader(publication: XMLFixtures.publication, receivedAt: Date())
        let again = later.read(try XMLFixtures.data("lenient/undated-feed.xml"), file: "notes.xml")
        #expect(try again[0].get().content.source.uri == lifeboat.content.source.uri)
    }

    @Test func anItemWithNoDateAnywhereIsDatedWhenReceived() throws {
        let (story, _) = try story("undated-no-channel-date.xml")
        #expect(story.content.published == Timestamp(Self.received))
        #expect(story.repairs.first == .missingDate(field: "the item's pubDate", source: .received))
    }

    @Test func anAtomEntryWithoutIdOrDatesTakesTheFeedsDate() throws {
        let atom = AtomReader(publication: XMLFixtures.publication, receivedAt: Self.received)
        let story = try XMLFixtures.articles(
            atom.read(try XMLFixtures.data("lenient/atom-undated.xml"), file: "notes.xml"))[0]
        #expect(story.content.published.instant == XMLFixtures.instant("2025-12-04T05:00:00Z"))
        #expect(story.repairs.map(\.description).count == 2)
        #expect(story.content.source.uri.hasPrefix("urn:broadsheet:derived:atom:"))
    }

    @Test func nitfWithoutDocIdOrDateIsFiledWithCDATAAndEntitiesRead() throws {
        let nitf = NITFReader(publication: XMLFixtures.publication, receivedAt: Self.received)
        let story = try XMLFixtures.articles(
            nitf.read(try XMLFixtures.data("lenient/nitf-no-doc-id.xml"), file: "tides.xml"))[0]
        #expect(story.content.headline == "Tide tables printed early & free")
        #expect(
            story.content.body == [
                .paragraph("The harbour office printed next year’s tide tables a month early."),
                .paragraph("Copies are free at the office & the library."),
            ])
        #expect(story.content.published == Timestamp(Self.received))
        #expect(story.content.source.uri.hasPrefix("urn:broadsheet:derived:nitf:"))
    }

    @Test func cdataAndEntitiesInTitlesAndBodiesAreRead() throws {
        let (story, repair) = try story("cdata-entities.xml")
        #expect(repair == nil)
        #expect(story.content.headline == "Fish & chips: the quay's \"best\" stall")
        #expect(story.content.summary == "Readers vote “Nadia’s” stall the quay's best & cheapest.")
        #expect(story.content.dateline?.places == ["QUAYSIDE"])
        #expect(
            story.content.body == [
                .paragraph("Readers voted Nadia’s stall the best on the quay & the cheapest."),
                .paragraph("Café owners nearby — “delighted” — agree."),
            ])
        #expect(story.repairs.isEmpty)
    }

    @Test func newsMLItemsWithoutTextArePicturesAndVideosAreBriefs() throws {
        let reader = NewsMLReader(publication: XMLFixtures.publication, receivedAt: Self.received)
        let stories = try XMLFixtures.articles(
            reader.read(try XMLFixtures.data("lenient/newsml-briefs.xml"), file: "wire.xml"))
        #expect(
            stories.map(\.content.headline) == [
                "Storm warning lifted for the islands", "Regatta results in full", "Seals rest on the harbour steps",
                "Watch: the new ferry's first crossing", "Island cup: results of the second round",
            ])
        #expect(stories[0].content.body == [.paragraph("The coastguard lifted the storm warning at dawn.")])
        #expect(stories[1].content.body == [.embed(EmbedLink(url: "https://wire.example/regatta/results.html"))])
        #expect(
            stories[2].content.body == [
                .image(
                    BodyImage(
                        url: "https://wire.example/photos/seals.jpg",
                        caption: "Two grey seals on the harbour steps at low tide."))
            ])
        #expect(stories[3].content.body == [.embed(EmbedLink(url: "https://wire.example/video/ferry.mp4"))])
        #expect(
            stories.map(\.repairs) == [
                [.brief(field: "contentSet", kind: "text")], [.brief(field: "contentSet", kind: "text")],
                [.brief(field: "contentSet", kind: "picture")], [.brief(field: "contentSet", kind: "video")],
                [
                    .missingDate(field: "itemMeta/versionCreated", source: .document),
                    .brief(field: "contentSet", kind: "sport"),
                ],
            ])
        #expect(stories[4].content.published.instant == XMLFixtures.instant("2025-12-04T07:00:00Z"))
        #expect(
            stories[4].content.body == [.paragraph("Harbour Rovers and the Quay Eleven go through to the semi-finals.")]
        )
    }

    @Test func ninjsInEveryShapeIsFiled() throws {
        let reader = NinjsReader(publication: XMLFixtures.publication, receivedAt: Self.received)
        let stories = try XMLFixtures.articles(
            reader.read(try XMLFixtures.data("lenient/ninjs-shapes.jsonl"), file: "wire.jsonl"))
        #expect(stories.count == 6)
        let (guidOnly, bare, norwegian, german, picture, brief) = (
            stories[0], stories[1], stories[2], stories[3], stories[4], stories[5]
        )
        #expect(guidOnly.content.source.uri == "urn:agency.example:guid-only")
        #expect(guidOnly.repairs.isEmpty)
        #expect(bare.content.source.uri.hasPrefix("urn:broadsheet:derived:ninjs:"))
        #expect(bare.content.body == [.paragraph("The keeper hands over the lamp on Friday.")])
        #expect(bare.content.published == Timestamp(Self.received))
        #expect(
            bare.repairs == [
                .brief(field: "bodies, body_html or body_text", kind: "text"),
                .missingDate(field: "firstcreated or versioncreated", source: .received),
                .derivedIdentity(field: "uri", uri: bare.content.source.uri),
            ])
        #expect(norwegian.content.language == "nb")
        #expect(norwegian.content.body.count == 2)
        #expect(german.content.language == "de")
        #expect(
            Array(german.content.body.prefix(2)) == [
                .image(BodyImage(url: "https://agency.example/img/harbour-l.jpg", caption: "Der Hafen im Sturm")),
                .image(BodyImage(url: "https://agency.example/img/ferry.jpg", caption: "Die Fähre am Kai")),
            ], "pictures in a nested gallery come too")
        #expect(
            picture.content.body == [
                .image(
                    BodyImage(
                        url: "https://agency.example/img/frost.jpg",
                        caption: "Frost covers the harbour wall at sunrise."))
            ])
        #expect(picture.repairs == [.brief(field: "bodies, body_html or body_text", kind: "picture")])
        #expect(brief.content.body == [.paragraph("The island cup final ended 2-2 after extra time.")])
    }

    @Test func anEPaperCreditOfOnlyADateRightBeforeTheFirstParagraph() throws {
        let parser = EPaperTextParser(publication: XMLFixtures.publication)
        let story = try XMLFixtures.articles(
            parser.read(try XMLFixtures.data("lenient/epaper-date-credit.txt"), file: "ferry.txt"))[0].content
        #expect(story.headline == "Night ferry adds a Sunday crossing")
        #expect(story.byline == nil)
        #expect(story.dateline?.places == ["KARACHI"])
        #expect(
            story.body.first
                == .paragraph("The night ferry will run on Sundays from next week, the port authority said."))
        #expect(story.published.precision == .day)
        #expect(story.edition.date == EditionDate(iso: "2025-12-06"))
    }

    @Test func anEPaperPhotoCaptionBeforeTheFirstParagraphIsThePicturesCaption() throws {
        let parser = EPaperTextParser(publication: XMLFixtures.publication)
        let story = try XMLFixtures.articles(
            parser.read(try XMLFixtures.data("lenient/epaper-photo-caption.txt"), file: "seals.txt"))[0]
        let caption = BodyImage(
            url: "", caption: "Two grey seals rest on the harbour steps at low tide.", credit: "Sana Mirza")
        #expect(story.content.dateline?.places == ["KARACHI"])
        #expect(
            story.content.body == [
                .image(caption),
                .paragraph("Grey seals have returned to the harbour steps for the first winter in ten years."),
                .paragraph("Wardens ask visitors to keep ten metres away and to keep dogs on a lead."),
            ])
        #expect(story.content.leadImage == nil, "a picture without an address is never a link preview")
        #expect(story.repairs.count == 1)
        // Written out and read again, it is the same article.
        let written = EPaperTextWriter(publication: XMLFixtures.publication).write(story.content)
        let again = try XMLFixtures.articles(parser.parse(written, file: "again.txt"))[0]
        #expect(again.content.body == story.content.body)
        #expect(again.content.dateline == story.content.dateline)
    }

    @Test(arguments: [
        "KARACHI: The minister spoke to reporters on Monday — Reuters",
        "The bridge reopened on Monday — and traffic returned.",
    ])
    func aFirstLineThatIsNoCaptionStaysTheParagraph(line: String) throws {
        let copy = "E-Paper | December 6, 2025\nA headline\nAFP Published December 6, 2025\n\(line)\n\nMore text.\n"
        let parser = EPaperTextParser(publication: XMLFixtures.publication)
        let story = try XMLFixtures.articles(parser.parse(copy, file: "copy.txt"))[0]
        #expect(story.repairs.isEmpty)
        #expect(story.content.body.count == 2)
        #expect(story.content.body.allSatisfy { $0.type == "paragraph" })
    }
}
