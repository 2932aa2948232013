import Broadsheet
import BroadsheetWeb
import Foundation
import Testing

@testable import BroadsheetCLI
@testable import BroadsheetSQLite

@Suite("Accounts, tokens and the audit log from the command line", .timeLimit(.minutes(10)))
struct AccountCommandTests {
    func run<Command: PrintingCommand>(_ arguments: [String], as type: Command.Type) async throws
        -> String
    {
        let command = try #require(try BroadsheetCommand.parseAsRoot(arguments) as? Command)
        var output = ""
        try await command.execute(output: &output)
        return output
    }

    @Test func aTokenIsPrintedOnceAndWorksUntilRevoked() async throws {
        let workspace = try ImportCommandTests.Workspace()
        let db = ["--db", workspace.database]
        let add = try #require(
            try BroadsheetCommand.parseAsRoot(["users", "add", "amina", "--role", "editor", "--password-stdin"] + db)
                as? UsersCommand.Add)
        var output = ""
        try await add.execute(password: "a long enough secret", output: &output)
        #expect(output == "Added amina (editor).\n")
        await #expect(throws: (any Error).self) {
            try await add.execute(password: "short", output: &output)
        }

        let token = try await run(
            ["tokens", "create", "--user", "amina", "--name", "laptop", "--expires", "30"] + db,
            as: TokensCommand.Create.self
        ).trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("bst_") && token.count == 4 + 43, "256 bits, base64url: \(token)")

        let store = try SQLiteStore(path: workspace.database)
        let holder = try await store.user(holdingTokenHash: Credentials.hash(token: token), at: Date())
        #expect(holder?.name == "amina")
        let hash = try #require(try await store.user(named: "amina")?.passwordHash)
        #expect(hash.hasPrefix("$2"), "bcrypt")
        #expect(await Credentials.verify(password: "a long enough secret", hash: hash))

        let listed = try await run(["tokens", "list"] + db, as: TokensCommand.List.self)
        #expect(listed.contains("amina \"laptop\"") && listed.contains("expires"))
        #expect(!listed.contains(token), "the token itself is never shown again")

        _ = try await run(["tokens", "revoke", "1"] + db, as: TokensCommand.Revoke.self)
        #expect(try await store.user(holdingTokenHash: Credentials.hash(token: token), at: Date()) == nil)
        #expect(try await run(["tokens", "list"] + db, as: TokensCommand.List.self).contains("revoked"))

        let users = try await run(["users", "list"] + db, as: UsersCommand.List.self)
        #expect(users.contains("amina") && users.contains("editor"))
        _ = try await run(["users", "remove", "amina"] + db, as: UsersCommand.Remove.self)
        #expect(try await run(["users", "list"] + db, as: UsersCommand.List.self).isEmpty)
        try await store.close()

        let audit = try await run(["audit", "--limit", "3"] + db, as: AuditCommand.self)
        let lines = audit.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.contains("user.remove") == true, "newest first: \(audit)")
        #expect(lines.last?.contains("token.create") == true)
        #expect(lines.allSatisfy { $0.contains("cli:") })
    }

    @Test func aTokenForNoSuchAccountIsRefused() async throws {
        let workspace = try ImportCommandTests.Workspace()
        await #expect(throws: StoreError.notFound("no account is named 'nobody'")) {
            _ = try await run(
                ["tokens", "create", "--user", "nobody", "--db", workspace.database], as: TokensCommand.Create.self)
        }
    }
}
