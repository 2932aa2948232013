import Broadsheet
import Foundation
import HummingbirdTesting
import Testing

@Suite("A story's source identity through the API", .timeLimit(.minutes(10)))
struct ImportIdentityAPITests {
    static let claim = #"""
        {"headline": "A draft holding a partner's guid", "body": [],
         "source": {"format": "rss", "uri": "https://partner.example/guid/1"}}
        """#

    @Test func aContributorCannotClaimASourceIdentity() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let refused = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor), json: Self.claim)
            #expect(refused.status == .forbidden, "\(refused.text)")
            let plain = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor),
                json: #"{"headline": "A draft of the desk's own", "body": []}"#)
            #expect(plain.status == .created, "\(plain.text)")
            let editor = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.editor), json: Self.claim)
            #expect(editor.status == .created, "\(editor.text)")
        }
    }
}
