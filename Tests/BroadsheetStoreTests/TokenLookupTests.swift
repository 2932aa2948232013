import Broadsheet
import Foundation
import Testing

/// A token found by its hash, whatever its state: how a holder signs out with the token in hand.
@Suite("Tokens by their hash, in every store", .timeLimit(.minutes(10)))
struct TokenLookupTests {
    let admin = Attribution(actor: "cli:root")

    @Test(arguments: StoreKind.allCases) func aTokenIsFoundByItsHashRevokedOrNot(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        _ = try await store.addUser(name: "amina", role: .editor, passwordHash: nil, by: admin)
        let hash = String(repeating: "b", count: 64)
        let stored = try await store.addToken(
            NewToken(userName: "amina", label: "phone", hash: hash, expiresAt: nil), by: admin)
        _ = try await store.addToken(
            NewToken(userName: "amina", label: "laptop", hash: String(repeating: "c", count: 64), expiresAt: nil),
            by: admin)
        let found = try #require(try await store.token(withHash: hash))
        #expect(found.id == stored.id && found.label == "phone" && found.userName == "amina")
        try await store.revokeToken(id: stored.id, by: admin)
        #expect(try await store.token(withHash: hash)?.revokedAt != nil, "still found, now revoked")
        #expect(try await store.token(withHash: String(repeating: "d", count: 64)) == nil)
    }
}
