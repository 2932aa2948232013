import Broadsheet
import BroadsheetSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Tokens and sign-in", .timeLimit(.minutes(10)))
struct NewsroomAccessTests {
    static func signIn(_ name: String, _ password: String) -> String {
        #"{"name": "\#(name)", "password": "\#(password)"}"#
    }

    @Test func aTokenWorksUntilItExpiresOrIsRevoked() async throws {
        let expiring = Credentials.newToken()
        let revoked = Credentials.newToken()
        try await WebFixture.withApp(extra: { store in
            let hash = try await Credentials.hash(password: Newsroom.password, cost: 4)
            _ = try await store.addUser(name: "sana", role: .editor, passwordHash: hash, by: Attribution(actor: "t"))
            _ = try await store.addToken(
                NewToken(
                    userName: "sana", label: "old", hash: Credentials.hash(token: expiring),
                    expiresAt: Date().addingTimeInterval(-1)), by: Attribution(actor: "t"))
            let token = try await store.addToken(
                NewToken(userName: "sana", label: "lost", hash: Credentials.hash(token: revoked), expiresAt: nil),
                by: Attribution(actor: "t"))
            try await store.revokeToken(id: token.id, by: Attribution(actor: "t"))
        }) { client, archive in
            let drafts = "/api/v1/articles?status=draft"
            for token in [expiring, revoked, "bst_not-a-token", ""] {
                let response = try await client.send(.get, drafts, token: token)
                #expect(response.status == .unauthorized, "\(token)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            let basic = try await client.send(.get, drafts, headers: [.authorization: "Basic c2FuYTp4"])
            #expect(basic.status == .unauthorized)

            let session = try await client.send(.post, "/api/v1/session", json: Self.signIn("sana", Newsroom.password))
            #expect(session.status == .created)
            let json = try session.json()
            let token = try #require(json["token"] as? String)
            #expect(json["role"] as? String == "editor")
            #expect(session.headers[.cacheControl] == "no-store")
            let listed = try await client.send(.get, drafts, token: token)
            #expect(listed.status == .ok)
            let items = try #require(try listed.json()["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? Int } == [Int(archive.draft)])
        }
    }
}

@Suite("CORS, only where configured", .timeLimit(.minutes(10)))
struct CORSTests {
    @Test func onlyNamedOriginsGetCORSHeaders() async throws {
        let desk = "https://desk.example"
        try await WebFixture.withApp(configuration: ServerConfiguration(corsOrigins: [desk])) { client, _ in
            let preflight = try await client.execute(
                uri: "/api/v1/articles", method: .options,
                headers: [.origin: desk, .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == desk)
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let read = try await client.execute(uri: "/api/v1/articles", method: .get, headers: [.origin: desk])
            #expect(read.headers[.accessControlAllowOrigin] == desk)
            let stranger = try await client.execute(
                uri: "/api/v1/articles", method: .get, headers: [.origin: "https://elsewhere.example"])
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)
            let page = try await client.execute(uri: "/", method: .get, headers: [.origin: desk])
            #expect(page.headers[.accessControlAllowOrigin] == nil, "the site is not the API")
        }
        try await WebFixture.withApp { client, _ in
            let read = try await client.execute(
                uri: "/api/v1/articles", method: .get, headers: [.origin: desk])
            #expect(read.headers[.accessControlAllowOrigin] == nil, "none configured, none sent")
        }
    }
}

@Suite("The client's address behind a proxy", .timeLimit(.minutes(10)))
struct ClientAddressTests {
    @Test(arguments: [
        ("203.0.113.9", ["198.51.100.4"], "203.0.113.9", "a peer that is no proxy is the client"),
        ("10.0.0.2", ["198.51.100.4"], "198.51.100.4", "a trusted proxy's forwarded address is"),
        ("10.0.0.2", ["6.6.6.6, 198.51.100.4"], "198.51.100.4", "what the client claimed further left is not"),
        ("10.0.0.2", ["198.51.100.4, 10.0.0.3"], "198.51.100.4", "a chain of trusted proxies is walked"),
        ("10.0.0.2", [], "10.0.0.2", "a proxy that says nothing is the client"),
    ])
    func resolves(peer: String, forwarded: [String], expected: String, why: String) {
        let trusted: Set = ["10.0.0.2", "10.0.0.3"]
        #expect(
            ClientAddressMiddleware.client(peer: peer, forwardedFor: forwarded, trusted: trusted) == expected, "\(why)")
    }
}

