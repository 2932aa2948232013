import ArgumentParser
import Broadsheet
import BroadsheetImport
import BroadsheetWeb
import Foundation

extension ExportFormat: ExpressibleByArgument {}

/// `broadsheet export`: articles out of the archive, as ninjs, JSON lines or e-paper text, or an
/// edition as an EPUB book.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write articles out: ninjs (a JSON array), jsonl (ninjs, one a line), epaper text, an edition as EPUB, or the whole site as static files.",
        discussion: """
            Everything, one edition (--edition), what was published since a day (--since), or one \
            article (--article). Articles are read a page at a time, so any archive fits. The file \
            appears only when it is complete. --format epub writes the published articles of one \
            edition (--edition) as an EPUB 3 book, to a file. --format static writes every page the \
            server renders into the folder --out, at the server's own addresses (news/12/slug/index.html), \
            with --base-url as the site's address; run again, it writes only the files that changed and \
            removes those of pages that are gone; when the folder holds a finished export of the same look and \
            address, it renders only the pages the stories changed since then appear on (--full renders \
            everything). --check lists what would change and writes nothing.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var paper: PublicationOptions

    @Option(help: "The format to write: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ExportFormat

    @Option(help: "Only the articles of this edition (yyyy-mm-dd), in reading order.")
    var edition: String?

    @Option(help: "Only articles published on or after this day (yyyy-mm-dd), in the paper's time zone.")
    var since: String?

    @Option(name: .customLong("article"), help: "Only the article with this id.")
    var articleID: Int64?

    @Option(help: "Which articles by status: published, draft, retracted or all.")
    var status: String = "published"

    @Option(help: "The file to write, or - for standard output; the folder, for --format static.")
    var out: String

    @Option(help: "A folder of templates and static files over the bundled ones (--format static).")
    var theme: String?

    @Flag(help: "List what a static export would write and remove, and write nothing (--format static).")
    var check = false

    @Flag(help: "Render the whole site, not only what changed since the last export (--format static).")
    var full = false

    func validate() throws {
        if let edition, EditionDate(iso: edition) == nil {
            throw ValidationError("--edition \(edition): expected a date as yyyy-mm-dd")
        }
        if let since, EditionDate(iso: since) == nil {
            throw ValidationError("--since \(since): expected a date as yyyy-mm-dd")
        }
        if status != "all", ArticleStatus(rawValue: status) == nil {
            throw ValidationError("--status \(status): expected published, draft, retracted or all")
        }
        if format == .epub { try validateBook() }
        if check && format != .staticSite {
            throw ValidationError("--check: only a static export (--format static) checks")
        }
        if full && format != .staticSite {
            throw ValidationError("--full: only a static export (--format static) renders again what changed")
        }
        if theme != nil && format != .staticSite {
            throw ValidationError("--theme: only a static export (--format static) has a look")
        }
        if format == .staticSite { return try validateSite() }
        try refuseDirectory()
    }

    /// A static site is the whole published site, written to a folder.
    private func validateSite() throws {
        if articleID != nil || edition != nil || since != nil || status != "published" {
            throw ValidationError(
                "--format static: a static site holds everything published; leave out --article, --edition, --since and --status"
            )
        }
        if out == "-" {
            throw ValidationError("--format static: a site is a folder of files; name it with --out")
        }
    }

    /// A book is one edition's published articles, written to a file.
    private func validateBook() throws {
        guard edition != nil else {
            throw ValidationError("--format epub: name the edition with --edition yyyy-mm-dd")
        }
        if articleID != nil || since != nil || status != "published" {
            throw ValidationError(
                "--format epub: a book holds one edition's published articles; leave out --article, --since and --status"
            )
        }
        if out == "-" {
            throw ValidationError("--format epub: an EPUB is a binary file; name the file to write with --out")
        }
    }

    /// An export replaces a file at `--out`, never a directory: what it holds is not ours to remove.
    private func refuseDirectory() throws {
        var isDirectory: ObjCBool = false
        guard out != "-", FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue
        else { return }
        throw ValidationError(
            "--out \(out): is a directory, which an export never replaces; name a file to write, such as one inside it")
    }

    func run() async throws {
        var output = StandardOutput()
        var messages = StandardError()
        try await execute(output: &output, messages: &messages)
    }

    /// Writes the export to `--out` (or to `output` for `-`) and a line saying how many to `messages`.
    func execute(output: inout some TextOutputStream, messages: inout some TextOutputStream) async throws {
        if format == .staticSite { return try await exportSite(output: &output, messages: &messages) }
        let count = try await self.store.withStore { store in
            let publication = try await paper.publication(remembering: store)
            let exporter = Exporter(store: store, publication: publication, format: format)
            return try await write(to: &output) { sink in
                if let articleID {
                    guard let article = try await store.article(id: articleID) else {
                        throw ValidationError("--article \(articleID): there is no article with this id")
                    }
                    try exporter.export(article, to: sink)
                    return 1
                }
                // A published edition is written in reading order, as printed.
                if let day = edition.flatMap({ EditionDate(iso: $0) }), status == "published", since == nil {
                    return try await exporter.export(edition: day, to: sink)
                }
                return try await exporter.export(query(in: publication), to: sink)
            }
        }
        print(
            "Exported \(count == 1 ? "1 article" : "\(count) articles") as \(format.rawValue) to \(out == "-" ? "standard output" : out)",
            to: &messages
        )
    }

    /// The articles the flags select.
    func query(in publication: Publication) -> ArticleQuery {
        var query = ArticleQuery(
            status: status == "all" ? nil : ArticleStatus(rawValue: status), limit: ArticleQuery.maximumLimit)
        query.edition = edition.flatMap { EditionDate(iso: $0) }
        query.publishedFrom = since.flatMap { EditionDate(iso: $0) }?.startOfDay(in: publication.timeZone)
        return query
    }

    /// Runs `body` with a sink onto `--out`: standard output (`output`) for `-`, else a file written
    /// beside the target and moved into place once complete, so a failed export leaves no half file.
    private func write(
        to output: inout some TextOutputStream, _ body: ((Data) throws -> Void) async throws -> Int
    ) async throws -> Int {
        if out == "-" {
            return try await body { data in output.write(String(decoding: data, as: UTF8.self)) }
        }
        try refuseDirectory()
        let target = URL(fileURLWithPath: out)
        let partial = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: partial)
        else {
            throw ValidationError("--out \(out): cannot write there")
        }
        do {
            let count = try await body { data in try handle.write(contentsOf: data) }
            try handle.close()
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: partial, to: target)
            return count
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }
}

/// `print(_:to:)` onto standard error, for messages that must not mix with exported data.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
