import Broadsheet
import BroadsheetFormats
import Foundation
import Metrics

/// A file's articles, read and waiting to be filed.
public struct PreparedFile: Sendable {
    public var name: String
    public private(set) var articles: [ParsedArticle]
    /// Each article checked and in its stored form, in the same order: worked out as the file is
    /// read, so the store's writer only writes.
    public private(set) var forStore: [Result<PreparedArticle, StoreError>]
    public var failures: [ImportNotice]
    /// What the readers mended, for the summary.
    public var warnings: [ImportWarning] = []

    public init(name: String, articles: [ParsedArticle] = [], failures: [ImportNotice] = []) {
        self.name = name
        self.articles = articles
        self.forStore = articles.map { $0.content.prepareForStore() }
        self.failures = failures
    }

    public mutating func append(_ article: ParsedArticle) {
        articles.append(article)
        forStore.append(article.content.prepareForStore())
    }
}

/// The formats `broadsheet import --format` names: `auto`, and every `ArticleFormat` by its name.
public enum ImportFormat: Hashable, Sendable, CaseIterable, RawRepresentable {
    /// Decide from the content (`FormatSniffer`).
    case auto
    case named(ArticleFormat)

    public static var allCases: [ImportFormat] { [.auto] + ArticleFormat.allCases.map(ImportFormat.named) }

    public init?(rawValue: String) {
        if rawValue == "auto" {
            self = .auto
        } else if let format = ArticleFormat(rawValue: rawValue) {
            self = .named(format)
        } else {
            return nil
        }
    }

    public var rawValue: String { articleFormat?.rawValue ?? "auto" }

    /// The format this names, nil for `auto`.
    public var articleFormat: ArticleFormat? {
        if case .named(let format) = self { format } else { nil }
    }
}

/// Reads files in a format and files their articles in a store, one transaction per article:
/// a bad article is reported and the rest go in.
public struct Importer: Sendable {
    public let store: any ArticleFiling
    public let publication: Publication
    public var format: ImportFormat
    /// The headline for copy that has none (`--headline`).
    public var suppliedHeadline: String?
    /// `--strict`: a story the readers had to mend (see `IngestRepair`) fails instead of going in.
    public var strict: Bool
    /// When the copy was received: the date of a story whose source gives none.
    public var receivedAt: Date

    public init(
        store: any ArticleFiling, publication: Publication, format: ImportFormat = .auto,
        suppliedHeadline: String? = nil, strict: Bool = false, receivedAt: Date = Date()
    ) {
        self.store = store
        self.publication = publication
        self.format = format
        self.suppliedHeadline = suppliedHeadline
        self.strict = strict
        self.receivedAt = receivedAt
    }

    /// Imports one file's bytes; `name` is how reports refer to it, `charset` the HTTP charset
    /// the bytes came with, if any.
    public func importFile(named name: String, data: Data, charset: String? = nil) async -> ImportSummary {
        await file(prepare(named: name, data: data, charset: charset))
    }

    /// Reads a file's articles without touching the store: the CPU half of an import, which a
    /// caller can run while the previous file is being written.
    ///
    /// `firstLine` is where `data` starts in its file when it is one block of a larger file
    /// (`JSONLinesFile`), so reports name the line in the whole file.
    /// `charset` is the HTTP charset the bytes came with, if any; `receivedAt` when the file was
    /// written or fetched (its modification time), which dates stories that give no date and
    /// keeps them unchanged on the next import of the same file.
    public func prepare(
        named name: String, data: Data, firstLine: Int = 1, charset: String? = nil, receivedAt: Date? = nil
    ) -> PreparedFile {
        var prepared = PreparedFile(name: name)
        let shift = firstLine - 1
        guard let format = format.articleFormat ?? FormatSniffer.format(of: data, file: name) else {
            prepared.failures.append(ImportNotice(file: name, line: nil, reason: Self.unknownFormat(data)))
            return prepared
        }
        var data = data
        if format.isXML {
            let (repairedData, repair) = XMLCharsetRepair.repaired(data, httpCharset: charset)
            if let repair {
                let warning = ImportWarning(file: name, line: firstLine, repair: repair)
                if strict, let refusal = ImportWarning.refusal(of: [warning]) {
                    prepared.failures.append(refusal)
                    return prepared
                }
                prepared.warnings.append(warning)
            }
            data = repairedData
        }
        for result in reader(for: format, receivedAt: receivedAt ?? self.receivedAt).read(data, file: name) {
            switch result {
            case .success(var article):
                article.line += shift
                let warnings = article.repairs.map { ImportWarning(file: name, line: article.line, repair: $0) }
                if strict, let refusal = ImportWarning.refusal(of: warnings) {
                    prepared.failures.append(refusal)
                    continue
                }
                prepared.warnings += warnings
                prepared.append(article)
            case .failure(let error):
                prepared.failures.append(
                    ImportNotice(file: error.file, line: error.line.map { $0 + shift }, reason: error.message))
            }
        }
        return prepared
    }

