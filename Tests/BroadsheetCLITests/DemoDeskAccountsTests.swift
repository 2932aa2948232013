import Broadsheet
import BroadsheetSQLite
import BroadsheetWeb
import Foundation
import Testing

@testable import BroadsheetCLI

@Suite("The demo's desk accounts", .timeLimit(.minutes(10)))
struct DemoDeskAccountsTests {
    @Test func anEditorAndAReporterWithFreshPasswordsOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("demo.sqlite").path)
        try await store.migrate()
        let added = try await DemoDeskAccounts.add(to: store)
        #expect(added.map(\.name) == ["editor", "reporter"])
        #expect(Set(added.map(\.password)).count == 2, "each account its own password")
        for account in added {
            #expect(Credentials.passwordProblem(account.password) == nil)
            let user = try #require(try await store.user(named: account.name))
            #expect(await Credentials.verify(password: account.password, hash: user.passwordHash))
        }
        #expect(try await store.user(named: "editor")?.role == .editor)
        #expect(try await store.user(named: "reporter")?.role == .contributor)
        #expect(try await DemoDeskAccounts.add(to: store).isEmpty, "a second start adds nothing")
        try await store.close()
    }
}