@Suite("Accounts and tokens through the API", .timeLimit(.minutes(10)))
struct AccountsAPITests {
    /// A NUL or another control character is no name: 400 naming the field, not a store error.
    @Test(arguments: ["\\u0000", "ab\\u0000c", "tab\\there", "line\\nbreak", "  "])
    func aNameWithControlCharactersIsRefused(name: String) async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let answer = try await client.send(
                .post, "/api/v1/users", token: newsroom.token(.admin),
                json: #"{"name": "\#(name)", "role": "admin"}"#)
            #expect(answer.status == .badRequest)
            #expect(try answer.apiError()["message"]?.hasPrefix("name:") == true)
        }
    }

    @Test func anAdminRunsAnAccountsWholeLife() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let admin = newsroom.token(.admin)
            let added = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: #"{"name": "farah", "role": "editor", "password": "a long enough secret"}"#)
            #expect(added.status == .created)
            #expect(try added.json()["has_password"] as? Bool == true)
            #expect(!added.text.contains("$2"), "never the hash")
            let short = try await client.send(
                .post, "/api/v1/users", token: admin, json: #"{"name": "omar", "role": "editor", "password": "short"}"#)
            #expect(short.status == .badRequest)
            let long = try await client.send(
                .post, "/api/v1/users", token: admin,
                json: #"{"name": "omar", "role": "editor", "password": "\#(String(repeating: "x", count: 73))"}"#)
            #expect(try long.apiError()["message"]?.contains("72 bytes") == true, "bcrypt would cut it silently")
            let taken = try await client.send(
                .post, "/api/v1/users", token: admin, json: #"{"name": "farah", "role": "admin"}"#)
            #expect(taken.status == .conflict)

            let session = try await client.send(
                .post, "/api/v1/session", json: #"{"name": "farah", "password": "a long enough secret"}"#)
            #expect(session.status == .created)
            let created = try await client.send(
                .post, "/api/v1/tokens", token: admin,
                json: #"{"user": "farah", "label": "script", "expires_in_days": 7}"#)
            #expect(created.status == .created)
            let json = try created.json()
            let token = try #require(json["token"] as? String)
            let id = try #require(json["token_id"] as? Int)
            #expect(json["expires_at"] is String)
            #expect(try await client.send(.get, "/api/v1/articles?status=draft", token: token).status == .ok)

            let listed = try await client.send(.get, "/api/v1/tokens", token: admin).text
            #expect(listed.contains("\"label\":\"script\"") && !listed.contains(token))
            #expect(try await client.send(.delete, "/api/v1/tokens/\(id)", token: admin).status == .noContent)
            #expect(try await client.send(.get, "/api/v1/articles?status=draft", token: token).status == .unauthorized)
            #expect(try await client.send(.delete, "/api/v1/tokens/999", token: admin).status == .notFound)

            let demoted = try await client.send(
                .patch, "/api/v1/users/farah", token: admin, json: #"{"role": "contributor"}"#)
            #expect(demoted.status == .ok)
            #expect(try demoted.json()["role"] as? String == "contributor")
            let notAllowed = try await client.send(
                .patch, "/api/v1/users/farah", token: newsroom.token(.editor), json: #"{"role": "admin"}"#)
            #expect(notAllowed.status == .forbidden)
            let odd = try await client.send(.patch, "/api/v1/users/farah", token: admin, json: #"{"role": "chief"}"#)
            #expect(try odd.apiError()["message"]?.contains("expected admin, editor or contributor") == true)
            let own = try await client.send(.patch, "/api/v1/users/admin", token: admin, json: #"{"role": "editor"}"#)
            #expect(own.status == .conflict)
            let missing = try await client.send(
                .patch, "/api/v1/users/nobody", token: admin, json: #"{"role": "editor"}"#)
            #expect(missing.status == .notFound)
            #expect(try await client.send(.delete, "/api/v1/users/farah", token: admin).status == .noContent)
            #expect(try await client.send(.delete, "/api/v1/users/admin", token: admin).status == .conflict)
            let users = try await client.send(.get, "/api/v1/users", token: admin).json()
            let names = (users["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == ["admin", "contributor", "editor"])

            let audit = try await client.send(.get, "/api/v1/audit?limit=6", token: admin).json()
            let entries = try #require(audit["items"] as? [[String: Any]])
            #expect(
                entries.compactMap { $0["action"] as? String } == [
                    "user.remove", "user.role", "token.revoke", "token.create", "token.create", "user.add",
                ])
            #expect(
                entries.compactMap { $0["actor"] as? String } == ["admin", "admin", "admin", "admin", "farah", "admin"])
        }
    }
}
