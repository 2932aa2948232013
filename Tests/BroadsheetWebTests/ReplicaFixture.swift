import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import BroadsheetImport
import BroadsheetSQLite
import Foundation
import HummingbirdTesting

/// A printed edition behind the real application: stories of our own filed for November 24, 2026,
/// laid out in a PDF we make, and that PDF imported as the edition's pages, so regions, words and
/// images are what a printing plant's PDF gives. The lead story jumps from page 1 to page 2.
enum ReplicaFixture {
    static let day = EditionDate(iso: "2026-11-24")!

    static let lead = "Lantern Wharf bridge reopens"
    static let stories: [PrintedEditionLayout.Story] = [
        .init(
            headline: lead, byline: "Our Staff Reporter",
            paragraphs: [
                "The Lantern Wharf bridge reopened to traffic on Monday evening after eighteen months of repairs.",
                "City engineers said the steel deck had been replaced section by section over the closure.",
                "A small crowd of dock workers and schoolchildren gathered at the western ramp to watch the first bus cross.",
                "The transport department said the reopening should cut the evening commute by twenty-five minutes.",
                "New features include a protected cycle lane, wider footpaths and solar lamps along both railings.",
                "Shopkeepers on the eastern side said trade had fallen by a third while the crossing was shut.",
                "The council will publish a full account of the cost of the works before the end of the year.",
            ]),
        .init(
            headline: "Foundry keeps its steel furnaces lit",
            paragraphs: ["The old foundry by the canal will keep two furnaces burning through the winter."]),
        .init(
            headline: "Ferry passengers wait on the deck",
            paragraphs: ["Passengers waited on the upper deck for an hour while the tide turned at the mouth."]),
        .init(headline: "Swallows stop over at the lagoon", paragraphs: ["Birdwatchers counted thousands at dawn."]),
    ]

    /// What the import made: the stories' ids by headline, and each page's words.
    actor Filed {
        var ids: [String: Int64] = [:]
        var words: [Int: [WordBox]] = [:]
        var pages: [PrintedPage] = []
        var regions: [Int64: PrintedArticle] = [:]
        func record(
            ids: [String: Int64], words: [Int: [WordBox]], pages: [PrintedPage], regions: [Int64: PrintedArticle]
        ) {
            self.ids = ids
            self.words = words
            self.pages = pages
            self.regions = regions
        }
    }

    static func withApp(_ test: @Sendable @escaping (any TestClientProtocol, Filed) async throws -> Void)
        async throws
    {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("replica-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let images = PageImageFolder(root: root.appendingPathComponent("paper.images"))
        let filed = Filed()
        try await WebFixture.withApp(
            images: images, extra: { store in try await file(into: store, images, root, filed) }
        ) { client, _ in
            try await test(client, filed)
        }
    }

    private static func file(into store: SQLiteStore, _ images: PageImageFolder, _ root: URL, _ filed: Filed)
        async throws
    {
        var ids: [String: Int64] = [:]
        for (index, story) in stories.enumerated() {
            var content = WebFixture.story(
                story.headline, section: "Pakistan", topics: ["Transport"],
                byline: story.byline ?? "Our Staff Reporter",
                date: day, hour: 6 + index)
            content.body = story.paragraphs.map { .paragraph($0) }
            ids[story.headline] = try await store.save(content, status: .published).articleID
        }
        let (pages, _) = PrintedEditionLayout(publication: "The Test Gazette", dateText: "Tuesday, November 24, 2026")
            .layout(stories)
        let pdf = root.appendingPathComponent("edition.pdf")
        try PDFPageWriter(title: "The Test Gazette").pdf(pages).write(to: pdf)
        _ = try await PrintedEditionImporter(store: store, publication: WebFixture.publication, images: images)
            .importPDF([pdf], date: day)
        let printed = try await store.printedPages(on: day)
        var words: [Int: [WordBox]] = [:]
        for page in printed { words[page.number] = try await store.words(on: day, page: page.number) }
        await filed.record(
            ids: ids, words: words, pages: printed, regions: try await store.printedArticles(on: day))
    }
}

/// Reading a page's HTML the way a browser would: attributes of the elements a test looks for.
enum HTMLScan {
    /// The value of `attribute` in every tag that matches `tag` (a regular expression for the
    /// tag's opening, like `<img[^>]*class="replica__image"`).
    static func attribute(_ attribute: String, inTags tag: String, of html: String) throws -> [String] {
        let tags = try NSRegularExpression(pattern: tag + "[^>]*>")
        let value = try NSRegularExpression(pattern: "\\s" + attribute + "=\"([^\"]*)\"")
        let text = html as NSString
        return tags.matches(in: html, range: NSRange(location: 0, length: text.length)).compactMap { match in
            let element = text.substring(with: match.range)
            let inner = element as NSString
            guard let found = value.firstMatch(in: element, range: NSRange(location: 0, length: inner.length)) else {
                return nil
            }
            return inner.substring(with: found.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The text between `start` and the next `end` after it.
    static func section(of html: String, from start: String, to end: String) -> String? {
        guard let opening = html.range(of: start),
            let closing = html.range(of: end, range: opening.upperBound..<html.endIndex)
        else { return nil }
        return String(html[opening.lowerBound..<closing.upperBound])
    }
}
