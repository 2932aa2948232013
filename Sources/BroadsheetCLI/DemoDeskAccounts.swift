import Broadsheet
import BroadsheetWeb
import Foundation

/// The demo's newsroom: an editor and a reporter, so the desk can be tried at once. Each gets a
/// fresh random password, shown once in the server's log, never a fixed one a demo left running
/// on a network would share with everyone.
enum DemoDeskAccounts {
    static let accounts: [(name: String, role: Role)] = [("editor", .editor), ("reporter", .contributor)]

    /// Adds the accounts that do not exist yet; returns each added name with its password.
    static func add(to store: any ArticleStore) async throws -> [(name: String, password: String)] {
        var added: [(String, String)] = []
        for account in accounts where try await store.user(named: account.name) == nil {
            let password = String(Credentials.newToken().dropFirst(Credentials.tokenPrefix.count).prefix(16))
            let hash = try await Credentials.hash(password: password)
            _ = try await store.addUser(
                name: account.name, role: account.role, passwordHash: hash, by: CommandLineActor.attribution)
            added.append((account.name, password))
        }
        return added
    }
}
