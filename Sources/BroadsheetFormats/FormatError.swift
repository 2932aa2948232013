import Broadsheet

/// A reason a file could not be read, naming the file, the line and what was expected.
///
/// Every reader in this module reports problems this way, so the command line and the API can
/// show them as `file:line: message`, the way compilers do.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the caller named it ("-" for standard input).
    public var file: String
    /// The 1-based line in the whole file, when the problem has one.
    public var line: Int?
    /// What was expected and what was found, e.g.
    /// "expected a date like 'April 29, 2025' after 'E-Paper |', found 'Aprl 29'".
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` when there is no line.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// One article read from a file, with the line its copy starts on.
public struct ParsedArticle: Hashable, Sendable {
    public var content: ArticleContent
    /// The 1-based line the article starts on: its `E-Paper |` line, or its first non-blank line.
    public var line: Int
    /// Where the source says the story stands: a draft (Markdown `draft: true`, ninjs `withheld`,
    /// a WordPress draft, NewsML-G2 `stat:withheld`),
    /// a retraction (ninjs and NewsML-G2 `canceled`), or, for most copy, published.
    public var status: ArticleStatus
    /// What the reader mended to take the story as it came, for the import summary's warnings.
    public var repairs: [IngestRepair]

    public init(
        content: ArticleContent, line: Int, status: ArticleStatus = .published, repairs: [IngestRepair] = []
    ) {
        self.content = content
        self.line = line
        self.status = status
        self.repairs = repairs
    }
}
