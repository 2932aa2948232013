import BroadsheetImages
import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct PageImageFolderTests {
    /// Originals lie where they always have (`ab/abcd….jpg`), thumbnails apart under `derived/`,
    /// and nothing half-written is left behind.
    @Test func theLayoutOnDiskIsTheFoldersOwn() async throws {
        try await TestImageStore.with(.folder) { test in
            let images = try #require(test.store as? PageImageFolder)
            let address = try await images.keep(try test.picture("page.ppm", width: 300, height: 600))
            let stored = images.file(for: address)
            #expect(stored.path == images.root.path + "/\(address.digest.prefix(2))/\(address.digest).ppm")
            let kept = try FileManager.default.subpathsOfDirectory(atPath: images.root.path).sorted()
            let prefix = String(address.digest.prefix(2))
            #expect(
                kept.filter { $0.contains(".") } == [
                    "derived/\(prefix)/\(address.digest)/150x300.jpg",
                    "derived/\(prefix)/\(address.digest)/256x512.jpg",
                    "\(prefix)/\(address.fileName)",
                ])
        }
    }

    @Test func theFolderIsNamedAfterTheDatabase() {
        #expect(PageImageFolder.beside(database: "/srv/news/paper.sqlite").root.path == "/srv/news/paper.images")
    }

    @Test func addressesReadBackAndRefuseOtherText() {
        let address = ImageAddress(digest: String(repeating: "ab", count: 32), fileExtension: "tif")
        #expect(ImageAddress(address.description) == address)
        #expect(PageImageKey.original(address).original == address)
        #expect(PageImageKey.derived(address, width: 256, height: 300).original == nil)
        for bad in [
            "", "x.jpg", String(repeating: "AB", count: 32) + ".jpg", String(repeating: "ab", count: 32),
            String(repeating: "ab", count: 32) + "./x", "../" + String(repeating: "ab", count: 31) + ".jpg",
        ] {
            #expect(ImageAddress(bad) == nil, "\(bad)")
        }
    }
}
