import BroadsheetImages
import BroadsheetTestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// A METS import keeps page images as the library delivered them; the IIIF service must serve
/// each kind it keeps, JPEG 2000 included.
@Suite("IIIF over kept JPEG and JP2 pages", .timeLimit(.minutes(10)))
struct IIIFKeptPageKindsTests {
    @Test(arguments: [("jpg", PrintedIssueFixture.jpeg), ("jp2", PrintedIssueFixture.jp2)])
    func aKeptPageOfEachKindIsServed(kind: String, bytes: Data) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("iiif-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("0001.\(kind)")
        try bytes.write(to: page)
        let folder = PageImageFolder(root: root.appendingPathComponent("paper.images"))
        let id = try await folder.keep(page).digest

        try await WebFixture.withApp(images: folder) { client, _ in
            let info = try await client.get("/iiif/3/\(id)/info.json")
            #expect(info.status == .ok)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: info.body)) as? [String: Any])
            #expect(document["width"] as? Int == 120 && document["height"] as? Int == 180)
            let scaled = try await client.get("/iiif/3/\(id)/full/60,/0/default.jpg")
            #expect(scaled.status == .ok && scaled.headers[.contentType] == "image/jpeg")
            #expect(Data(buffer: scaled.body).starts(with: [0xFF, 0xD8, 0xFF]))
        }
    }
}
