import Broadsheet
import BroadsheetFormats
import Foundation
import Metrics

/// A file's articles, read and waiting to be filed.
public struct PreparedFile: Sendable {
    public var name: String
    public var articles: [ParsedArticle]
    public var failures: [ImportNotice]
}

/// The formats `broadsheet import --format` names.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Decide from the content.
    case auto
    case epaper
}

/// Reads files in a format and files their articles in a store, one transaction per article:
/// a bad article is reported and the rest go in.
public struct Importer: Sendable {
    public let store: any ArticleStore
    public let publication: Publication
    public var format: ImportFormat
    /// The headline for copy that has none (`--headline`).
    public var suppliedHeadline: String?

    public init(
        store: any ArticleStore, publication: Publication, format: ImportFormat = .auto, suppliedHeadline: String? = nil
    ) {
        self.store = store
        self.publication = publication
        self.format = format
        self.suppliedHeadline = suppliedHeadline
    }

    /// Imports one file's bytes; `name` is how reports refer to it.
    public func importFile(named name: String, data: Data) async -> ImportSummary {
        await file(prepare(named: name, data: data))
    }

    /// Reads a file's articles without touching the store: the CPU half of an import, which a
    /// caller can run while the previous file is being written.
    public func prepare(named name: String, data: Data) -> PreparedFile {
        guard let text = String(data: data, encoding: .utf8) else {
            return PreparedFile(
                name: name, articles: [],
                failures: [
                    ImportNotice(
                        file: name, line: nil, reason: "not UTF-8 text; save the file as UTF-8 and import it again")
                ])
        }
        var prepared = PreparedFile(name: name, articles: [], failures: [])
        for result in parse(text, name: name) {
            switch result {
            case .success(let article): prepared.articles.append(article)
            case .failure(let error):
                prepared.failures.append(ImportNotice(file: error.file, line: error.line, reason: error.message))
            }
        }
        return prepared
    }

    /// Files prepared articles, a batch at a time, each article in its own savepoint. Several
    /// small files share a batch: one commit for many articles is what makes an import fast.
    public func file(_ prepared: PreparedFile) async -> ImportSummary {
        await file([prepared])
    }

    public func file(_ files: [PreparedFile]) async -> ImportSummary {
        var summary = ImportSummary()
        for file in files {
            summary.failed += file.failures
            for _ in file.failures { Self.count("failed") }
        }
        let articles = files.flatMap { file in file.articles.map { (file: file.name, article: $0) } }
        var start = 0
        while start < articles.count {
            let batch = articles[start..<min(start + Self.batchSize, articles.count)]
            start = batch.endIndex
            do {
                let outcomes = try await store.save(batch.map(\.article.content), status: .published)
                for (item, outcome) in zip(batch, outcomes) {
                    switch outcome {
                    case .success(let outcome):
                        summary.record(outcome, file: item.file, line: item.article.line)
                        Self.count(outcome)
                    case .failure(let error):
                        summary.failed.append(
                            ImportNotice(file: item.file, line: item.article.line, reason: error.description))
                        Self.count("failed")
                    }
                }
            } catch {
                for item in batch {
                    summary.failed.append(
                        ImportNotice(file: item.file, line: item.article.line, reason: String(describing: error)))
                    Self.count("failed")
                }
            }
        }
        return summary
    }

    /// How many articles share one commit.
    public static let batchSize = 1000

    private func parse(_ text: String, name: String) -> [Result<ParsedArticle, FormatError>] {
        switch format {
        case .auto, .epaper:
            // The e-paper text format is the one we read today; other formats join `auto` as they land.
            return EPaperTextParser(publication: publication, suppliedHeadline: suppliedHeadline).parse(
                text, file: name)
        }
    }

    private static func count(_ outcome: SaveOutcome) {
        switch outcome {
        case .created: count("created")
        case .updated: count("updated")
        case .unchanged: count("unchanged")
        case .stale: count("older")
        }
    }

    private static func count(_ outcome: String) {
        Counter(label: "broadsheet_articles_imported_total", dimensions: [("outcome", outcome)]).increment()
    }
}
