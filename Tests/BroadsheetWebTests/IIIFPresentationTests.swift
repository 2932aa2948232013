import Broadsheet
import BroadsheetFormats
import BroadsheetSQLite
import Foundation
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// The IIIF manifest, collection, content search and ALTO of a printed edition, checked against
/// what the Presentation 3.0 and Content Search 2.0 specs require and, box by box, against the
/// ALTO fixture the page's words were filed from.
@Suite("IIIF Presentation and Content Search", .timeLimit(.minutes(10)))
struct IIIFPresentationTests {
    static let date = WebFixture.april29
    static let root = "https://gazette.example/iiif/3/editions/2025-04-29"
    static let digests = [String(repeating: "a1", count: 32), String(repeating: "b2", count: 32)]

    /// The fixture page's words, read from its ALTO file (1000 × 1500 pixels).
    static func fixturePage() throws -> ALTOPage {
        let url = try #require(
            Bundle.module.url(forResource: "printed-page.alto", withExtension: "xml", subdirectory: "Fixtures"))
        return try ALTOReader().read(try Data(contentsOf: url), file: "printed-page.alto.xml")
    }

    static func box(_ left: Double, _ top: Double, _ width: Double, _ height: Double) throws -> PageBox {
        try PageBox(left: left, top: top, width: width, height: height, pageWidth: 1000, pageHeight: 1500)
    }

    /// April 29 printed on two pages: page 1 from the ALTO fixture, page 2 a few words; the bridge
    /// story starts on page 1 and is continued on page 2, the Urdu poem is a polygon on page 2,
    /// and the draft has a region too, which must never show.
    static func printEdition(_ store: SQLiteStore) async throws {
        let alto = try fixturePage()
        let second = try ["Continued", "harbour", "bridge", "story"].enumerated().map { index, text in
            try WordBox(text: text, box: try box(100 + Double(index) * 150, 100, 120, 30))
        }
        try await store.savePrintedPages(
            [
                PrintedPageWords(
                    page: try PrintedPage(date: date, number: 1, width: 1000, height: 1500, image: "\(digests[0]).png"),
                    words: alto.words),
                PrintedPageWords(
                    page: try PrintedPage(
                        date: date, number: 2, label: "2A", width: 1000, height: 1500, image: "\(digests[1]).png"),
                    words: second),
            ], publication: "The Test Gazette")
        let drafts = try await store.articles(matching: ArticleQuery(status: .draft))
        let edition = try #require(try await store.edition(on: date))
        let bridge = try #require(edition.articles.first { $0.headline.hasPrefix("Harbour bridge") })
        let poem = try #require(edition.articles.first { $0.language == "ur" })
        try await store.savePrintedArticle(
            try PrintedArticle(regions: [
                try Region(page: 1, box: try box(100, 100, 460, 220)),
                try Region(page: 2, box: try box(100, 100, 500, 40)),
            ]), articleID: bridge.id)
        let corners = try [(0.5, 0.5), (0.9, 0.5), (0.9, 0.8), (0.7, 0.9)].map { try PagePoint(x: $0, y: $1) }
        try await store.savePrintedArticle(
            try PrintedArticle(regions: [try Region(page: 2, shape: .polygon(corners))]), articleID: poem.id)
        for draft in drafts.items {
            try await store.savePrintedArticle(
                try PrintedArticle(regions: [try Region(page: 1, box: try box(600, 600, 100, 100))]),
                articleID: draft.id)
        }
    }

    private func withEdition(_ test: @Sendable @escaping (any TestClientProtocol) async throws -> Void) async throws {
        try await WebFixture.withApp(extra: { store in try await Self.printEdition(store) }) { client, _ in
            try await test(client)
        }
    }

    @Test func theManifestHasWhatPresentationThreeRequires() async throws {
        try await withEdition { client in
            let response = try await client.get("/iiif/3/editions/2025-04-29/manifest.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == IIIF.presentationMediaType)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[.cacheControl]?.contains("max-age=60") == true)
            let manifest = try response.json()
            #expect(manifest["@context"] as? String == "http://iiif.io/api/presentation/3/context.json")
            #expect(manifest["id"] as? String == "\(Self.root)/manifest.json")
            #expect(manifest["type"] as? String == "Manifest")
            #expect(manifest["label"] as? [String: [String]] == ["en": ["The Test Gazette, April 29, 2025"]])
            #expect((manifest["summary"] as? [String: [String]])?["en"]?.count == 1)
            #expect(manifest["navDate"] as? String == "2025-04-29T00:00:00+05:00")
            #expect(manifest["behavior"] as? [String] == ["paged"])
            #expect(manifest["viewingDirection"] as? String == "left-to-right")
            #expect(manifest["rights"] == nil && manifest["requiredStatement"] == nil, "we hold no licence to state")
            let homepage = try #require((manifest["homepage"] as? [[String: Any]])?.first)
            #expect(homepage["id"] as? String == "https://gazette.example/epaper/2025-04-29")
            #expect(homepage["type"] as? String == "Text" && homepage["label"] is [String: [String]])
            let thumbnail = try #require((manifest["thumbnail"] as? [[String: Any]])?.first)
            #expect(
                thumbnail["id"] as? String
                    == "https://gazette.example/iiif/3/\(Self.digests[0])/full/200,/0/default.jpg")
            #expect(thumbnail["width"] as? Int == 200 && thumbnail["height"] as? Int == 300)
            let search = try #require((manifest["service"] as? [[String: Any]])?.first)
            #expect(search["type"] as? String == "SearchService2")
            #expect(search["id"] as? String == "\(Self.root)/search")

            let canvases = try #require(manifest["items"] as? [[String: Any]])
            #expect(canvases.count == 2)
            for (index, canvas) in canvases.enumerated() {
                let id = try #require(canvas["id"] as? String)
                #expect(id == "\(Self.root)/canvas/\(index + 1)" && !id.contains("#"))
                #expect(canvas["type"] as? String == "Canvas")
                #expect(canvas["width"] as? Int == 1000 && canvas["height"] as? Int == 1500)
                #expect(canvas["navDate"] as? String == "2025-04-29T00:00:00+05:00")
                #expect(canvas["label"] as? [String: [String]] == ["none": [index == 0 ? "1" : "2A"]])
                let page = try #require((canvas["items"] as? [[String: Any]])?.first)
                #expect(page["type"] as? String == "AnnotationPage" && page["id"] is String)
                let painting = try #require((page["items"] as? [[String: Any]])?.first)
                #expect(painting["type"] as? String == "Annotation")
                #expect(painting["motivation"] as? String == "painting")
                #expect(painting["target"] as? String == id)
                let body = try #require(painting["body"] as? [String: Any])
                #expect(body["type"] as? String == "Image" && body["format"] as? String == "image/jpeg")
                #expect(body["width"] as? Int == 1000 && body["height"] as? Int == 1500)
                let service = try #require((body["service"] as? [[String: Any]])?.first)
                #expect(service["id"] as? String == "https://gazette.example/iiif/3/\(Self.digests[index])")
                #expect(service["type"] as? String == "ImageService3" && service["profile"] as? String == "level2")
                let rendering = try #require((canvas["rendering"] as? [[String: Any]])?.first)
                #expect(rendering["id"] as? String == "\(Self.root)/pages/\(index + 1)/alto.xml")
                #expect(rendering["type"] as? String == "Text" && rendering["label"] is [String: [String]])
            }
        }
    }

    @Test func eachPublishedStoryIsARangeAndAContinuedOneSpansTwoCanvases() async throws {
        try await withEdition { client in
            let response = try await client.get("/iiif/3/editions/2025-04-29/manifest.json")
            #expect(!response.text.contains("Unpublished budget leak"), "a draft's region never shows")
            let ranges = try #require(try response.json()["structures"] as? [[String: Any]])
            #expect(ranges.count == 2)
            let bridge = try #require(ranges.first)
            #expect(bridge["type"] as? String == "Range")
            #expect(bridge["label"] as? [String: [String]] == ["en": ["Harbour bridge reopens after repairs"]])
            let parts = try #require(bridge["items"] as? [[String: Any]])
            #expect(
                parts.compactMap { $0["id"] as? String } == [
                    "\(Self.root)/canvas/1#xywh=100,100,460,220", "\(Self.root)/canvas/2#xywh=100,100,500,40",
                ])
            #expect(parts.allSatisfy { $0["type"] as? String == "Canvas" })
            let poem = try #require(ranges.last)
            #expect(poem["label"] as? [String: [String]] == ["ur": ["شہر میں مشاعرہ"]])
            let outline = try #require((poem["items"] as? [[String: Any]])?.first)
            #expect(outline["type"] as? String == "SpecificResource" && outline["id"] is String)
            #expect((outline["source"] as? [String: Any])?["id"] as? String == "\(Self.root)/canvas/2")
            let selector = try #require(outline["selector"] as? [String: Any])
            #expect(selector["type"] as? String == "SvgSelector")
            #expect((selector["value"] as? String)?.contains("points=\"500,750 900,750 900,1200 700,1350\"") == true)
        }
    }

    @Test func theCollectionListsEachPrintedEditionsManifest() async throws {
        try await withEdition { client in
            let response = try await client.get("/iiif/3/collection.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == IIIF.presentationMediaType)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let collection = try response.json()
            #expect(collection["@context"] as? String == "http://iiif.io/api/presentation/3/context.json")
            #expect(collection["id"] as? String == "https://gazette.example/iiif/3/collection.json")
            #expect(collection["type"] as? String == "Collection")
            #expect(collection["label"] is [String: [String]])
            let items = try #require(collection["items"] as? [[String: Any]])
            #expect(items.count == 1, "April 28 has stories but no printed pages")
            #expect(items.first?["id"] as? String == "\(Self.root)/manifest.json")
            #expect(items.first?["type"] as? String == "Manifest")
            #expect(items.first?["navDate"] as? String == "2025-04-29T00:00:00+05:00")
            #expect(items.first?["label"] is [String: [String]])
        }
    }

    /// Each query's annotations, as `(text, targets)`, against the boxes of the ALTO fixture's
    /// words (page 1) and of page 2's words, in pixels.
    @Test(arguments: [
        (
            "harbour",
            [
                ("Harbour", ["1#xywh=100,100,160,40"]), ("harbour", ["1#xywh=100,240,120,30"]),
                ("harbour", ["1#xywh=670,140,120,30"]), ("harbour", ["2#xywh=250,100,120,30"]),
            ]
        ),
        (
            "bridge",
            [
                ("bridge", ["1#xywh=270,100,130,40"]), ("bridges", ["1#xywh=450,240,90,30", "1#xywh=100,280,40,30"]),
                ("bridge", ["2#xywh=400,100,120,30"]),
            ]
        ),
        ("\"harbour ferry\"", [("harbour ferry", ["1#xywh=670,140,210,30"])]),
        ("harbour -ferry", [("harbour", ["2#xywh=250,100,120,30"])]),
        (
            "notices harbour",
            [
                ("Harbour", ["1#xywh=100,100,160,40"]), ("harbour", ["1#xywh=100,240,120,30"]),
                ("notices", ["1#xywh=700,100,110,30"]), ("harbour", ["1#xywh=670,140,120,30"]),
            ]
        ),
        ("lighthouse", []),
    ])
    func searchHitsStandOnTheirWordsBoxes(query: String, expected: [(String, [String])]) async throws {
        let page = try Self.fixturePage()
        #expect(page.width == 1000 && page.height == 1500, "the fixture is in the canvas's pixels")
        try await withEdition { client in
            let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
            let response = try await client.get("/iiif/3/editions/2025-04-29/search?q=\(escaped)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == IIIF.searchMediaType)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let answer = try response.json()
            #expect(
                answer["@context"] as? [String] == [
                    "http://iiif.io/api/presentation/3/context.json", "http://iiif.io/api/search/2/context.json",
                ])
            #expect(answer["type"] as? String == "AnnotationPage")
            #expect(answer["id"] as? String == "https://gazette.example/iiif/3/editions/2025-04-29/search?q=\(escaped)")
            #expect(answer["ignored"] == nil)
            let items = try #require(answer["items"] as? [[String: Any]])
            let found = items.map { item -> (String, [String]) in
                let target = item["target"]
                let targets = (target as? [String]) ?? [(target as? String) ?? ""]
                let body = item["body"] as? [String: Any]
                return (
                    body?["value"] as? String ?? "",
                    targets.map { $0.replacingOccurrences(of: "\(Self.root)/canvas/", with: "") }
                )
            }
            #expect(found.map(\.0) == expected.map(\.0), "\(query)")
            #expect(found.map(\.1) == expected.map(\.1), "\(query)")
            for item in items {
                #expect(item["type"] as? String == "Annotation" && item["motivation"] as? String == "highlighting")
                #expect((item["body"] as? [String: Any])?["type"] as? String == "TextualBody")
            }
            let contexts = (answer["annotations"] as? [[String: Any]])?.first?["items"] as? [[String: Any]] ?? []
            #expect(contexts.count == items.count)
        }
    }

    /// The annotations' boxes are the ALTO fixture's own numbers, read back from its file.
    @Test func aSingleWordHitIsItsALTOBox() async throws {
        let page = try Self.fixturePage()
        let months = try #require(page.words.first { $0.text == "months" })
        let pixels = months.boxes[0].scaled(width: 1000, height: 1500)
        try await withEdition { client in
            let answer = try await client.get("/iiif/3/editions/2025-04-29/search?q=months").json()
            let item = try #require((answer["items"] as? [[String: Any]])?.first)
            #expect(
                item["target"] as? String
                    == "\(Self.root)/canvas/1#xywh=\(pixels.x),\(pixels.y),\(pixels.width),\(pixels.height)")
            let numbers: [Int] = [pixels.x, pixels.y, pixels.width, pixels.height]
            #expect(numbers == [390, 200, 110, 30])
            let context = try #require(
                ((answer["annotations"] as? [[String: Any]])?.first?["items"] as? [[String: Any]])?.first)
            #expect(context["motivation"] as? String == "contextualizing")
            let target = try #require(context["target"] as? [String: Any])
            #expect(target["source"] as? String == item["id"] as? String)
            let quote = try #require((target["selector"] as? [[String: Any]])?.first)
            #expect(quote["type"] as? String == "TextQuoteSelector")
            #expect(quote["prefix"] as? String == "the old crossing after six ")
            #expect(quote["exact"] as? String == "months")
            #expect(quote["suffix"] as? String == " of harbour work, and the")
        }
    }

    @Test func parametersNotImplementedAreIgnoredAndOtherMotivationsFindNothing() async throws {
        try await withEdition { client in
            let ignored = try await client.get("/iiif/3/editions/2025-04-29/search?q=harbour&user=ed&date=2025").json()
            #expect(ignored["ignored"] as? [String] == ["user", "date"])
            #expect((ignored["items"] as? [Any])?.count == 4)
            let painting = try await client.get("/iiif/3/editions/2025-04-29/search?q=harbour&motivation=painting")
                .json()
            #expect((painting["items"] as? [Any])?.isEmpty == true)
            let asked = try await client.get("/iiif/3/editions/2025-04-29/search?q=harbour&motivation=highlighting")
                .json()
            #expect((asked["items"] as? [Any])?.count == 4)
            let empty = try await client.get("/iiif/3/editions/2025-04-29/search?q=").json()
            #expect((empty["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func aPagesALTOIsItsWordsInPixels() async throws {
        let fixture = try Self.fixturePage()
        try await withEdition { client in
            let response = try await client.get("/iiif/3/editions/2025-04-29/pages/1/alto.xml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let served = try ALTOReader().read(Data(response.text.utf8), file: "alto.xml")
            #expect(served.unit == .pixel && served.width == 1000 && served.height == 1500)
            #expect(served.words.map(\.text) == fixture.words.map(\.text))
            #expect(
                served.words.map { $0.boxes.map { "\($0.scaled(width: 1000, height: 1500))" } }
                    == fixture.words.map { $0.boxes.map { "\($0.scaled(width: 1000, height: 1500))" } })
        }
    }

    @Test(arguments: [
        "/iiif/3/editions/2025-04-30/manifest.json", "/iiif/3/editions/2025-04-28/manifest.json",
        "/iiif/3/editions/2025-13-01/manifest.json", "/iiif/3/editions/2025-04-30/search?q=harbour",
        "/iiif/3/editions/2025-04-28/search?q=harbour", "/iiif/3/editions/2025-04-29/pages/3/alto.xml",
        "/iiif/3/editions/2025-04-28/pages/1/alto.xml", "/iiif/3/editions/2025-04-29/pages/x/alto.xml",
    ])
    func unknownEditionsAndPagesAreNotFound(path: String) async throws {
        try await withEdition { client in
            let response = try await client.get(path)
            #expect(response.status == .notFound, "\(path)")
            #expect(response.headers[.accessControlAllowOrigin] == "*", "\(path)")
        }
    }
}
