import Broadsheet
import BroadsheetImages
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// The IIIF Image API service over a kept page image. The independent validator (PyPI's
/// iiif-validator) runs against a live server in `scripts/iiif-validate`.
@Suite("IIIF page images", .timeLimit(.minutes(10)))
struct IIIFImageTests {
    /// A folder holding one 400×300 picture; returns the folder and the picture's id.
    static func folderWithPicture() async throws -> (PageImageFolder, String, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iiif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var bytes = Data("P6\n400 300\n255\n".utf8)
        for y in 0..<300 {
            for x in 0..<400 {
                bytes.append(contentsOf: x < 200 ? [200, 30, 30] : (y < 150 ? [30, 200, 30] : [240, 240, 240]))
            }
        }
        let picture = root.appendingPathComponent("page.ppm")
        try bytes.write(to: picture)
        let folder = PageImageFolder(root: root.appendingPathComponent("paper.images"))
        let address = try await folder.keep(picture)
        return (folder, address.digest, root)
    }

    private func withImages(_ test: @Sendable @escaping (any TestClientProtocol, String) async throws -> Void)
        async throws
    {
        let (folder, id, root) = try await Self.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: root) }
        try await WebFixture.withApp(images: folder) { client, _ in try await test(client, id) }
    }

    @Test func theServiceRedirectsToItsInfoWhichDescribesThePage() async throws {
        try await withImages { client, id in
            let base = try await client.get("/iiif/3/\(id)")
            #expect(base.status == .seeOther)
            #expect(base.headers[.location] == "/iiif/3/\(id)/info.json")

            let info = try await client.get("/iiif/3/\(id)/info.json")
            #expect(info.status == .ok)
            #expect(info.headers[.contentType] == "application/json")
            #expect(info.headers[.accessControlAllowOrigin] == "*")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: info.body)) as? [String: Any])
            #expect(document["id"] as? String == WebFixture.publication.url("/iiif/3/\(id)"))
            #expect(document["width"] as? Int == 400 && document["height"] as? Int == 300)
            #expect(document["type"] as? String == "ImageService3")

            let linked = try await client.execute(
                uri: "/iiif/3/\(id)/info.json", method: .get, headers: [.accept: "application/ld+json"])
            #expect(linked.headers[.contentType] == IIIFImageInfo.jsonLDMediaType)
        }
    }

    @Test func imagesAreCutScaledEncodedAndKeptForAYear() async throws {
        try await withImages { client, id in
            let full = try await client.get("/iiif/3/\(id)/full/max/0/default.jpg")
            #expect(full.status == .ok)
            #expect(full.headers[.contentType] == "image/jpeg")
            #expect(full.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(full.headers[.accessControlAllowOrigin] == "*")
            #expect(Data(buffer: full.body).starts(with: [0xFF, 0xD8, 0xFF]))

            let tile = try await client.get("/iiif/3/\(id)/0,0,200,150/100,/90/gray.png")
            #expect(tile.status == .ok && tile.headers[.contentType] == "image/png")
            let webp = try await client.get("/iiif/3/\(id)/square/,120/0/default.webp")
            #expect(webp.status == .ok && webp.headers[.contentType] == "image/webp")
        }
    }

    /// The thumbnail made when the picture was kept is a size info.json prefers (with the overview,
    /// here the whole 400×300 picture), and a request for it in any IIIF form is answered with the
    /// kept file's bytes, not made again.
    @Test func theThumbnailIsListedAndAnsweredFromItsKeptFile() async throws {
        let (folder, id, root) = try await Self.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: root) }
        let address = try #require(folder.original(digest: id))
        let kept = folder.file(at: .derived(address, width: 256, height: 192))
        // Another picture of the same size in its place: only the kept file can answer with it.
        let stand = try PageImageRenderer().render(
            try IIIFImageRequest(region: "square", size: "256,192", rotation: "180", qualityAndFormat: "gray.jpg")
                .operation(width: 400, height: 300),
            from: folder.file(for: address))
        try stand.write(to: kept)
        try await WebFixture.withApp(images: folder) { client, _ in
            let info = try await client.get("/iiif/3/\(id)/info.json")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: info.body)) as? [String: Any])
            let sizes = try #require(document["sizes"] as? [[String: Int]])
            #expect(sizes == [["width": 256, "height": 192], ["width": 400, "height": 300]])
            #expect(PageThumbnail.iiifPath(pageWidth: 400, pageHeight: 300) == "full/256,192/0/default.jpg")
            for size in ["256,192", "256,", ",192", "!256,256"] {
                let answer = try await client.get("/iiif/3/\(id)/full/\(size)/0/default.jpg")
                #expect(answer.status == .ok)
                #expect(Data(buffer: answer.body) == stand, "\(size) is the kept thumbnail")
            }
            let other = try await client.get("/iiif/3/\(id)/full/255,/0/default.jpg")
            #expect(other.status == .ok && Data(buffer: other.body) != stand, "other sizes are made")
        }
    }

    @Test func requestsTheSpecificationRefusesAndThoseNotOffered() async throws {
        try await withImages { client, id in
            for (path, status) in [
                ("random/max/0/default.jpg", HTTPResponse.Status.badRequest),
                ("0,0,0,10/max/0/default.jpg", .badRequest),
                ("500,0,10,10/max/0/default.jpg", .badRequest), ("full/random/0/default.jpg", .badRequest),
                ("full/800,/0/default.jpg", .badRequest), ("full/max/random/default.jpg", .badRequest),
                ("full/max/0/random.jpg", .badRequest), ("full/max/0/default.random", .badRequest),
                ("full/max/22.5/default.jpg", .notImplemented), ("full/max/0/default.gif", .notImplemented),
                ("full/max/0/default.tif", .notImplemented),
            ] {
                let answer = try await client.get("/iiif/3/\(id)/\(path)")
                #expect(answer.status == status, "\(path)")
            }
        }
    }

    @Test func anIdThatIsNoKeptImageIsNotFound() async throws {
        try await withImages { client, id in
            let other = String(id.reversed())
            for path in [
                "/iiif/3/\(other)/info.json", "/iiif/3/a%2Fb/info.json", "/iiif/3/../info.json",
                "/iiif/3/\(id.uppercased())/info.json", "/iiif/3/\(other)/full/max/0/default.jpg",
            ] {
                let answer = try await client.get(path)
                #expect(answer.status == .notFound, "\(path)")
            }
        }
        try await WebFixture.withApp { client, _ in
            let answer = try await client.get("/iiif/3/\(String(repeating: "ab", count: 32))/info.json")
            #expect(answer.status == .notFound, "a server without page images has none")
        }
    }

    /// A page too large to decode whole for each region (here 4,200 × 3,000 pixels) is kept with
    /// a tiled pyramid, and regions are read from it: with the original's bytes spoiled after
    /// import, regions, zoomed-out views and info.json are still answered.
    @Test func aLargePageIsAnsweredFromItsPyramid() async throws {
        let (folder, id, root) = try await Self.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: root) }
        let small = try #require(folder.original(digest: id))
        let enlarged = try IIIFImageRequest(
            region: "full", size: "^4200,3000", rotation: "0", qualityAndFormat: "default.jpg"
        ).operation(width: 400, height: 300, limits: ImageLimits(maxWidth: 5000, maxHeight: 5000, maxArea: .max))
        let large = root.appendingPathComponent("large.jpg")
        try PageImageRenderer().render(enlarged, from: folder.file(for: small)).write(to: large)
        let address = try await folder.keep(large)
        #expect(try await folder.pyramidFile(for: address) != nil)
        try Data("spoiled".utf8).write(to: folder.file(for: address))

        try await WebFixture.withApp(images: folder) { client, _ in
            let info = try await client.get("/iiif/3/\(address.digest)/info.json")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: info.body)) as? [String: Any])
            #expect(document["width"] as? Int == 4200 && document["height"] as? Int == 3000)
            for (path, size) in [
                ("1000,1000,1024,1024/max", (1024, 1024)), ("0,0,2048,2048/1024,", (1024, 1024)),
                ("full/525,/0", (525, 375)),
            ] {
                let suffix = path.hasSuffix("/0") ? "/default.jpg" : "/0/default.jpg"
                let answer = try await client.get("/iiif/3/\(address.digest)/\(path)\(suffix)")
                #expect(answer.status == .ok, "\(path)")
                let file = root.appendingPathComponent("answer-\(UUID().uuidString).jpg")
                try Data(buffer: answer.body).write(to: file)
                #expect(try PageImageRenderer().size(of: file) == size, "\(path)")
            }
        }
    }
}
