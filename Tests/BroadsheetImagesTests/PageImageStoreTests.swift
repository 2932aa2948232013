import BroadsheetImages
import Foundation
import Testing

/// Keeping page images with their thumbnails, reading them back and checking them, the same on a
/// folder and on an S3-compatible bucket (a real server: moto's, started by scripts/with-s3).
@Suite(.timeLimit(.minutes(10))) struct PageImageStoreTests {
    @Test(arguments: StoreKind.allCases)
    func theSameBytesAreKeptOnceWithTheirThumbnail(kind: StoreKind) async throws {
        try await TestImageStore.with(kind) { test in
            let images = test.store
            let first = try test.picture("page-1.PPM")
            let again = test.scratch.appendingPathComponent("copy.ppm")
            try FileManager.default.copyItem(at: first, to: again)

            let address = try await images.keep(first)
            #expect(address.digest == ImageAddress.digest(of: try Data(contentsOf: first)))
            #expect(address.fileExtension == "ppm")
            #expect(try await images.keep(again) == address)
            #expect(try await images.original(digest: address.digest) == address)
            #expect(try await images.original(digest: String(address.digest.reversed())) == nil)
            #expect(try await images.original(digest: "../" + address.digest.dropFirst(3)) == nil)

            let original = try #require(try await images.localFile(for: address))
            #expect(try Data(contentsOf: original) == Data(contentsOf: first))
            let thumbnail = PageImageKey.derived(address, width: 256, height: 192)
            let kept = try #require(try await images.localFile(thumbnail))
            #expect(try PageImageRenderer().size(of: kept) == (256, 192))
            // A page that fits one tile is its own overview.
            #expect(try await images.contains(.derived(address, width: 400, height: 300)))
            #expect(try await images.check(address) == [])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func checkFindsCorruptAndMissingImages(kind: StoreKind) async throws {
        try await TestImageStore.with(kind) { test in
            let images = test.store
            let page = try await images.keep(try test.picture("page.ppm"))
            let thumbnail = PageImageKey.derived(page, width: 256, height: 192)
            let other = try await images.keep(try test.picture("other.ppm", shade: 90))
            let tampered = test.scratch.appendingPathComponent("tampered")
            try Data("tampered".utf8).write(to: tampered)

            try await images.put(tampered, at: thumbnail)
            let damaged = try await images.check(page)
            guard damaged.count == 1, case .derivativeDamaged(let key, _) = damaged[0] else {
                Issue.record("a damaged thumbnail is reported alone: \(damaged)")
                return
            }
            #expect(key == thumbnail.path)

            try await images.put(tampered, at: .original(other))
            #expect(
                try await images.check(other) == [
                    .corrupt(
                        key: PageImageKey.original(other).path, digest: ImageAddress.digest(of: Data("tampered".utf8)))
                ])

            let never = ImageAddress(digest: String(repeating: "0", count: 64), fileExtension: "jpg")
            #expect(try await images.check(never) == [.missing(key: "00/\(never.fileName)")])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func whatIsNoImageIsRefusedAndNothingKept(kind: StoreKind) async throws {
        try await TestImageStore.with(kind) { test in
            let text = test.scratch.appendingPathComponent("notes.jpg")
            try Data("not a picture".utf8).write(to: text)
            await #expect(throws: PageImageError.self) { _ = try await test.store.keep(text) }
            let address = ImageAddress(of: Data("not a picture".utf8), fileExtension: "jpg")
            #expect(try await test.store.contains(.original(address)) == false)

            let missing = test.scratch.appendingPathComponent("nowhere.jpg")
            await #expect {
                _ = try await test.store.keep(missing)
            } throws: { error in
                guard case .unreadable(let file, _)? = error as? PageImageStoreError else { return false }
                return file == missing.path
            }
        }
    }
}
