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
    case nitf
    /// NewsML-G2, or the older NewsML 1.2 envelope: the root element tells which.
    case newsml
    case rss
    case atom
    /// A WordPress export (WXR).
    case wxr
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
        var prepared = PreparedFile(name: name, articles: [], failures: [])
        for result in read(data, name: name) {
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
                let outcomes = try await save(batch.map(\.article))
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

    /// Saves articles in order, each with the status its source gave (almost always published):
    /// one call to the store for each status in the batch.
    private func save(_ articles: [ParsedArticle]) async throws -> [Result<SaveOutcome, StoreError>] {
        let statuses = Set(articles.map(\.status))
        if statuses.count == 1, let status = statuses.first {
            return try await store.save(articles.map(\.content), status: status)
        }
        var outcomes = [Result<SaveOutcome, StoreError>?](repeating: nil, count: articles.count)
        for status in ArticleStatus.allCases where statuses.contains(status) {
            let indices = articles.indices.filter { articles[$0].status == status }
            let saved = try await store.save(indices.map { articles[$0].content }, status: status)
            for (index, outcome) in zip(indices, saved) { outcomes[index] = outcome }
        }
        return outcomes.map { $0! }
    }

    /// How many articles share one commit.
    public static let batchSize = 1000

    /// The file's articles in the chosen format, or in the one its content shows for `auto`.
    private func read(_ data: Data, name: String) -> [Result<ParsedArticle, FormatError>] {
        switch format == .auto ? ImportFormat.detected(in: data, file: name) : .success(format) {
        case .success(.nitf): return NITFReader(publication: publication).read(data, file: name)
        case .success(.newsml):
            if XMLRootSniffer.kind(of: data) == .newsML1 {
                return NewsML1Reader(publication: publication).read(data, file: name)
            }
            return NewsMLG2Reader(publication: publication).read(data, file: name)
        case .success(.rss): return RSSReader(publication: publication).read(data, file: name)
        case .success(.atom): return AtomReader(publication: publication).read(data, file: name)
        case .success(.wxr): return WXRReader(publication: publication).read(data, file: name)
        case .success(.auto), .success(.epaper):
            guard let text = String(data: data, encoding: .utf8) else {
                return [
                    .failure(
                        FormatError(
                            file: name, line: nil, message: "not UTF-8 text; save the file as UTF-8 and import it again"
                        ))
                ]
            }
            return EPaperTextParser(publication: publication, suppliedHeadline: suppliedHeadline).parse(
                text, file: name)
        case .failure(let error):
            return [.failure(error)]
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
