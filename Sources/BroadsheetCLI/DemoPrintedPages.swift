import Broadsheet
import BroadsheetFormats
import BroadsheetImages
import BroadsheetImport
import Foundation

extension DemoEdition {
    /// What printing the demo editions did: pages filed and stories found on them, per edition.
    struct PrintedSummary {
        var pages = 0
        var found = 0
        var stories = 0

        var countsLine: String { "\(pages) printed pages, \(found) of \(stories) stories found on them" }
    }

    /// The demo's editions printed as we print them: each edition's stories laid out in columns
    /// into a PDF, then imported like a printing plant's, so the demo shows the replica beside the
    /// text view. Stories in a script the standard PDF fonts cannot set stay text-only.
    static func printPages(
        into store: any ArchiveReading & ArticleFiling & PrintedPageFiling, publication: Publication,
        images: any PageImageStore
    ) async throws -> PrintedSummary {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-demo-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let importer = PrintedEditionImporter(store: store, publication: publication, images: images)
        var summary = PrintedSummary()
        for date in try editionDates() {
            var stories: [PrintedEditionLayout.Story] = []
            for listed in try await store.edition(on: date)?.articles ?? [] {
                guard let content = try await store.article(id: listed.id)?.content else { continue }
                let paragraphs = content.body.map(\.text)
                guard PDFPageWriter.canSet(content.headline + (content.byline ?? "") + paragraphs.joined()) else {
                    continue
                }
                stories.append(.init(headline: content.headline, byline: content.byline, paragraphs: paragraphs))
            }
            guard !stories.isEmpty else { continue }
            let masthead = "\(weekdayNames[date.weekdayFromMonday - 1]), \(date.printed)"
            let (pages, _) = PrintedEditionLayout(publication: publication.name, dateText: masthead).layout(stories)
            let pdf = folder.appendingPathComponent("\(date.iso).pdf")
            try PDFPageWriter(title: "\(publication.name), \(date.printed)").pdf(pages).write(to: pdf)
            let filed = try await importer.importPDF([pdf], date: date)
            summary.pages += filed.pages
            summary.found += filed.found.count
            summary.stories += stories.count
        }
        return summary
    }

    /// The days the demo files are for, from their names (`2026-11-24-01-harbour-bridge.txt`).
    static func editionDates() throws -> [EditionDate] {
        Array(Set(try files().compactMap { EditionDate(iso: $0.lastPathComponent.prefix(10)) })).sorted()
    }

    private static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
}
