import ArgumentParser
import Broadsheet
import BroadsheetImages
import BroadsheetImport
import Foundation

extension ImportFormat: ExpressibleByArgument {}

/// `broadsheet import`: files, folders or standard input into the archive, with a summary.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import articles from files, folders (recursively), feed addresses or standard input (-).",
        discussion: """
            A METS file, a folder holding one (an issue with its ALTO and page images) or a folder holding \
            an NDNP batch.xml is imported as printed pages, with the articles its METS marks out. \
            Exits with status 0 only when every article went in or was already there.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var paper: PublicationOptions

    @Option(help: "The format of the input: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ImportFormat = .auto

    @Option(help: "The headline for copy that starts straight with the body.")
    var headline: String?

    @Flag(
        help: """
            Refuse copy that had to be mended to go in (a legacy or wrong encoding, a derived identity, \
            a borrowed date, a story without text filed as a brief) instead of filing it with a warning.
            """)
    var strict = false

    @Option(
        help: """
            File the PDF (one file of all pages, or a folder of one PDF a page) as the printed pages \
            of this edition (yyyy-mm-dd), and find its filed stories on them; with one METS issue, \
            the date to file it under instead of its own.
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
        PageImageRenderer.limitMemoryGrowth()
        var output = StandardOutput()
        let status = try await execute(output: &output, showProgress: true)
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the import and writes the summary; returns the exit status.
    func execute(output: inout some TextOutputStream, showProgress: Bool) async throws -> Int32 {
        let packages = format == .auto ? paths.map(PrintedPackage.find) : paths.map { _ in [] }
        let articlePaths = zip(paths, packages).filter { $0.1.isEmpty }.map(\.0)
        let printed = packages.flatMap { $0 }
        if let edition = edition.flatMap(EditionDate.init(iso:)) {
            if printed.isEmpty { return try await importPrintedPages(of: edition, output: &output) }
            guard articlePaths.isEmpty, printed.count == 1, case .issue = printed[0] else {
                throw ValidationError(
                    "--edition gives the date of one METS issue (or of a PDF edition); a batch's issues carry their own"
                )
            }
        }
        var status: Int32 = 0
        if !articlePaths.isEmpty {
            status = try await importArticles(articlePaths, output: &output, showProgress: showProgress)
        }
        if !printed.isEmpty {
            status = max(status, try await importPackages(printed, output: &output))
        }
        return status
    }

    /// Imports the articles of `paths` (files, folders, feeds, standard input) and writes the summary.
    func importArticles(_ paths: [String], output: inout some TextOutputStream, showProgress: Bool) async throws
        -> Int32
    {
        let (summary, sourceCount) = try await self.store.withStore { store in
            let importer = Importer(
                store: store, publication: try await paper.publication(remembering: store), format: format,
                suppliedHeadline: headline, strict: strict)
            let (sources, missing) = ImportSourceFinder.sources(for: paths)
            var summary = ImportSummary()
            summary.failed += missing
            let progress = ProgressBar(total: sources.count, enabled: showProgress && isatty(STDERR_FILENO) == 1)
            // Files are read and parsed while the batch before them is being written; small files
            // share a batch, so many articles share one commit. At most two batches are in memory;
            // the first ones are small, so that writing starts early.
            var writing: Task<ImportSummary, Never>?
            var batch: [PreparedFile] = []
            var batched = 0
            var sent = 0
            func send() async {
                if let writing { summary.merge(await writing.value) }
                let files = batch
                writing = Task { await importer.file(files) }
                batch = []
                batched = 0
                sent += 1
            }
            for (index, source) in sources.enumerated() {
                progress.update(done: index, current: source.name)
                // A file's own time dates its undated stories, so importing it again changes nothing.
                var modified: Date?
                if case .file(let url) = source {
                    modified = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
                }
                if case .file(let url) = source, let blocks = JSONLinesFile.open(url, format: format) {
                    for block in blocks {
                        let prepared = importer.prepare(
                            named: source.name, data: block.data, firstLine: block.firstLine, receivedAt: modified)
                        batch.append(prepared)
                        batched += prepared.articles.count
                        if batched >= Importer.batchSize(afterSending: sent) { await send() }
                    }
                    continue
                }
                do {
                    let (data, charset) = try await source.body()
                    let prepared = importer.prepare(
                        named: source.name, data: data, charset: charset, receivedAt: modified)
                    batch.append(prepared)
                    batched += prepared.articles.count
                } catch {
                    summary.failed.append(
                        ImportNotice(file: source.name, line: nil, reason: Self.reason(error)))
                }
                if batched >= Importer.batchSize(afterSending: sent) { await send() }
            }
            if !batch.isEmpty { await send() }
            if let writing { summary.merge(await writing.value) }
            progress.finish()
            try await store.tidySearchIndexes(afterFiling: summary.created + summary.updated)
            return (summary, sources.count)
        }
        print("Imported \(summary.articles) articles from \(sourceCount) files: \(summary.countsLine)", to: &output)
        if !summary.older.isEmpty {
            print("Older versions, ignored:", to: &output)
            for notice in summary.older { print("  \(notice)", to: &output) }
        }
        if !summary.warnings.isEmpty {
            print("Warnings (filed as they came):", to: &output)
            for warning in summary.warnings { print("  \(warning)", to: &output) }
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
        let files = try Self.pdfs(in: paths)
        let summary = try await withPrintedImporter { try await $0.importPDF(files, date: date) }
        let found = summary.found.count
        print(
            "Filed \(summary.pages) printed pages of \(date.iso) from \(files.count) \(files.count == 1 ? "file" : "files"); "
                + "found \(found) of \(found + summary.notFound.count) stories on them",
            to: &output)
        Self.printPlaces(summary.found, to: &output)
        return 0
    }

    /// METS issues and NDNP batches, each issue as its edition's printed pages and stories.
    func importPackages(_ packages: [PrintedPackage], output: inout some TextOutputStream) async throws -> Int32 {
        let date = edition.flatMap(EditionDate.init(iso:))
        let summary = try await withPrintedImporter { try await $0.importPackages(packages, date: date) }
        let issues = summary.editions.count
        let days = summary.editions.map(\.iso).joined(separator: ", ")
        print(
            "Filed \(summary.pages) printed pages of \(issues) \(issues == 1 ? "issue" : "issues")"
                + (days.isEmpty ? "" : " (\(days))") + " from \(packages.count) "
                + (packages.count == 1 ? "package" : "packages"),
            to: &output)
        print("Articles from the METS: \(summary.articles.countsLine)", to: &output)
        Self.printPlaces(summary.marked, to: &output)
        let found = summary.found.count
        print("Found \(found) of \(found + summary.notFound.count) other stories on the pages", to: &output)
        Self.printPlaces(summary.found, to: &output)
        let failures = summary.failed + summary.articles.failed.map(\.description)
        if !failures.isEmpty {
            print("Failed:", to: &output)
            for failure in failures { print("  \(failure)", to: &output) }
        }
        return summary.succeeded ? 0 : 1
    }

    /// Runs `body` with an importer of printed pages on the archive and its image folder.
    private func withPrintedImporter(
        _ body: (PrintedEditionImporter) async throws -> PrintedEditionImporter.Summary
    ) async throws -> PrintedEditionImporter.Summary {
        guard let images = try store.images() else {
            throw ValidationError(
                "--images DIR or s3://BUCKET/PREFIX: a PostgreSQL archive keeps page images where every server reads them"
            )
        }
        return try await store.withStore { store in
            try await body(
                PrintedEditionImporter(
                    store: store, publication: try await paper.publication(remembering: store), images: images))
        }
    }

    /// "  article 12: pages 1, 2", one line a story, by id.
    private static func printPlaces(_ places: [Int64: [Int]], to output: inout some TextOutputStream) {
        for (id, pages) in places.sorted(by: { $0.key < $1.key }) {
            print(
                "  article \(id): page\(pages.count == 1 ? "" : "s") \(pages.map(String.init).joined(separator: ", "))",
                to: &output)
        }
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
