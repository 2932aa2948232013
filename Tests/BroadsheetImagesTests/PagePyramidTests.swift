import Foundation
import Testing

@testable import BroadsheetImages

/// Large and slow-to-decode pages kept with a tiled pyramid, and regions read from its levels.
@Suite(.timeLimit(.minutes(10))) struct PagePyramidTests {
    static func operation(_ crop: PixelRect, width: Int, height: Int) -> ImageOperation {
        ImageOperation(
            crop: crop, width: width, height: height, quarterTurns: 0, mirrored: false, quality: .default, format: .jpg)
    }

    @Test func onlyLargePagesAndSlowFormatsGetAPyramid() {
        #expect(PagePyramid.isMade(pageWidth: 6000, pageHeight: 9000, fileExtension: "jpg"))
        #expect(!PagePyramid.isMade(pageWidth: 1754, pageHeight: 2481, fileExtension: "jpg"))
        #expect(PagePyramid.isMade(pageWidth: 1754, pageHeight: 2481, fileExtension: "JP2"))
        #expect(PagePyramid.isMade(pageWidth: 1275, pageHeight: 1650, fileExtension: "pdf"))
        #expect(!PagePyramid.isMade(pageWidth: 120, pageHeight: 180, fileExtension: "jp2"))
    }

    @Test func aRegionIsReadFromTheSmallestLevelWithEnoughPixels() {
        let region = PixelRect(x: 2000, y: 3000, width: 2048, height: 2048)
        #expect(PagePyramid.level(for: Self.operation(region, width: 2048, height: 2048), levels: 6) == 0)
        #expect(PagePyramid.level(for: Self.operation(region, width: 1024, height: 1024), levels: 6) == 1)
        // Not quite half: level 1 would have fewer pixels than the answer.
        #expect(PagePyramid.level(for: Self.operation(region, width: 1100, height: 1100), levels: 6) == 0)
        #expect(PagePyramid.level(for: Self.operation(region, width: 200, height: 200), levels: 6) == 3)
        #expect(PagePyramid.level(for: Self.operation(region, width: 10, height: 10), levels: 4) == 3)
    }

    @Test func aRegionOnALevelCoversTheWholeRegionAndStaysOnTheLevel() {
        let half = PagePyramid.crop(
            PixelRect(x: 1001, y: 0, width: 999, height: 9000), full: (6000, 9000), level: (3000, 4500))
        #expect(half == PixelRect(x: 500, y: 0, width: 500, height: 4500))
        // An odd page: the level is rounded, and the edge region stays inside it.
        let edge = PagePyramid.crop(
            PixelRect(x: 5900, y: 8900, width: 101, height: 101), full: (6001, 9001), level: (1501, 2251))
        #expect(edge.x + edge.width <= 1501 && edge.y + edge.height <= 2251)
        #expect(edge.width >= 25 && edge.height >= 25)
    }

    @Test(arguments: StoreKind.allCases)
    func aPDFPageIsKeptWithAPyramidThatAnswersRegions(kind: StoreKind) async throws {
        try await TestImageStore.with(kind) { test in
            let images = test.store
            let pdf = try PageImageRendererTests.letterPDF(in: test.scratch)
            let address = try await images.keep(pdf)
            let pyramid = try #require(try await images.pyramidFile(for: address))
            let renderer = try PageImageRenderer()
            #expect(try renderer.size(of: pyramid) == (1275, 1650))
            #expect(try renderer.pageCount(of: pyramid) > 2)
            #expect(try await images.check(address) == [])

            // Full size, half size and a small view, each the size asked for.
            for (width, height) in [(512, 512), (256, 256), (64, 64)] {
                let asked = Self.operation(
                    PixelRect(x: 600, y: 700, width: 512, height: 512), width: width, height: height)
                let answer = test.scratch.appendingPathComponent("answer-\(width).jpg")
                try renderer.render(asked, fromPyramid: pyramid).write(to: answer)
                #expect(try renderer.size(of: answer) == (width, height))
            }

            // The headline's ink is where the PDF drew it, at full size from the pyramid as from the page.
            let headline = Self.operation(PixelRect(x: 150, y: 170, width: 600, height: 60), width: 600, height: 60)
            let fromPyramid = try renderer.render(headline, fromPyramid: pyramid)
            let fromPage = try renderer.render(headline, from: pdf)
            let blank = try renderer.render(
                Self.operation(PixelRect(x: 150, y: 1400, width: 600, height: 60), width: 600, height: 60),
                fromPyramid: pyramid)
            let inked = try Self.lightness(fromPyramid, in: test.scratch)
            #expect(inked < 245, "the headline's ink is in the region")
            #expect(abs(inked - (try Self.lightness(fromPage, in: test.scratch))) < 3)
            #expect(try Self.lightness(blank, in: test.scratch) > 252)

            let tampered = test.scratch.appendingPathComponent("tampered.tif")
            try Data("not a pyramid".utf8).write(to: tampered)
            try await images.put(tampered, at: .pyramid(address))
            let problems = try await images.check(address)
            guard problems.count == 1, case .derivativeDamaged(let key, _) = problems[0] else {
                Issue.record("a damaged pyramid is reported: \(problems)")
                return
            }
            #expect(key == PageImageKey.pyramid(address).path)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSmallJPEGPageHasNoPyramid(kind: StoreKind) async throws {
        try await TestImageStore.with(kind) { test in
            let address = try await test.store.keep(try test.picture("page.ppm"))
            #expect(try await test.store.pyramidFile(for: address) == nil)
        }
    }

    /// How light an answer is on average (0 black, 255 white).
    static func lightness(_ jpeg: Data, in folder: URL) throws -> Double {
        let file = folder.appendingPathComponent("answer-\(UUID().uuidString).jpg")
        try jpeg.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try PageImageRenderer().meanLightness(of: file)
    }
}
