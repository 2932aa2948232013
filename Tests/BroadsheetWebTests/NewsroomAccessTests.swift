import Broadsheet
import BroadsheetSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Tokens, sign-in and lock-out")
struct NewsroomAccessTests {
    static func signIn(_ name: String, _ password: String) -> String {
        #"{"name": "\#(name)", "password": "\#(password)"}"#
    }

    @Test func aTokenWorksUntilItExpiresOrIsRevoked() async throws {
        let expiring = Credentials.newToken()
        let revoked = Credentials.newToken()
        try await WebFixture.withApp(extra: { store in
            let hash = await Credentials.hash(password: Newsroom.password, cost: 4)
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

    @Test func repeatedFailuresSlowDownThenLockTheAccount() async throws {
        let policy = SignInPolicy(
            slowAfter: 1, delay: .milliseconds(20), maximumDelay: .milliseconds(40), lockAccountAfter: 4,
            lockAddressAfter: 100, lockDuration: .seconds(60))
        try await Newsroom.withApp(signInPolicy: policy) { client, _, _ in
            var pauses: [Duration] = []
            for _ in 0..<4 {
                let start = ContinuousClock.now
                let response = try await client.send(.post, "/api/v1/session", json: Self.signIn("editor", "guess"))
                pauses.append(ContinuousClock.now - start)
                #expect(response.status == .unauthorized)
            }
            #expect(pauses[2] >= .milliseconds(20), "the third failure is answered slowly: \(pauses)")
            let locked = try await client.send(
                .post, "/api/v1/session", json: Self.signIn("editor", Newsroom.password))
            #expect(locked.status == .tooManyRequests, "locked even with the right password")
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 50)
            #expect(try locked.apiError()["code"] == "too_many_requests")
            let other = try await client.send(
                .post, "/api/v1/session", json: Self.signIn("contributor", Newsroom.password))
            #expect(other.status == .created, "another account from the same address still signs in")
        }
    }

    @Test func failuresFromOneAddressLockItForEveryAccount() async throws {
        let policy = SignInPolicy(
            slowAfter: 100, lockAccountAfter: 100, lockAddressAfter: 3, lockDuration: .milliseconds(300))
        try await Newsroom.withApp(signInPolicy: policy) { client, _, _ in
            for name in ["admin", "nobody", "someone"] {
                #expect(
                    try await client.send(.post, "/api/v1/session", json: Self.signIn(name, "guess")).status
                        == .unauthorized)
            }
            let locked = try await client.send(
                .post, "/api/v1/session", json: Self.signIn("contributor", Newsroom.password))
            #expect(locked.status == .tooManyRequests)
            try await Task.sleep(for: .milliseconds(400))
            let later = try await client.send(
                .post, "/api/v1/session", json: Self.signIn("contributor", Newsroom.password))
            #expect(later.status == .created, "the lock lasts a while, not for ever")
        }
    }
}
