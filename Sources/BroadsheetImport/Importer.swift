import Broadsheet
import BroadsheetFormats
import Foundation
import Metrics

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

    public init(store: any ArticleStore, publication: Publication, format: ImportFormat = .auto, suppliedHeadline: String? = nil) {
        self.store = store
        self.publication = publication
        self.format = format
        self.suppliedHeadline = suppliedHeadline
    }

    /// Imports one file's bytes; `name` is how reports refer to it.
    public func importFile(named name: String, data: Data) async -> ImportSummary {
        var summary = ImportSummary()
        guard let text = String(data: data, encoding: .utf8) else {
            summary.failed.append(ImportNotice(file: name, line: nil, reason: "not UTF-8 text; save the file as UTF-8 and import it again"))
            Self.count("failed")
            return summary
        }
        for result in parse(text, name: name) {
            switch result {
            case .failure(let error):
                summary.failed.append(ImportNotice(file: error.file, line: error.line, reason: error.message))
                Self.count("failed")
            case .success(let parsed):
                do {
                    let outcome = try await store.save(parsed.content, status: .published)
                    summary.record(outcome, file: name, line: parsed.line)
                    Self.count(outcome)
                } catch {
                    summary.failed.append(ImportNotice(file: name, line: parsed.line, reason: String(describing: error)))
                    Self.count("failed")
                }
            }
        }
        return summary
    }

    private func parse(_ text: String, name: String) -> [Result<ParsedArticle, FormatError>] {
        switch format {
        case .auto, .epaper:
            // The e-paper text format is the one we read today; other formats join `auto` as they land.
            return EPaperTextParser(publication: publication, suppliedHeadline: suppliedHeadline).parse(text, file: name)
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
