import Broadsheet
import Foundation

/// The fields a structured format gives for one story, gathered before they are checked and made
/// an `ArticleContent`. Every XML and JSON reader fills one, so the rules for what a story needs
/// (a headline, a date, an identity, some copy) and how terms become a section live in one place.
struct ArticleDraft: Sendable {
    /// The format's name as `--format` spells it.
    public var format: String
    /// The 1-based line the story starts on, for errors and reports.
    public var line: Int
    public var uri: String?
    public var headline: String?
    public var summary: String?
    public var byline: String?
    /// Authors the format names one by one; when empty, they are read from the byline.
    public var authors: [Author] = []
    public var dateline: Dateline?
    public var body: [BodyBlock] = []
    /// Categories, subjects, keywords: the first naming a configured section is the section.
    public var terms: [String] = []
    /// A section the source states outright (a WordPress category); it wins over `terms`.
    public var section: String?
    public var language: String?
    public var published: Timestamp?
    public var updated: Timestamp?
    public var editionDate: EditionDate?
    public var page: PageReference?
    public var status: ArticleStatus = .published

    /// What each field is called in the format, for the messages that say which one is missing.
    public struct FieldNames: Sendable {
        public var headline: String
        public var uri: String
        public var published: String
        public var body: String

        public init(headline: String, uri: String, published: String, body: String) {
            self.headline = headline
            self.uri = uri
            self.published = published
            self.body = body
        }
    }

    public init(format: String, line: Int) {
        self.format = format
        self.line = line
    }

    /// The story as Broadsheet keeps it, or what is missing, named in the format's words.
    public func article(
        for publication: Publication, terms classifier: TermClassifier, fields: FieldNames, file: String
    ) -> Result<ParsedArticle, FormatError> {
        func missing(_ message: String) -> Result<ParsedArticle, FormatError> {
            .failure(FormatError(file: file, line: line, message: message))
        }
        guard let headline = headline.map(XMLText.normalized), !headline.isEmpty else {
            return missing("expected a headline in \(fields.headline), found none")
        }
        guard let uri = uri?.trimmingCharacters(in: .whitespacesAndNewlines), !uri.isEmpty else {
            return missing("expected an identifier in \(fields.uri) for '\(headline)', found none")
        }
        guard let published = published ?? updated else {
            return missing(
                "expected a publication date in \(fields.published) for '\(headline)', like \(InternetDate.examples)")
        }
        let blocks = body.isEmpty ? summary.map { [BodyBlock.paragraph($0)] } ?? [] : body
        guard !blocks.isEmpty else {
            return missing("expected the story's text in \(fields.body) for '\(headline)', found none")
        }
        let (section, topics) = classifier.classify(terms, section: section)
        let byline = byline.map(XMLText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        let credited = authors.isEmpty ? byline.map { publication.bylineReader.authors(in: $0) } ?? [] : authors
        let edition = EditionReference(
            publication: publication.name,
            date: editionDate ?? EditionDate(published.instant, in: publication.timeZone), page: page)
        let text = headline + " " + blocks.prefix(3).map(\.text).joined(separator: " ")
        let content = ArticleContent(
            headline: headline, summary: summary.map(XMLText.normalized).flatMap { $0.isEmpty ? nil : $0 },
            byline: byline ?? (authors.isEmpty ? nil : authors.map(\.name).joined(separator: " | ")),
            authors: credited, dateline: dateline, body: blocks, section: section, topics: topics,
            language: language ?? LanguageGuess.language(of: text, fallback: publication.language),
            published: published, updated: updated.flatMap { $0 == published ? nil : $0 }, edition: edition,
            source: ArticleSource(format: format, uri: uri))
        return .success(ParsedArticle(content: content, line: line, status: status))
    }
}
