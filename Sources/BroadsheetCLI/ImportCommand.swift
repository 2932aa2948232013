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

    @Argument(help: "Files, folders, feed addresses (https://...), or - for standard input.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file, folder, or - for standard input") }
    }

    func run() async throws {
        var output = StandardOutput()
        let status = try await execute(output: &output, showProgress: true)
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the import and writes the summary; returns the exit status.
    func execute(output: inout some TextOutputStream, showProgress: Bool) async throws -> Int32 {
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
