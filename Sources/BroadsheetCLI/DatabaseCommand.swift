import ArgumentParser
import Broadsheet
import BroadsheetImages
import BroadsheetPostgres
import BroadsheetSQLite
import Foundation

/// `broadsheet db`: the archive's schema, health and size.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Migrate, check, back up and count the archive.",
        subcommands: [Migrate.self, Check.self, Stats.self, Backup.self, Copy.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or upgrade the schema.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let pending = try await self.store.withStore(migrating: false) { store in
                let pending: [String] =
                    switch store {
                    case let sqlite as SQLiteStore: try await sqlite.pendingMigrations()
                    case let postgres as PostgresStore: try await postgres.pendingMigrations()
                    default: []
                    }
                try await store.migrate()
                return pending
            }
            print(pending.isEmpty ? "The schema is up to date." : "Applied \(pending.joined(separator: ", ")).")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check the database's integrity, the search index, every article's derived data and every printed page's image.",
            discussion: "Exits with status 1 when a problem is found.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            var output = StandardOutput()
            let status = try await execute(output: &output)
            if status != 0 { throw ExitCode(status) }
        }

        func execute(output: inout some TextOutputStream) async throws -> Int32 {
            let images = try self.store.images()
            let (problems, articles, pages) = try await self.store.withStore { store in
                let pages = try await store.printedPageImages()
                let problems = try await store.check() + PageImageAudit.problems(of: pages, in: images)
                return (problems, try await store.stats().articles, pages.count)
            }
            guard problems.isEmpty else {
                print("\(problems.count) problems in \(self.store.displayLocation):", to: &output)
                for problem in problems { print("  \(problem)", to: &output) }
                return 1
            }
            let checked = pages == 0 ? "\(articles) articles" : "\(articles) articles and \(pages) page images"
            print("OK: \(checked) checked, no problems.", to: &output)
            return 0
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count what the archive holds.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let stats = try await self.store.withStore { try await $0.stats() }
            let rows: [(String, String)] =
                [
                    ("articles", "\(stats.articles)")
                ] + ArticleStatus.allCases.map { ("  \($0.rawValue)", "\(stats.articlesByStatus[$0] ?? 0)") } + [
                    ("revisions", "\(stats.revisions)"), ("editions", "\(stats.editions)"),
                    ("sections", "\(stats.sections)"),
                    ("topics", "\(stats.topics)"), ("authors", "\(stats.authors)"),
                    ("corrections", "\(stats.corrections)"),
                    (
                        "size",
                        stats.bytes.map { ByteCountFormatter.string(fromByteCount: $0, countStyle: .file) } ?? "unknown"
                    ),
                ]
            for (name, value) in rows {
                print(name.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
            }
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the live archive to a new file without stopping the server.",
            discussion:
                "A PostgreSQL archive is dumped by pg_dump (custom format, for pg_restore) when it is installed.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Where to write the copy; must not exist yet.") var path: String

        func run() async throws {
            guard !FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("\(path) exists already; choose a new file name")
            }
            let how = try await self.store.withStore { try await backUp($0) }
            print("Backed up \(self.store.displayLocation) to \(path)\(how).")
        }

        /// Writes the copy; says how, when it is not the store's own way.
        private func backUp(_ store: any ArticleStore) async throws -> String {
            switch store {
            case let sqlite as SQLiteStore:
                try await sqlite.backup(to: path)
                return ""
            case let postgres as PostgresStore:
                let dump = try PostgresDump(location: postgres.location)
                try await dump.write(to: path)
                return " with \(dump.program) (custom format: restore it with pg_restore)"
            default:
                throw ValidationError("this kind of archive cannot be backed up by broadsheet")
            }
        }
    }
}
