import ArgumentParser
import Broadsheet
import BroadsheetImport
import Foundation

extension ImportFormat: ExpressibleByArgument {}

/// `broadsheet import`: files, folders or standard input into the archive, with a summary.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from files, folders (recursively), feed addresses or standard input (-).",
        discussion: "Exits with status 0 only when every article went in or was already there."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var paper: PublicationOptions

    @Option(help: "The format of the input: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ImportFormat = .auto

    @Option(help: "The headline for copy that starts straight with the body.")
    var headline: String?

    @Option(
        help: """
            File the PDF (one file of all pages, or a folder of one PDF a page) as the printed pages \
            of this edition (yyyy-mm-dd), and find its filed stories on them.
            """)
    var edition: String?

    @Argument(help: "Files, folders, feed addresses (https://...), or - for standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file, folder, or - for standard input") }
        if let edition {
            guard EditionDate(iso: edition) != nil else {
                throw ValidationError("--edition \(edition): expected a date as yyyy-mm-dd")
            }
            guard format == .auto else {
                throw ValidationError("--edition files printed pages from PDF; leave out --format")
            }
        }
    }

    func run() async throws {
        var output = StandardOutput()
        let status = try await execute(output: &output, showProgress: true)
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the import and writes the summary; returns the exit status.
    func execute(output: inout some TextOutputStream, showProgress: Bool) async throws -> Int32 {
        if let edition = edition.flatMap(EditionDate.init(iso:)) {
            return try await importPrintedPages(of: edition, output: &output)
        }
        let (summary, sourceCount) = try await self.store.withStore { store in
            let importer = Importer(
                store: store, publication: try await paper.publication(remembering: store), format: format,
                suppliedHeadline: headline)
            let (sources, missing) = ImportSourceFinder.sources(for: paths)
            var summary = ImportSummary()
            summary.failed += missing
            let progress = ProgressBar(total: sources.count, enabled: showProgress && isatty(STDERR_FILENO) == 1)
            // Files are read and parsed while the batch before them is being written; small files
            // share a batch, so many articles share one commit. At most two batches are in memory.
            var writing: Task<ImportSummary, Never>?
            var batch: [PreparedFile] = []
            var batched = 0
            func send() async {
                if let writing { summary.merge(await writing.value) }
                let files = batch
                writing = Task { await importer.file(files) }
                batch = []
                batched = 0
            }
            for (index, source) in sources.enumerated() {
                progress.update(done: index, current: source.name)
                if case .file(let url) = source, let blocks = JSONLinesFile.open(url, format: format) {
                    for block in blocks {
                        let prepared = importer.prepare(
                            named: source.name, data: block.data, firstLine: block.firstLine)
                        batch.append(prepared)
                        batched += prepared.articles.count
                        if batched >= Importer.batchSize { await send() }
                    }
                    continue
                }
                do {
                    let prepared = importer.prepare(named: source.name, data: try await source.read())
                    batch.append(prepared)
                    batched += prepared.articles.count
                } catch {
                    summary.failed.append(
                        ImportNotice(file: source.name, line: nil, reason: Self.reason(error)))
                }
                if batched >= Importer.batchSize { await send() }
            }
            if !batch.isEmpty { await send() }
            if let writing { summary.merge(await writing.value) }
            progress.finish()
            return (summary, sources.count)
        }
        print("Imported \(summary.articles) articles from \(sourceCount) files: \(summary.countsLine)", to: &output)
        if !summary.older.isEmpty {
            print("Older versions, ignored:", to: &output)
            for notice in summary.older { print("  \(notice)", to: &output) }
        }
        if !summary.failed.isEmpty {
            print("Failed:", to: &output)
            for notice in summary.failed { print("  \(notice)", to: &output) }
        }
        return summary.succeeded ? 0 : 1
    }
}

extension ImportCommand {
    /// `--edition`: the PDFs named, in order (a folder's PDFs by name), as the edition's pages.
    func importPrintedPages(of date: EditionDate, output: inout some TextOutputStream) async throws -> Int32 {
        guard let images = try store.images() else {
            throw ValidationError(
                "--images DIR or s3://BUCKET/PREFIX: a PostgreSQL archive keeps page images where every server reads them"
            )
        }
        let files = try Self.pdfs(in: paths)
        let summary = try await store.withStore { store in
            let importer = PrintedEditionImporter(
                store: store, publication: try await paper.publication(remembering: store), images: images)
            return try await importer.importPDF(files, date: date)
        }
        let found = summary.found.count
        print(
            "Filed \(summary.pages) printed pages of \(date.iso) from \(files.count) \(files.count == 1 ? "file" : "files"); "
                + "found \(found) of \(found + summary.notFound.count) stories on them",
            to: &output)
        for (id, pages) in summary.found.sorted(by: { $0.key < $1.key }) {
            print(
                "  article \(id): page\(pages.count == 1 ? "" : "s") \(pages.map(String.init).joined(separator: ", "))",
                to: &output)
        }
        return 0
    }

    /// The PDF files `paths` name: files as given, folders' PDFs by name.
    static func pdfs(in paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("\(path): no such file or folder")
            }
            if isFolder.boolValue {
                let inside = try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                    .filter { $0.pathExtension.lowercased() == "pdf" }
                    .sorted { $0.lastPathComponent.localizedStandardCompare($1.lastPathComponent) == .orderedAscending }
                guard !inside.isEmpty else { throw ValidationError("\(path): holds no PDF") }
                files += inside
            } else {
                guard url.pathExtension.lowercased() == "pdf" else {
                    throw ValidationError("\(path): --edition files printed pages from PDF files, named .pdf")
                }
                files.append(url)
            }
        }
        return files
    }

    /// Why a source could not be read, in words: a fetch error already says it.
    static func reason(_ error: any Error) -> String {
        if let fetch = error as? FeedFetchError { return fetch.reason }
        return "cannot read it: \(error.localizedDescription)"
    }
}

/// `print(_:to:)` onto standard output.
///
/// When whoever reads the output has gone (`broadsheet search … | head`), it stops as quietly as
/// `cat` does, with the status a broken pipe gives (128 + SIGPIPE), also when SIGPIPE is ignored.
/// Any other failure to write (a full disk under `> file`) is said, and the status is 1, so a
/// script never takes a cut-short export for a whole one.
struct StandardOutput: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written >= 0 {
                bytes = bytes.dropFirst(written)
                continue
            }
            let failure = errno
            if failure == EINTR { continue }
            if failure == EPIPE { exit(141) }
            FileHandle.standardError.write(
                Data("broadsheet: cannot write the output: \(String(cString: strerror(failure)))\n".utf8))
            exit(1)
        }
    }
}
