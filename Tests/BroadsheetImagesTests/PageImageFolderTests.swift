import BroadsheetImages
import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct PageImageFolderTests {
    private func withFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    @Test func theSameBytesAreKeptOnceUnderTheirDigest() throws {
        try withFolder { folder in
            let images = PageImageFolder(root: folder.appendingPathComponent("paper.images"))
            let first = folder.appendingPathComponent("page-1.JPG")
            try Data("page one".utf8).write(to: first)
            let again = folder.appendingPathComponent("copy.jpg")
            try Data("page one".utf8).write(to: again)

            let address = try images.keep(first)
            // sha256sum of the same eight bytes.
            #expect(address.digest == "08e548c038b1608847f6285d147959da2c6632aca2cda9fd1166ec8f32b460e7")
            #expect(address.fileExtension == "jpg")
            #expect(try images.keep(again) == address)
            let stored = images.file(for: address)
            #expect(try Data(contentsOf: stored) == Data("page one".utf8))
            #expect(stored.deletingLastPathComponent().lastPathComponent == String(address.digest.prefix(2)))
            #expect(images.verify(address))
            let kept = try FileManager.default.subpathsOfDirectory(atPath: images.root.path)
            #expect(kept.filter { $0.hasSuffix(".jpg") }.count == 1, "\(kept)")
            #expect(!kept.contains { $0.hasSuffix(".part") })

            try Data("tampered".utf8).write(to: stored)
            #expect(!images.verify(address), "changed bytes no longer match their address")
        }
    }

    @Test func theFolderIsNamedAfterTheDatabase() {
        #expect(PageImageFolder.beside(database: "/srv/news/paper.sqlite").root.path == "/srv/news/paper.images")
    }

    @Test func addressesReadBackAndRefuseOtherText() {
        let address = ImageAddress(digest: String(repeating: "ab", count: 32), fileExtension: "tif")
        #expect(ImageAddress(address.description) == address)
        for bad in [
            "", "x.jpg", String(repeating: "AB", count: 32) + ".jpg", String(repeating: "ab", count: 32),
            String(repeating: "ab", count: 32) + "./x", "../" + String(repeating: "ab", count: 31) + ".jpg",
        ] {
            #expect(ImageAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func aMissingFileIsNamed() throws {
        try withFolder { folder in
            let images = PageImageFolder(root: folder)
            let missing = folder.appendingPathComponent("nowhere.jpg")
            #expect {
                _ = try images.keep(missing)
            } throws: { error in
                guard case .unreadable(let file, _)? = error as? PageImageFolderError else { return false }
                return file == missing.path
            }
        }
    }
}
