import BroadsheetImages
import Testing

/// Reading IIIF Image API 3.0 requests and working them out against a page, as the
/// specification's sections 4.1 to 4.5 say.
@Suite(.timeLimit(.minutes(10))) struct IIIFImageRequestTests {
    private func request(
        _ region: String, _ size: String = "max", _ rotation: String = "0", _ last: String = "default.jpg"
    )
        throws(IIIFImageError) -> IIIFImageRequest
    {
        try IIIFImageRequest(region: region, size: size, rotation: rotation, qualityAndFormat: last)
    }

    private func operation(
        _ region: String, _ size: String = "max", _ rotation: String = "0", _ last: String = "default.jpg",
        width: Int = 6000, height: Int = 9000
    ) throws(IIIFImageError) -> ImageOperation {
        try request(region, size, rotation, last).operation(width: width, height: height)
    }

    @Test func regionsAreCutFromThePage() throws {
        #expect(try operation("full").crop == PixelRect(x: 0, y: 0, width: 6000, height: 9000))
        #expect(try operation("square").crop == PixelRect(x: 0, y: 1500, width: 6000, height: 6000))
        #expect(try operation("100,200,300,400").crop == PixelRect(x: 100, y: 200, width: 300, height: 400))
        #expect(try operation("pct:10,20,30,40").crop == PixelRect(x: 600, y: 1800, width: 1800, height: 3600))
        // Partly outside: cut to the page.
        #expect(try operation("5900,8900,500,500").crop == PixelRect(x: 5900, y: 8900, width: 100, height: 100))
    }

    @Test(arguments: ["6000,0,10,10", "0,9000,10,10", "pct:100,0,10,10"])
    func aRegionOutsideThePageIsABadRequest(region: String) {
        #expect(throws: IIIFImageError.self) { try operation(region) }
        #expect(throwsStatus(400) { try operation(region) })
    }

    @Test(arguments: [
        "", "random", "0,0,0,10", "0,0,10,0", "1,2,3", "1,2,3,4,5", "-1,0,10,10", "a,b,c,d", "pct:1,2,3",
        "pct:0,0,101,10", "1.5,0,10,10", " 1,0,10,10", "0x10,0,10,10",
    ])
    func malformedRegionsAreBadRequests(region: String) {
        #expect(throwsStatus(400) { try request(region) })
    }

    @Test func sizesKeepTheRegionsProportions() throws {
        func size(_ text: String, region: String = "0,0,1000,500") throws -> (Int, Int) {
            let made = try operation(region, text)
            return (made.width, made.height)
        }
        #expect(try size("max") == (1000, 500))
        #expect(try size("500,") == (500, 250))
        #expect(try size(",100") == (200, 100))
        #expect(try size("pct:50") == (500, 250))
        #expect(try size("300,300") == (300, 300))
        #expect(try size("!300,300") == (300, 150))
        #expect(try size("^!2000,2000") == (2000, 1000))
        #expect(try size("^2000,") == (2000, 1000))
        #expect(try size("^pct:150") == (1500, 750))
    }

    @Test func maxStaysWithinTheServersLimits() throws {
        let limits = ImageLimits(maxWidth: 2000, maxHeight: 2000, maxArea: 2_000_000)
        let made = try request("full").operation(width: 6000, height: 9000, limits: limits)
        #expect(made.height <= 2000 && made.width * made.height <= 2_000_000)
        #expect(abs(Double(made.width) / Double(made.height) - 6000.0 / 9000.0) < 0.01)
    }

    @Test(arguments: ["1001,", ",501", "pct:101", "1001,500", "!2000,3000", "^100000,"])
    func anEnlargementWithoutTheCaretOrPastTheLimitsIsABadRequest(size: String) {
        #expect(throwsStatus(400) { try operation("0,0,1000,500", size) })
    }

    @Test(arguments: ["", "random", "0,", ",0", "0,0", "!100,", "!,100", "pct:0", "pct:", "1,2,3", "max,", "^", "-5,"])
    func malformedSizesAreBadRequests(size: String) {
        #expect(throwsStatus(400) { try request("full", size) })
    }

    @Test func quarterTurnsAndMirrorsAreOfferedOtherAnglesAreNot() throws {
        let turned = try operation("0,0,1000,500", "max", "90")
        #expect(turned.quarterTurns == 1 && turned.outputSize == (500, 1000))
        #expect(try operation("full", "max", "!180").mirrored)
        #expect(try operation("full", "max", "360").quarterTurns == 0)
        #expect(throwsStatus(501) { try operation("full", "max", "22.5") })
        for bad in ["", "random", "-90", "361", "90deg", "!"] {
            #expect(throwsStatus(400) { try request("full", "max", bad) }, "\(bad)")
        }
    }

    @Test func qualitiesAndFormats() throws {
        #expect(try operation("full", "max", "0", "gray.png").quality == .gray)
        #expect(try operation("full", "max", "0", "bitonal.png").quality == .bitonal)
        #expect(try operation("full", "max", "0", "color.webp").format == .webp)
        #expect(throwsStatus(501) { try operation("full", "max", "0", "default.tif") })
        for bad in ["default", "random.jpg", "default.random", "default.", ".jpg", "Default.jpg"] {
            #expect(throwsStatus(400) { try request("full", "max", "0", bad) }, "\(bad)")
        }
    }

    private func throwsStatus(_ status: Int, _ body: () throws -> some Any) -> Bool {
        do {
            _ = try body()
            return false
        } catch {
            return (error as? IIIFImageError)?.status == status
        }
    }
}
