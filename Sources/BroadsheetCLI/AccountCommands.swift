import ArgumentParser
import Broadsheet
import BroadsheetWeb
import Foundation

extension Role: ExpressibleByArgument {}

/// Who a change made from the command line is credited to: the operating system's user.
enum CommandLineActor {
    static var attribution: Attribution {
        let name = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        return Attribution(actor: "cli:\(name.isEmpty ? "unknown" : name)")
    }
}

/// A command whose whole work is `execute(output:)`, so tests can read what it prints.
protocol PrintingCommand: AsyncParsableCommand {
    func execute(output: inout some TextOutputStream) async throws
}

extension PrintingCommand {
    func run() async throws {
        var output = StandardOutput()
        try await execute(output: &output)
    }
}

/// `broadsheet users`: the newsroom's accounts.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add, list and remove newsroom accounts.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account.",
            discussion: "Without --password-stdin the account signs in with API tokens only (broadsheet tokens create)."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's name, as it signs in.") var name: String
        @Option(help: "admin, editor or contributor.") var role: Role
        @Flag(help: "Read a password from the first line of standard input.") var passwordStdin = false

        func validate() throws {
            if !User.isAcceptableName(name) {
                throw ValidationError("the account's name must be one line of text without control characters")
            }
        }

        func run() async throws {
            var output = StandardOutput()
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            try await execute(password: password, output: &output)
        }

        func execute(password: String?, output: inout some TextOutputStream) async throws {
            if passwordStdin {
                guard let password else { throw ValidationError("--password-stdin: standard input was empty") }
                if let problem = Credentials.passwordProblem(password) {
                    throw ValidationError("--password-stdin: \(problem) on the first line")
                }
            }
            let hash: String? =
                if let password { try await Credentials.hash(password: password) } else { nil }
            let user = try await store.withStore { store in
                try await store.addUser(name: name, role: role, passwordHash: hash, by: CommandLineActor.attribution)
            }
            print("Added \(user.name) (\(user.role.rawValue)).", to: &output)
        }
    }

    struct List: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var store: StoreOptions

        func execute(output: inout some TextOutputStream) async throws {
            let users = try await store.withStore { try await $0.users() }
            for user in users {
                let sign = user.passwordHash == nil ? "tokens only" : "password and tokens"
                print(
                    "\(user.name.padding(toLength: 20, withPad: " ", startingAt: 0)) "
                        + "\(user.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(sign)",
                    to: &output)
            }
        }
    }

    struct Remove: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and its tokens.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's name.") var name: String

        func execute(output: inout some TextOutputStream) async throws {
            try await store.withStore { try await $0.removeUser(named: name, by: CommandLineActor.attribution) }
            print("Removed \(name) and its tokens.", to: &output)
        }
    }
}

/// `broadsheet tokens`: API tokens, shown once when made.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, list and revoke API tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for an account and print it once.",
            discussion: "Only its hash is kept: a token that is lost cannot be shown again; revoke it and make another."
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The account the token acts for.") var user: String
        @Option(help: "A label to recognise it by (\"deploy script\").") var name: String = ""
        @Option(help: "Days until it expires (default: never).") var expires: Int?

        func validate() throws {
            if let expires, !(1...3650).contains(expires) {
                throw ValidationError("--expires \(expires): expected 1 to 3650 days")
            }
        }

        func execute(output: inout some TextOutputStream) async throws {
            let token = Credentials.newToken()
            let request = NewToken(
                userName: user, label: name, hash: Credentials.hash(token: token),
                expiresAt: expires.map { Date().addingTimeInterval(TimeInterval($0) * 86_400) })
            let stored = try await store.withStore { try await $0.addToken(request, by: CommandLineActor.attribution) }
            print(token, to: &output)
            let until = stored.expiresAt.map { " until \($0.formatted(.iso8601))" } ?? ""
            FileHandle.standardError.write(
                Data("Token \(stored.id) for \(user)\(until). It is shown only this once.\n".utf8))
        }
    }

    struct List: PrintingCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens, newest first (never the tokens themselves).")
        @OptionGroup var store: StoreOptions

        func execute(output: inout some TextOutputStream) async throws {
            let tokens = try await store.withStore { try await $0.tokens() }
            let now = Date()
            for token in tokens {
                let state =
                    if let revoked = token.revokedAt {
                        "revoked \(revoked.formatted(.iso8601))"
                    } else if let expires = token.expiresAt {
                        (token.isValid(at: now) ? "expires " : "expired ") + expires.formatted(.iso8601)
                    } else {
                        "never expires"
                    }
                let label = token.label.isEmpty ? "" : " \"\(token.label)\""
                print(
                    "\(token.id)\t\(token.userName)\(label)\tcreated \(token.createdAt.formatted(.iso8601))\t\(state)",
                    to: &output)
            }
        }
    }

    struct Revoke: PrintingCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its number (tokens list).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's number.") var id: Int64

        func execute(output: inout some TextOutputStream) async throws {
            try await store.withStore { try await $0.revokeToken(id: id, by: CommandLineActor.attribution) }
            print("Revoked token \(id).", to: &output)
        }
    }
}

/// `broadsheet audit`: who changed what, when and from where.
struct AuditCommand: PrintingCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the newsroom's audit log, newest first.")
    @OptionGroup var store: StoreOptions
    @Option(help: "How many entries to show.") var limit: Int = 50

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit \(limit): expected 1 or more") }
    }

    func execute(output: inout some TextOutputStream) async throws {
        let entries = try await store.withStore { try await $0.auditLog(limit: limit, before: nil) }
        for entry in entries {
            var line = "\(entry.at.formatted(.iso8601))  \(entry.actor)"
            if let address = entry.address { line += "@\(address)" }
            line += "  \(entry.action)"
            if let article = entry.articleID { line += " article \(article)" }
            if !entry.detail.isEmpty { line += ": \(entry.detail)" }
            print(line, to: &output)
        }
    }
}
