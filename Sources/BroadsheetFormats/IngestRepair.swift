import Broadsheet

/// Something a reader mended to take a story as it came instead of refusing it.
///
/// Real copy arrives in legacy encodings, without identifiers or dates, or without a body; a
/// newsroom wants the story filed. Each repair is reported in the import summary (and refused
/// under `--strict`), so nothing is changed silently.
public enum IngestRepair: Hashable, Sendable, CustomStringConvertible {
    /// Where a date was taken from when the story had none of its own.
    public enum DateSource: String, Hashable, Sendable {
        /// The feed's channel (`pubDate`, `lastBuildDate`) or the document's own date.
        case document = "the document's date"
        /// When the file was read or fetched.
        case received = "the time it was received"
    }

    /// The bytes were not in the encoding the document declared (or declared none and were not
    /// UTF-8); they were read as `used`.
    case encoding(declared: String?, used: String)
    /// No identifier in `field`: one was derived from the publisher, headline, first paragraph and date.
    case derivedIdentity(field: String, uri: String)
    /// No date in `field`: the story is dated from `source`.
    case missingDate(field: String, source: DateSource)
    /// No text in `field`: the story is filed as a brief of this kind ("text", "picture", "video").
    case brief(field: String, kind: String)
    /// A line before the first paragraph was taken as the lead picture's caption.
    case captionLine(String)

    public var description: String {
        switch self {
        case .encoding(let declared?, let used):
            "the document declares the encoding '\(declared)' but is not in it; read as \(used)"
        case .encoding(nil, let used):
            "the document declares no encoding and is not UTF-8; read as \(used)"
        case .derivedIdentity(let field, let uri):
            "no identifier in \(field); derived \(uri) from the publisher, headline, first paragraph and date"
        case .missingDate(let field, let source):
            "no date in \(field); dated from \(source.rawValue)"
        case .brief(let field, let kind):
            "no text in \(field); filed as a brief (\(kind))"
        case .captionLine(let caption):
            "took '\(caption)' before the first paragraph as the picture's caption"
        }
    }
}
