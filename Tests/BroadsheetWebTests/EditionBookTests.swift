import Broadsheet
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// `/epaper/{date}.epub`: each edition offered as a book beside its pages.
@Suite("Edition books", .timeLimit(.minutes(10)))
struct EditionBookTests {
    @Test func anEditionDownloadsAsAnEPUBLinkedFromItsPage() async throws {
        try await WebFixture.withApp { client, _ in
            let page = try await client.get("/epaper/2025-04-29").text
            #expect(page.contains(#"href="/epaper/2025-04-29.epub" download"#))

            let response = try await client.get("/epaper/2025-04-29.epub")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/epub+zip")
            #expect(response.headers[.contentDisposition]?.contains(#"filename=""#) == true)
            #expect(response.headers[.contentDisposition]?.hasSuffix(#"-2025-04-29.epub""#) == true)
            let bytes = Data(buffer: response.body)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            #expect(bytes.dropFirst(30).prefix(28) == Data("mimetypeapplication/epub+zip".utf8))
            // The same edition is the same book.
            #expect(Data(buffer: try await client.get("/epaper/2025-04-29.epub").body) == bytes)
        }
    }

    @Test(arguments: ["/epaper/2019-01-01.epub", "/epaper/2025-02-30.epub", "/epaper/yesterday.epub"])
    func aDayWithoutAnEditionIsNotFound(address: String) async throws {
        try await WebFixture.withApp { client, _ in
            let response = try await client.get(address)
            #expect(response.status == .notFound)
        }
    }
}
