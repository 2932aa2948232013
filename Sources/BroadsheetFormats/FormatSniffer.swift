import Foundation

/// Tells a file's format from its content, the way `--format auto` needs: a wire folder holds
/// `.json` files of every kind, and standard input has no name at all.
///
/// It looks at the first bytes only (`prefixSize`): a JSON object with `"version":
/// "https://jsonfeed.org/version/..."` is a JSON Feed, one with `"db"` a Ghost export, a JSON
/// object or array with ninjs fields (`uri`, `headline(s)`, `body_html`, `bodies`, ...) ninjs;
/// `---` or `+++` opening the file is Markdown front matter; an `E-Paper |` line the e-paper
/// text format; XML by its root element (`XMLRootSniffer`). The file's extension decides only when
/// the content does not.
public enum FormatSniffer {
    /// How much of a file is looked at.
    public static let prefixSize = 64 * 1024

    /// The format of `data`, or nil when the content is XML of no format we read.
    public static func format(of data: Data, file: String) -> ArticleFormat? {
        if let kind = XMLRootSniffer.kind(of: data) { return xml(kind) }
        var prefix = data.prefix(prefixSize)
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { prefix = prefix.dropFirst(3) }
        let text = String(decoding: prefix, as: UTF8.self)
        let start = text.drop(while: \.isWhitespace)
        switch start.first {
        case "{", "[":
            return json(start) ?? byExtension(file) ?? .ninjs
        case "<":
            return byExtension(file)
        default:
            break
        }
        let firstLine = start.prefix(while: { !$0.isNewline }).trimmingCharacters(in: .whitespaces)
        if firstLine == "---" || firstLine == "+++" { return .markdown }
        if firstLine.hasPrefix("E-Paper |") || firstLine.hasPrefix("E-Paper|") { return .epaper }
        return byExtension(file) ?? .epaper
    }

    private static func xml(_ kind: XMLRootSniffer.Kind) -> ArticleFormat? {
        switch kind {
        case .nitf: .nitf
        case .newsMLG2, .newsML1: .newsml
        case .rss: .rss
        case .atom: .atom
        case .wordPress: .wxr
        case .other: nil
        }
    }

    private static func json(_ text: Substring) -> ArticleFormat? {
        if text.range(of: #""version"\s*:\s*"https?://jsonfeed\.org/version/"#, options: .regularExpression) != nil {
            return .jsonfeed
        }
        if text.first == "{",
            text.range(of: #"^\{\s*"db"\s*:\s*\["#, options: .regularExpression) != nil
                || text.range(of: #""db"\s*:\s*\[\s*\{\s*"(meta|data)""#, options: .regularExpression) != nil
        {
            return .ghost
        }
        let ninjsFields = #""(uri|headlines?|body_html|body_text|bodies|versioncreated|firstcreated|pubstatus)"\s*:"#
        if text.range(of: ninjsFields, options: [.regularExpression, .caseInsensitive]) != nil { return .ninjs }
        return nil
    }

    private static func byExtension(_ file: String) -> ArticleFormat? {
        let fileExtension = URL(fileURLWithPath: file).pathExtension.lowercased()
        return ArticleFormat.allCases.first { $0.fileExtensions.contains(fileExtension) }
    }
}
