import ArgumentParser
import Broadsheet
import BroadsheetWeb
import Foundation

extension ExportCommand {
    /// `--format static`: the site into the folder `--out`; with `--check`, the list of what would
    /// change onto `output`, a line a file (`+` new, `~` changed, `-` removed).
    func exportSite(output: inout some TextOutputStream, messages: inout some TextOutputStream) async throws {
        let look: Theme
        do {
            look = try Theme.load(overridesFrom: theme)
        } catch {
            throw ValidationError("--theme: \(error)")
        }
        let folder = URL(fileURLWithPath: out)
        let started = ContinuousClock.now
        let summary = try await self.store.withStore { store in
            // The export's --base-url is the copy's address, not the archive's: it is not remembered.
            let settings = paper.given.over(try await store.publicationSettings())
            let publication = try PublicationOptions.publication(settings, host: "127.0.0.1", port: 8080)
            // Each page is rendered once: nothing to keep.
            let site = Site(
                publication: publication, store: store, theme: look, cache: PageCache(lifetime: .zero, budget: 0),
                images: try self.store.images())
            // How far it got, on one line, when a person is watching a terminal.
            let watched = isatty(STDERR_FILENO) == 1
            defer { if watched { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
            return try await StaticExport(site: site, folder: folder, checking: check).run(full: full) { count in
                if watched { FileHandle.standardError.write(Data("\r\u{1B}[KRendered \(count) addresses…".utf8)) }
            }
        }
        let changes = summary.changes
        if check {
            for path in changes.created { print("+ \(path)", to: &output) }
            for path in changes.changed { print("~ \(path)", to: &output) }
            for path in changes.removed { print("- \(path)", to: &output) }
        }
        switch summary.kind {
        case .full(let reason): print("Full export: \(reason).", to: &messages)
        case .incremental(let articles):
            print(
                "Incremental export: \(articles == 1 ? "1 story" : "\(articles) stories") changed since the last export.",
                to: &messages)
            if let (stories, boxes) = summary.moved {
                let listings = "the first page of every listing \(stories == 1 ? "it is" : "they are") in"
                // A new story is filed after every other, and a box draws on the stories filed before its own.
                let reach =
                    boxes == 0
                    ? "\(listings) and no other story's related box"
                    : "the related \(boxes == 1 ? "box" : "boxes") of \(boxes) other \(boxes == 1 ? "story" : "stories") "
                        + "and \(listings)"
                print(
                    "\(stories == 1 ? "1 of them" : "\(stories) of them") came, went or moved, which changed \(reach).",
                    to: &messages)
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let verb = check ? "would write" : "wrote"
        print(
            "Rendered \(summary.rendered) addresses in \(String(format: "%.1f", seconds)) s "
                + "(\(String(format: "%.0f", Double(summary.rendered) / max(seconds, 0.001))) a second); "
                + "\(verb) \(changes.created.count) new and \(changes.changed.count) changed files, "
                + "\(check ? "would remove" : "removed") \(changes.removed.count), \(changes.unchanged) unchanged, in \(out)",
            to: &messages)
        if !summary.skipped.isEmpty {
            print(
                "Left out \(summary.skipped.count) linked files the server does not answer either: "
                    + summary.skipped.prefix(10).joined(separator: ", "), to: &messages)
        }
    }
}
