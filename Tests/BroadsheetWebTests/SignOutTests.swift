import Broadsheet
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// Owners end their own sessions and tokens; no one else's.
@Suite("Signing out and revoking one's own tokens", .timeLimit(.minutes(10)))
struct SignOutTests {
    static let drafts = "/api/v1/articles?status=draft"

    /// A new session's token and its id.
    static func session(_ client: some TestClientProtocol, _ name: String) async throws -> (String, Int) {
        let response = try await client.send(
            .post, "/api/v1/session", json: #"{"name": "\#(name)", "password": "\#(Newsroom.password)"}"#)
        #expect(response.status == .created)
        let json = try response.json()
        return (try #require(json["token"] as? String), try #require(json["token_id"] as? Int))
    }

    @Test func signingOutRevokesTheTokenUsedAndNoOther() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let (token, _) = try await Self.session(client, "editor")
            #expect(try await client.send(.get, Self.drafts, token: token).status == .ok)
            let out = try await client.send(.delete, "/api/v1/session", token: token)
            #expect(out.status == .noContent)
            #expect(out.headers[.cacheControl] == "no-store")
            #expect(try await client.send(.get, Self.drafts, token: token).status == .unauthorized)
            #expect(try await client.send(.delete, "/api/v1/session", token: token).status == .unauthorized)
            #expect(try await client.send(.get, Self.drafts, token: newsroom.token(.editor)).status == .ok)
            #expect(try await client.send(.delete, "/api/v1/session").status == .unauthorized)
        }
    }

    @Test func signingOutEverywhereRevokesEveryTokenOfTheAccount() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let (laptop, _) = try await Self.session(client, "editor")
            let (phone, _) = try await Self.session(client, "editor")
            let odd = try await client.send(.delete, "/api/v1/session?everywhere=maybe", token: laptop)
            #expect(odd.status == .badRequest)
            #expect(try odd.apiError()["message"]?.contains("everywhere") == true)
            #expect(
                try await client.send(.delete, "/api/v1/session?everywhere=true", token: laptop).status == .noContent)
            for token in [laptop, phone, newsroom.token(.editor)] {
                #expect(try await client.send(.get, Self.drafts, token: token).status == .unauthorized)
            }
            #expect(try await client.send(.get, Self.drafts, token: newsroom.token(.admin)).status == .ok)
            let audit = try await client.send(.get, "/api/v1/audit?limit=3", token: newsroom.token(.admin)).json()
            let entries = try #require(audit["items"] as? [[String: Any]])
            #expect(entries.compactMap { $0["action"] as? String } == ["token.revoke", "token.revoke", "token.revoke"])
            #expect(entries.allSatisfy { $0["actor"] as? String == "editor" })
        }
    }

    @Test func ownersListAndRevokeTheirOwnTokensOnly() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let editor = newsroom.token(.editor)
            let (session, sessionID) = try await Self.session(client, "editor")
            let listed = try await client.send(.get, "/api/v1/tokens", token: editor).json()
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["user"] as? String }) == ["editor"])
            #expect(items.count == 2)
            let everyone = try await client.send(.get, "/api/v1/tokens", token: newsroom.token(.admin)).json()
            #expect((everyone["items"] as? [[String: Any]])?.count == 4, "admins still see every token")

            let other = try await client.send(
                .delete, "/api/v1/tokens/\(sessionID)", token: newsroom.token(.contributor))
            #expect(other.status == .notFound, "another's token is not theirs to see or revoke")
            #expect(try await client.send(.get, Self.drafts, token: session).status == .ok)

            #expect(try await client.send(.delete, "/api/v1/tokens/\(sessionID)", token: editor).status == .noContent)
            #expect(try await client.send(.get, Self.drafts, token: session).status == .unauthorized)
            #expect(try await client.send(.get, Self.drafts, token: editor).status == .ok)
            #expect(try await client.send(.delete, "/api/v1/tokens/999", token: editor).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/tokens").status == .unauthorized)
        }
    }
}
