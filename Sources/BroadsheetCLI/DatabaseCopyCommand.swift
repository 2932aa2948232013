import ArgumentParser
import Broadsheet
import BroadsheetImages
import BroadsheetPostgres
import Foundation

extension DatabaseCommand {
    /// `broadsheet db copy`: the whole archive from one store to another, resumable.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a whole archive between stores (SQLite files, PostgreSQL), resumably.",
            discussion: """
                Copies every article with all its revisions, corrections and links (ids kept, so \
                /news/<id>/ links still work), the publication's settings, the accounts, the API \
                tokens and the audit log, a batch at a time. Stop writing to the source first: a \
                copy that finds the source written to while it read it (its archive version or its \
                record counts moved) fails with exit status 1, and the target must be copied afresh.

                If the copy is interrupted, run the same command again: it continues after the \
                last batch the target holds. A target that holds another archive is refused.

                At the end both archives are checked as by `db check` and their counts compared; \
                the exit status is 1 when they do not agree.
                """)

        @Option(help: "The archive to copy: a SQLite file path or a postgres:// URL.")
        var from: String
        @Option(help: "Where to copy it: a new or empty store, or the one an interrupted copy left.")
        var to: String
        @Option(help: "Records read and written at once, each batch one transaction of the target.")
        var batchSize = 500
        @Option(
            help: """
                The source's folder of page images (default: beside a SQLite --from as NAME.images).
                """)
        var fromImages: String?
        @Option(
            help: """
                Where the target keeps page images (default: beside a SQLite --to as NAME.images; \
                with PostgreSQL, give a folder every server reads, or the images are not copied).
                """)
        var toImages: String?

        func validate() throws {
            guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
            guard ArchiveLocation.key(from) != ArchiveLocation.key(to) else {
                throw ValidationError("--from and --to name the same archive (\(ArchiveLocation.shown(from)))")
            }
            if !PostgresLocation.isURL(from), !FileManager.default.fileExists(atPath: from) {
                throw ValidationError("--from \(from): there is no such file")
            }
        }

        func run() async throws {
            var output = StandardOutput()
            let status = try await execute(output: &output, showProgress: true)
            if status != 0 { throw ExitCode(status) }
        }

        /// Copies, then compares; 0 when both archives pass their check and hold the same counts.
        func execute(output: inout some TextOutputStream, showProgress: Bool) async throws -> Int32 {
            try await open(from, as: "--from") { source in
                try await open(to, as: "--to") { target in
                    try await copy(from: source, to: target, output: &output, showProgress: showProgress)
                }
            }
        }

        private func copy(
            from source: any ArchiveTransfer, to target: any ArchiveTransfer, output: inout some TextOutputStream,
            showProgress: Bool
        ) async throws -> Int32 {
            let copier = ArchiveCopier(from: source, to: target, batchSize: batchSize)
            print("Copying \(ArchiveLocation.shown(from)) to \(ArchiveLocation.shown(to)).", to: &output)
            let clock = ContinuousClock()
            let started = clock.now
            let total = try await source.archiveCensus().total
            let bar = ProgressBar(total: total, enabled: showProgress && isatty(STDERR_FILENO) == 1)
            let outcome: ArchiveCopyOutcome
            do {
                outcome = try await copier.copy { progress in
                    bar.update(done: progress.done, current: "\(progress.part.noun) to id \(progress.lastID ?? 0)")
                }
                bar.finish()
            } catch {
                bar.finish()  // the error gets a line of its own
                throw error
            }
            // The archive arrived in batches, as an import's stories do: its indexes are tidied the same way.
            try await target.tidySearchIndexes(afterFiling: outcome.copied[.articles] ?? 0)
            print(Self.describe(outcome, in: clock.now - started), to: &output)
            if let note = try await copyImages(of: source) { print(note, to: &output) }

            print("Checking both archives.", to: &output)
            let comparison = try await copier.compare()
            print(Self.describe(comparison), to: &output)
            return comparison.agrees ? 0 : 1
        }

        /// Copies the printed pages' images the target's image store lacks (an image's name is
        /// its digest, so one there is the same image), with their thumbnails; a sentence on what
        /// was done, nil when the source has no page images.
        private func copyImages(of source: any ArchiveTransfer) async throws -> String? {
            let pages = try await source.printedPageImages()
            guard !pages.isEmpty,
                let sourceImages = try StoreOptions.parse(
                    ["--db", from] + (fromImages.map { ["--images", $0] } ?? [])
                )
                .images()
            else { return nil }
            guard
                let targetImages = try StoreOptions.parse(["--db", to] + (toImages.map { ["--images", $0] } ?? []))
                    .images()
            else {
                return "Page images stay in \(sourceImages.location): serve the target with --images "
                    + "\(sourceImages.location), or copy again with --to-images DIR to copy them where it keeps them."
            }
            guard sourceImages.location != targetImages.location else {
                return "Page images: the target keeps them in the source's \(sourceImages.location)."
            }
            var copied = 0
            var held = 0
            var missing: [String] = []
            var seen: Set<ImageAddress> = []
            for page in pages {
                guard let address = ImageAddress(page.image), seen.insert(address).inserted else { continue }
                if try await targetImages.contains(.original(address)) {
                    held += 1
                } else if let file = try await sourceImages.localFile(for: address) {
                    _ = try await targetImages.keep(file)
                    copied += 1
                } else {
                    missing.append(page.pageName)
                }
            }
            var text = "Copied \(copied) page images to \(targetImages.location)"
            text += held > 0 ? " (\(held) were there already)." : "."
            if !missing.isEmpty {
                text +=
                    " Missing from \(sourceImages.location), so not copied: " + missing.joined(separator: ", ") + "."
            }
            return text
        }

        /// Runs `body` with the archive at `location`, open and migrated, and closes it after.
        private func open<T>(
            _ location: String, as flag: String, _ body: (any ArchiveTransfer) async throws -> T
        ) async throws -> T {
            try await StoreOptions.parse(["--db", location]).withStore { store in
                guard let transferable = store as? any ArchiveTransfer else {
                    throw ValidationError(
                        "\(flag) \(ArchiveLocation.shown(location)): this kind of store cannot be copied yet")
                }
                return try await body(transferable)
            }
        }

        static func describe(_ outcome: ArchiveCopyOutcome, in duration: Duration) -> String {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            // Printed pages are named only when there are some: most archives have none yet.
            let parts = ArchivePart.allCases.filter { $0 != .printedPages || (outcome.copied[$0] ?? 0) > 0 }
                .map { $0.counted(outcome.copied[$0] ?? 0) }
            var text = "Copied " + parts.joined(separator: ", ") + String(format: " in %.1f s", seconds)
            let articles = outcome.copied[.articles] ?? 0
            if articles > 0, seconds > 0 {
                text += String(format: " (%.0f articles a second)", Double(articles) / seconds)
            }
            text += outcome.settingsCopied ? "; the publication's settings too." : "."
            if outcome.resumed {
                let held = ArchivePart.allCases.compactMap { part in
                    (outcome.alreadyThere[part] ?? 0) > 0 ? part.counted(outcome.alreadyThere[part] ?? 0) : nil
                }
                text += "\nResumed an earlier copy: the target held " + held.joined(separator: ", ") + " already."
            }
            return text
        }

        static func describe(_ comparison: ArchiveComparison) -> String {
            func line(_ name: String, _ cells: [String], note: String = "") -> String {
                name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + cells.map { String(repeating: " ", count: max(0, 10 - $0.count)) + $0 }.joined() + note
            }
            var lines = ["", line("", ["source", "target"])]
            func row(_ name: String, _ source: Int, _ target: Int, note: String = "") {
                lines.append(line(name, [String(source), String(target)], note: note))
            }
            for (source, target) in zip(comparison.source.exact, comparison.target.exact) {
                row(source.name, source.count, target.count, note: source.count == target.count ? "" : "   differ")
            }
            for (source, target) in zip(comparison.source.derived, comparison.target.derived) {
                row(
                    source.name, source.count, target.count,
                    note: source.count == target.count ? "" : "   (unlinked ones stay behind)")
            }
            lines.append("")
            for (side, problems) in [("source", comparison.sourceProblems), ("target", comparison.targetProblems)] {
                if problems.isEmpty {
                    lines.append("db check on the \(side): OK, no problems.")
                } else {
                    lines.append("db check on the \(side): \(problems.count) problems:")
                    lines += problems.prefix(20).map { "  \($0)" }
                }
            }
            if comparison.agrees {
                lines.append("The copy is complete: both archives pass the check and hold the same records.")
            } else if !comparison.mismatches.isEmpty {
                lines.append(
                    "The archives differ in " + comparison.mismatches.joined(separator: ", ")
                        + ". Was the source written to during the copy? Running the command again copies what was "
                        + "added since; an article changed after it was copied needs a fresh copy into an empty store.")
            }
            return lines.joined(separator: "\n")
        }
    }
}

/// How `db copy` tells its two `--db` values apart and shows them.
enum ArchiveLocation {
    /// The same text for two spellings of one file (`./a.sqlite`, `a.sqlite`, through a link).
    static func key(_ location: String) -> String {
        PostgresLocation.isURL(location)
            ? location : URL(fileURLWithPath: location).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The location as messages show it: a URL without its password.
    static func shown(_ location: String) -> String {
        guard PostgresLocation.isURL(location), var components = URLComponents(string: location),
            components.password != nil
        else {
            return location
        }
        components.password = "***"
        return components.string ?? location
    }
}
