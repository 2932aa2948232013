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
    /// Set by a reader when the source gives no date at all: the story is then dated from
    /// `documentDate` or the time the copy was received. A date given but unreadable is refused.
    public var dateAbsent = false
    /// The channel's or document's own date, for a story that has none.
    public var documentDate: Timestamp?
    /// What the story is when it is not text: "picture", "video", "sport", ... shown on a brief.
    public var kind: String?
    /// The story's address at its source, which a brief links to.
    public var link: String?

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
        for publication: Publication, terms classifier: TermClassifier, fields: FieldNames, file: String,
        receivedAt: Date = Date()
    ) -> Result<ParsedArticle, FormatError> {
        func missing(_ message: String) -> Result<ParsedArticle, FormatError> {
            .failure(FormatError(file: file, line: line, message: message))
        }
        guard let headline = headline.map(XMLText.normalized), !headline.isEmpty else {
            return missing("expected a headline in \(fields.headline), found none")
        }
        var repairs: [IngestRepair] = []
        let published: Timestamp
        if let given = self.published ?? updated {
            published = given
        } else if !dateAbsent {
            return missing(
                "expected a publication date in \(fields.published) for '\(headline)', like \(InternetDate.examples)")
        } else if let documentDate {
            published = documentDate
            repairs.append(.missingDate(field: fields.published, source: .document))
        } else {
            published = Timestamp(receivedAt, precision: .minute)
            repairs.append(.missingDate(field: fields.published, source: .received))
        }
        var blocks = body
        if blocks.isEmpty {
            // A brief: the summary and a link to the story, or the picture with its caption.
            let summary = summary.map(XMLText.normalized).flatMap { $0.isEmpty ? nil : $0 }
            let url = link.flatMap { HTMLLinkPolicy(baseURL: nil).resolve($0) }
            if let url, kind == "picture" || kind == "graphic" {
                blocks = [.image(BodyImage(url: url, caption: summary))]
            } else {
                if let summary { blocks.append(.paragraph(summary)) }
                if let url { blocks.append(.embed(EmbedLink(url: url))) }
            }
            repairs.append(.brief(field: fields.body, kind: kind ?? "text"))
        } else if let kind {
            repairs.append(.brief(field: fields.body, kind: kind))
        }
        let uri: String
        if let given = self.uri?.trimmingCharacters(in: .whitespacesAndNewlines), !given.isEmpty {
            uri = given
        } else {
            let firstParagraph = blocks.first { if case .paragraph = $0 { true } else { false } }?.text
            uri = DerivedIdentity.uri(
                format: format, publisher: publication.name, headline: headline, firstParagraph: firstParagraph,
                date: self.published ?? updated ?? documentDate)
            repairs.append(.derivedIdentity(field: fields.uri, uri: uri))
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
        return .success(ParsedArticle(content: content, line: line, status: status, repairs: repairs))
    }
}
