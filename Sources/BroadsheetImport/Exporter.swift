import Broadsheet
import BroadsheetFormats
import Foundation

/// The formats `broadsheet export --format` writes articles in.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// IPTC ninjs 2.0: one JSON array, a document a line.
    case ninjs
    /// IPTC ninjs 2.0 as JSON lines: one document a line, nothing around them.
    case jsonl
    /// The e-paper text format, articles one after another.
    case epaper
    /// An EPUB 3 book of one edition (`EPUBWriter`); only an edition can be exported this way.
    case epub
    /// The whole reader site as files (`StaticExport` in BroadsheetWeb), written to a folder.
    case staticSite = "static"
}

/// Writes a store's articles out in an exchange format, streaming: the reverse of `Importer`,
/// and what `Importer` reads back to the same articles.
public struct Exporter: Sendable {
    public let store: any ArchiveReading
    public let publication: Publication
    public var format: ExportFormat

    public init(store: any ArchiveReading, publication: Publication, format: ExportFormat) {
        self.store = store
        self.publication = publication
        self.format = format
    }

    /// Writes every article `query` matches (newest first) to `sink`, piece by piece; returns how many.
    public func export(_ query: ArticleQuery, to sink: (Data) throws -> Void) async throws -> Int {
        if format == .epub { throw ExportError.bookNeedsAnEdition }
        if format == .staticSite { throw ExportError.siteNeedsAFolder }
        var count = 0
        try begin(sink)
        try await store.forEachArticle(matching: query) { article in
            try write(article, first: count == 0, to: sink)
            count += 1
        }
        try end(sink)
        return count
    }

    /// Writes an edition's published articles in reading order (pages first, then by section),
    /// as the paper printed them; returns how many.
    public func export(edition date: EditionDate, to sink: (Data) throws -> Void) async throws -> Int {
        if format == .epub { return try await book(of: date, to: sink) }
        if format == .staticSite { throw ExportError.siteNeedsAFolder }
        let summaries = try await store.edition(on: date)?.articles ?? []
        try begin(sink)
        var count = 0
        for summary in summaries {
            guard let article = try await store.article(id: summary.id) else { continue }
            try write(article, first: count == 0, to: sink)
            count += 1
        }
        try end(sink)
        return count
    }

    /// Writes one article, as a whole file of the format.
    public func export(_ article: Article, to sink: (Data) throws -> Void) throws {
        if format == .epub { throw ExportError.bookNeedsAnEdition }
        if format == .staticSite { throw ExportError.siteNeedsAFolder }
        try begin(sink)
        try write(article, first: true, to: sink)
        try end(sink)
    }

    private func begin(_ sink: (Data) throws -> Void) throws {
        if format == .ninjs { try sink(Data("[\n".utf8)) }
    }

    private func end(_ sink: (Data) throws -> Void) throws {
        if format == .ninjs { try sink(Data("\n]\n".utf8)) }
    }

    private func write(_ article: Article, first: Bool, to sink: (Data) throws -> Void) throws {
        let ninjs = NinjsWriter(publication: publication)
        switch format {
        case .ninjs:
            if !first { try sink(Data(",\n".utf8)) }
            try sink(ninjs.json(article.content, status: article.status, revision: article.revision))
        case .jsonl:
            try sink(ninjs.jsonLine(article.content, status: article.status, revision: article.revision))
        case .epaper:
            if !first { try sink(Data("\n".utf8)) }
            try sink(Data(EPaperTextWriter(publication: publication).write(article.content).utf8))
        case .epub:
            throw ExportError.bookNeedsAnEdition
        case .staticSite:
            throw ExportError.siteNeedsAFolder
        }
    }
}

extension Exporter {
    /// Writes the edition's published articles as one EPUB book; returns how many it holds.
    func book(of date: EditionDate, to sink: (Data) throws -> Void) async throws -> Int {
        let book = try await book(of: date)
        try sink(book.bytes)
        return book.articles
    }

    /// The edition's published articles as one EPUB book, and how many it holds. An edition with
    /// none is an error (`ExportError.noEdition`): an empty book helps no reader.
    ///
    /// The contents and the cover are written from the edition's summaries, each story's document
    /// from the story, or taken from `earlier` where it holds the story unchanged: a story is read
    /// only for its own document, so a book made again reads only its changed stories. Stories in
    /// `having`, already read by the caller, are not read again.
    public func book(
        of date: EditionDate, reusing earlier: EarlierBook? = nil, having known: [Int64: Article] = [:]
    ) async throws -> (bytes: Data, articles: Int) {
        let summaries = try await store.edition(on: date)?.articles ?? []
        var kept: [Int64: EPUBPackedFile] = [:]
        for summary in summaries {
            if let document = earlier?.document(of: summary.id) { kept[summary.id] = document }
        }
        let missing = summaries.map(\.id).filter { kept[$0] == nil && known[$0] == nil }
        let read = missing.isEmpty ? [] : try await store.articles(ids: missing)
        let articles = Dictionary(
            (read + known.values).filter { $0.status == .published }.map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        let stories = summaries.compactMap { summary -> EPUBStory? in
            if let document = kept[summary.id] { return EPUBStory(summary: summary, document: .packed(document)) }
            // A story withdrawn since the edition was read is left out, as the contents would be.
            return articles[summary.id].map { EPUBStory(summary: summary, document: .article($0)) }
        }
        guard !stories.isEmpty else { throw ExportError.noEdition(date) }
        let edition = EPUBEdition(publication: publication, date: date, stories: stories)
        return (try EPUBPackage.zip(EPUBWriter().entries(edition), modified: edition.modified), stories.count)
    }
}

/// Why an export could not be written as asked.
public enum ExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// EPUB is a book of one edition, not a stream of articles.
    case bookNeedsAnEdition
    /// A static site is a folder of the whole site, not a stream of articles.
    case siteNeedsAFolder
    case noEdition(EditionDate)

    public var description: String {
        switch self {
        case .bookNeedsAnEdition: "an EPUB holds one edition: name it with --edition yyyy-mm-dd"
        case .siteNeedsAFolder: "a static site is a folder of the whole site: write it with --out DIR"
        case .noEdition(let date): "\(date.iso): no edition has published articles on this day"
        }
    }
}
