import Foundation
import Testing

@testable import BroadsheetWeb

@Suite("Feeds through the import API", .timeLimit(.minutes(10)))
struct ImportAPIFeedTests {
    static let atom = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Board</title>
        <entry><id>tag:board.example,2025:7</id><title>Slipway reopens</title>
        <updated>2025-11-04T07:00:00Z</updated><content type="html">&lt;p&gt;Boats may launch again.&lt;/p&gt;</content></entry>
        </feed>
        """

    @Test(arguments: ["application/atom+xml", "application/xml"])
    func anAtomFeedIsImportedByItsRoot(contentType: String) async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let response = try await client.send(
                .post, "/api/v1/import", token: newsroom.token(.editor), body: Self.atom, contentType: contentType)
            #expect(response.status == .ok)
            let summary = try response.json()
            #expect(summary["created"] as? Int == 1)
            #expect(summary["succeeded"] as? Bool == true)
            let again = try await client.send(
                .post, "/api/v1/import", token: newsroom.token(.editor), body: Self.atom, contentType: contentType)
            #expect(try again.json()["unchanged"] as? Int == 1)
        }
    }
}
