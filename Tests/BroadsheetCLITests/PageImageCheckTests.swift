import Broadsheet
import BroadsheetImages
import BroadsheetSQLite
import Foundation
import Testing

@testable import BroadsheetCLI

/// `broadsheet db check` reads every printed page's image and thumbnail from where they are kept.
@Suite("broadsheet db check of page images", .timeLimit(.minutes(10)))
struct PageImageCheckTests {
    typealias Workspace = ImportCommandTests.Workspace
    static let day = EditionDate(iso: "2026-11-24")!

    private func check(_ arguments: [String]) async throws -> (status: Int32, report: String) {
        let command = try #require(
            try BroadsheetCommand.parseAsRoot(["db", "check"] + arguments) as? DatabaseCommand.Check)
        var report = ""
        let status = try await command.execute(output: &report)
        return (status, report)
    }

    /// A `width` × `height` picture, its left half red in `shade`.
    private func picture(_ file: URL, width: Int, height: Int, shade: UInt8) throws -> URL {
        var bytes = Data("P6\n\(width) \(height)\n255\n".utf8)
        for _ in 0..<height {
            for x in 0..<width { bytes.append(contentsOf: x < width / 2 ? [200, shade, shade] : [250, 250, 250]) }
        }
        try bytes.write(to: file)
        return file
    }

    @Test func aCorruptImageAndAMissingThumbnailAreNamedByPageAndAddress() async throws {
        let workspace = try Workspace()
        let images = PageImageFolder.beside(database: workspace.database)
        var addresses: [ImageAddress] = []
        for shade in [UInt8(20), 90] {
            let file = try picture(
                workspace.root.appendingPathComponent("page-\(shade).ppm"), width: 300, height: 450, shade: shade)
            addresses.append(try await images.keep(file))
        }
        let store = try SQLiteStore(path: workspace.database)
        try await store.migrate()
        try await store.savePrintedPages(
            try addresses.enumerated().map { index, address in
                PrintedPageWords(
                    page: try PrintedPage(
                        date: Self.day, number: index + 1, width: 300, height: 450, image: address.description),
                    words: [])
            }, publication: "The Daily Ledger")
        try await store.close()

        let healthy = try await check(["--db", workspace.database])
        #expect(healthy.status == 0, "\(healthy.report)")
        #expect(healthy.report == "OK: 0 articles and 2 page images checked, no problems.\n")

        try Data("scribbled over".utf8).write(to: images.file(for: addresses[0]))
        try FileManager.default.removeItem(at: images.file(at: .derived(addresses[1], width: 256, height: 384)))
        let broken = try await check(["--db", workspace.database])

        #expect(broken.status == 1)
        let digest = ImageAddress.digest(of: Data("scribbled over".utf8))
        let first = addresses[0]
        let second = addresses[1]
        #expect(
            broken.report.contains(
                "2026-11-24 page 1: image \(first.digest.prefix(2))/\(first.fileName) is corrupt: its bytes hash to \(digest) in \(images.root.path)"
            ), "\(broken.report)")
        #expect(
            broken.report.contains(
                "2026-11-24 page 2: derived image derived/\(second.digest.prefix(2))/\(second.digest)/256x384.jpg is missing"
            ), "\(broken.report)")
        #expect(broken.report.hasPrefix("2 problems in "), "\(broken.report)")
    }
}
