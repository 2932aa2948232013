import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// ninjs 2.0 out: valid by the schema's rules, and read back as the same article.
@Suite(.timeLimit(.minutes(10))) struct NinjsWriterTests {
    static let publication = EPaper.publication
    static let writer = NinjsWriter(publication: publication)
    static let reader = NinjsReader(publication: publication)

    /// A story using every field the writer fills, and the cases that need care: a wire dateline,
    /// a day-only published time, credits the byline does not name, an Urdu identifier.
    static let rich: ArticleContent = {
        let published = Timestamp(EPaper.date(2026, 3, 20).startOfDay(in: EPaper.karachi), precision: .day)
        return ArticleContent(
            headline: "Saltmarsh lifeboat crew rescues a stranded seal",
            summary: "The pup was returned to the sandbank.",
            byline: "Mira Castell | Harbour Wire",
            authors: [
                Author(name: "Mira Castell", kind: .person), Author(name: "Harbour Wire", kind: .agency),
                Author(name: "Our Coastal Desk", kind: .staff), Author(name: "Ilse Marrow", kind: .person),
                Author(name: "Gull Press", kind: .agency),
            ],
            dateline: Dateline(places: ["SALTMARSH"], date: "March 20", agency: "Harbour Wire", style: .wire),
            body: [
                .image(
                    BodyImage(
                        url: "https://cdn.example/seal.jpg", alt: "A seal pup", caption: "Back on the sand.",
                        credit: "Photo: Tomas Reyl")),
                .paragraph("The crew was called out at dawn & found the pup <tangled> in a net."),
                .heading("A quick release"), .quote("“She was calm,” said the helmsman.\n“Calmer than us.”"),
                .list(BodyList(ordered: true, items: ["Cut the net", "Lift the pup"])),
                .preformatted("Launch  05:10\nReturn  06:45"),
                .embed(EmbedLink(url: "https://video.example/seal", title: "Watch the rescue")),
                .embed(EmbedLink(url: "https://video.example/untitled")),
                .paragraph("Line one\nline two"),
            ],
            section: Section(name: "Karachi"), topics: [Topic(name: "Wildlife"), Topic(name: "Lifeboats")],
            language: "en", published: published,
            updated: Timestamp(EPaper.instant("2026-03-20T07:30:15.250Z")),
            edition: EditionReference(
                publication: "The Harbour Times Weekend", date: EPaper.date(2026, 3, 21), region: "Coast",
                supplement: "Saturday Review", page: PageReference(number: 3, name: "Coast & Country")),
            source: ArticleSource(format: "ninjs", uri: "urn:broadsheet:شہر-میں-مشاعرہ"))
    }()

    @Test func writesAValidNinjsTwoDocument() throws {
        let json = try Self.writer.json(Self.rich, status: .published, revision: 3)
        #expect(NinjsSchemaRules.violations(json) == [])
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(
            object["uri"] as? String
                == "urn:broadsheet:%D8%B4%DB%81%D8%B1-%D9%85%DB%8C%DA%BA-%D9%85%D8%B4%D8%A7%D8%B9%D8%B1%DB%81")
        #expect(object["version"] as? String == "3")
        #expect(object["firstcreated"] as? String == "2026-03-20T00:00:00+05:00")
        #expect(object["versioncreated"] as? String == "2026-03-20T07:30:15.25Z")
        #expect(object["pubstatus"] as? String == "usable")
        #expect(object["located"] as? String == "SALTMARSH")
        #expect((object["standard"] as? [String: String])?["version"] == "2.0")
        #expect((object["subjects"] as? [[String: String]])?.first == ["name": "Karachi", "rel": "section"])
        #expect(
            (object["people"] as? [[String: String]]) == [
                ["name": "Our Coastal Desk", "rel": "author"], ["name": "Ilse Marrow", "rel": "author"],
            ])
        // Harbour Wire is in the byline, but only `infosources` can say it is an agency we do not know.
        #expect((object["infosources"] as? [[String: String]]) == [["name": "Harbour Wire"], ["name": "Gull Press"]])
        let body = try #require((object["bodies"] as? [[String: String]])?.first?["value"])
        #expect(
            body.contains(
                "<p>SALTMARSH, March 20 (Harbour Wire) - The crew was called out at dawn &amp; found the pup &lt;tangled&gt; in a net.</p>"
            ))
    }

    @Test func everyStatusAndEveryFixtureIsValid() throws {
        for status in ArticleStatus.allCases {
            #expect(NinjsSchemaRules.violations(try Self.writer.json(Self.rich, status: status)) == [])
        }
        for name in ["v1-night-ferry.json", "v2-gull-island.json", "v3-lighthouse.json"] {
            let article = try FormatFixtures.article(Self.reader, FormatFixtures.data("ninjs", name))
            #expect(
                NinjsSchemaRules.violations(try Self.writer.json(article.content, status: article.status)) == [],
                "\(name)")
        }
    }

    @Test func aRichArticleReadsBackTheSame() throws {
        for status in ArticleStatus.allCases {
            let reread = try FormatFixtures.article(Self.reader, Self.writer.json(Self.rich, status: status))
            #expect(reread.content == Self.rich)
            #expect(reread.status == status)
        }
    }

    @Test(arguments: ["v1-night-ferry.json", "v2-gull-island.json", "v3-lighthouse.json"])
    func importedArticlesSurviveExportAndImport(name: String) throws {
        let first = try FormatFixtures.article(Self.reader, FormatFixtures.data("ninjs", name))
        let again = try FormatFixtures.article(Self.reader, Self.writer.json(first.content, status: first.status))
        #expect(again.content == first.content)
        #expect(again.status == first.status)
    }

    @Test func ePaperArticlesKeepEverythingNinjsCanHold() throws {
        for name in EPaper.fixtureNames where name != "one-bad-among-good" && name != "body-only" {
            for result in EPaper.parse(try EPaper.fixture(name)) {
                var original = try result.get().content
                let reread = try FormatFixtures.article(Self.reader, Self.writer.json(original)).content
                original.source.format = "ninjs"
                #expect(reread == original, "\(name)")
            }
        }
    }

    @Test func writesJSONLines() throws {
        var lines = try Self.writer.jsonLine(Self.rich)
        lines.append(try Self.writer.jsonLine(Self.rich, status: .draft))
        let text = String(decoding: lines, as: UTF8.self)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.hasSuffix("}\n"))
        let results = Self.reader.read(lines, file: "out.jsonl")
        #expect(try results.map { try $0.get().line } == [1, 2])
        #expect(try results.map { try $0.get().status } == [.published, .draft])
    }
}
