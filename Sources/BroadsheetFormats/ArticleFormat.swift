import Broadsheet
import Foundation

/// The formats Broadsheet reads, by the names `broadsheet import --format` uses.
///
/// A format is registered here and nowhere else: its case, its reader and the file extensions
/// that name it. The import command, the API and `--format auto` take their lists from this
/// type; `FormatSniffer` learns to tell the format from content only if it can.
public enum ArticleFormat: String, CaseIterable, Sendable {
    case epaper, ninjs, jsonfeed, markdown, ghost
    case nitf
    /// NewsML-G2, or the older NewsML 1.2 envelope: the root element tells which.
    case newsml
    case rss, atom
    /// A WordPress export (WXR).
    case wxr

    /// The format's reader, set up for a publication.
    public func reader(_ settings: ReaderSettings) -> any ArticleReader {
        let publication = settings.publication
        return switch self {
        case .epaper: EPaperTextParser(publication: publication, suppliedHeadline: settings.suppliedHeadline)
        case .ninjs: NinjsReader(publication: publication, receivedAt: settings.receivedAt)
        case .jsonfeed: JSONFeedReader(publication: publication)
        case .markdown: MarkdownReader(publication: publication, suppliedHeadline: settings.suppliedHeadline)
        case .ghost: GhostReader(publication: publication)
        case .nitf: NITFReader(publication: publication, receivedAt: settings.receivedAt)
        case .newsml: NewsMLReader(publication: publication, receivedAt: settings.receivedAt)
        case .rss: RSSReader(publication: publication, receivedAt: settings.receivedAt)
        case .atom: AtomReader(publication: publication, receivedAt: settings.receivedAt)
        case .wxr: WXRReader(publication: publication)
        }
    }

    /// Whether the format is XML, whose encoding its prolog declares.
    public var isXML: Bool {
        switch self {
        case .nitf, .newsml, .rss, .atom, .wxr: true
        case .epaper, .ninjs, .jsonfeed, .markdown, .ghost: false
        }
    }

    /// Extensions (lower case, no dot) that name the format when its content does not.
    public var fileExtensions: Set<String> {
        switch self {
        case .markdown: ["md", "markdown"]
        case .ninjs: ["jsonl", "ndjson"]
        case .epaper: ["txt", "text", "epaper"]
        case .jsonfeed, .ghost, .nitf, .newsml, .rss, .atom, .wxr: []
        }
    }
}

/// What every reader is made with: the publication the copy belongs to, the headline for
/// copy that has none (`--headline`), which the formats without a headline of their own use,
/// and when the copy was received, which dates a story that gives no date of its own.
public struct ReaderSettings: Sendable {
    public var publication: Publication
    public var suppliedHeadline: String?
    public var receivedAt: Date

    public init(publication: Publication, suppliedHeadline: String? = nil, receivedAt: Date = Date()) {
        self.publication = publication
        self.suppliedHeadline = suppliedHeadline
        self.receivedAt = receivedAt
    }
}