    /// Why `--format auto` found no format: XML with a root no format has is named by its root.
    static func unknownFormat(_ data: Data) -> String {
        let formats = ArticleFormat.allCases.map(\.rawValue).joined(separator: ", ")
        if case .other(let root)? = XMLRootSniffer.kind(of: data) {
            return "<\(root)> is not the root of a format Broadsheet reads; expected NITF (<nitf>), NewsML "
                + "(<newsMessage>, <newsItem>, <packageItem>, <NewsML>), RSS (<rss>), Atom (<feed>) or a WordPress export"
        }
        return "cannot tell its format from its content; name it with --format (\(formats))"
    }

    /// The reader of a format, set up for this publication.
    public func reader(for format: ArticleFormat, receivedAt: Date? = nil) -> any ArticleReader {
        format.reader(
            ReaderSettings(
                publication: publication, suppliedHeadline: suppliedHeadline,
                receivedAt: receivedAt ?? self.receivedAt))
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
            summary.warnings += file.warnings
            for _ in file.failures { Self.count("failed") }
        }
        let articles = files.flatMap { file in
            zip(file.articles, file.forStore).map { (file: file.name, article: $0, prepared: $1) }
        }
        var start = 0
        while start < articles.count {
            let batch = articles[start..<min(start + Self.batchSize, articles.count)]
            start = batch.endIndex
            for (item, outcome) in zip(batch, await save(batch.map { ($0.article.status, $0.prepared) })) {
                switch outcome {
                case .saved(let outcome):
                    summary.record(outcome, file: item.file, line: item.article.line)
                    Self.count(outcome)
                case .failed(let reason):
                    summary.failed.append(ImportNotice(file: item.file, line: item.article.line, reason: reason))
                    Self.count("failed")
                }
            }
        }
        return summary
    }

    /// Saves articles with the status each source gives (most are published; a Markdown draft
    /// is a draft), one store call per status, the outcomes back in the articles' order.
    private func save(_ articles: [(status: ArticleStatus, prepared: Result<PreparedArticle, StoreError>)]) async
        -> [Filed]
    {
        var outcomes = [Filed](repeating: .failed("not saved"), count: articles.count)
        for status in ArticleStatus.allCases {
            let indices = articles.indices.filter { articles[$0].status == status }
            guard !indices.isEmpty else { continue }
            do {
                let saved = try await store.save(indices.map { articles[$0].prepared }, status: status)
                for (index, outcome) in zip(indices, saved) {
                    switch outcome {
                    case .success(let outcome): outcomes[index] = .saved(outcome)
                    case .failure(let error): outcomes[index] = .failed(error.description)
                    }
                }
            } catch {
                for index in indices { outcomes[index] = .failed(String(describing: error)) }
            }
        }
        return outcomes
    }

    /// What became of one article in the store.
    private enum Filed {
        case saved(SaveOutcome)
        case failed(String)
    }

    /// How many articles share one commit.
    public static let batchSize = 1000

    /// How many articles the batch sent after `sent` others holds: the first ones are small, so
    /// the store starts writing while the files after them are still being read, and each is
    /// written in less time than the next takes to read.
    public static func batchSize(afterSending sent: Int) -> Int {
        min(batchSize, (batchSize / 8) << min(sent, 3))
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
