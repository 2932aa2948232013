import BroadsheetImages
import Foundation
import Testing

@Suite(.timeLimit(.minutes(10))) struct IIIFImageInfoTests {
    private func json(_ info: IIIFImageInfo) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(info)) as? [String: Any])
    }

    /// The fields section 5 of the specification requires, with their fixed values.
    @Test func holdsTheRequiredFields() throws {
        let info = try json(IIIFImageInfo(id: "https://paper.example/iiif/3/p7", width: 6000, height: 9000))
        #expect(info["@context"] as? String == "http://iiif.io/api/image/3/context.json")
        #expect(info["id"] as? String == "https://paper.example/iiif/3/p7")
        #expect(info["type"] as? String == "ImageService3")
        #expect(info["protocol"] as? String == "http://iiif.io/api/image")
        #expect(info["profile"] as? String == "level2")
        #expect(info["width"] as? Int == 6000 && info["height"] as? Int == 9000)
        #expect(info["maxArea"] as? Int == ImageLimits().maxArea)
    }

    @Test func tilesGoUpToOneTileForTheWholePage() throws {
        let tiles = IIIFImageInfo(id: "x", width: 6000, height: 9000).tiles
        #expect(tiles.count == 1)
        #expect(tiles[0].width == 512 && tiles[0].scaleFactors == [1, 2, 4, 8, 16, 32])
        #expect(IIIFImageInfo(id: "x", width: 500, height: 300).tiles[0].scaleFactors == [1])
    }

    /// The thumbnail and the overview made at import are the sizes viewers are told to prefer:
    /// the thumbnail's height rounded as a `w,` request rounds it, the overview the page divided
    /// by the top scale factor and rounded up; a page narrower than a thumbnail is its own.
    @Test func preferredSizesAreTheDerivativesMadeAtImport() throws {
        let info = IIIFImageInfo(id: "x", width: 2000, height: 3001)
        #expect(info.tiles[0].scaleFactors.last == 8)
        #expect(info.sizes.map(\.width) == [250, 256] && info.sizes.map(\.height) == [376, 384])
        let asked = try IIIFImageRequest(region: "full", size: "256,", rotation: "0", qualityAndFormat: "default.jpg")
            .operation(width: 2000, height: 3001)
        #expect(asked.height == 384)
        #expect(PageThumbnail.iiifPath(pageWidth: 2000, pageHeight: 3001) == "full/256,384/0/default.jpg")
        let narrow = IIIFImageInfo(id: "x", width: 200, height: 300)
        #expect(narrow.sizes.map(\.width) == [200] && narrow.sizes.map(\.height) == [300])
    }

    /// What info.json offers, a request must be able to ask without refusal.
    @Test func everyAdvertisedExtraIsAccepted() throws {
        let info = IIIFImageInfo(id: "x", width: 2000, height: 3000)
        for quality in info.extraQualities {
            for format in info.extraFormats + ["jpg", "png"] {
                let request = try IIIFImageRequest(
                    region: "pct:10,10,50,50", size: "!300,300", rotation: "!90",
                    qualityAndFormat: "\(quality).\(format)")
                _ = try request.operation(width: 2000, height: 3000)
            }
        }
        let upscaled = try IIIFImageRequest(
            region: "0,0,100,100", size: "^pct:200", rotation: "0", qualityAndFormat: "default.jpg")
        #expect(try upscaled.operation(width: 2000, height: 3000).width == 200)
    }
}
