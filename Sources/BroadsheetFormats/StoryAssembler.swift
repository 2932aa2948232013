import Broadsheet
import Foundation

/// What a structured format (ninjs, JSON Feed, Markdown, Ghost) says about a story, before it
/// becomes an `ArticleContent`: every such reader fills this in and `StoryAssembler` does the rest
/// the same way for all of them.
struct StoryFields {
    var uri: String
    var format: String
    var headline: String
    var summary: String?
    var body: [BodyBlock]
    /// The credit as printed, when the source prints one.
    var byline: String?
    /// Authors the source lists by name (read through the `BylineReader` for their kind).
    var authorNames: [String] = []
    /// Agencies the source lists apart from the byline.
    var agencies: [String] = []
    /// A section the source names as such; wins over the terms.
    var section: String?
    /// Tags, categories, subjects: the first naming a configured section is the section, the rest topics.
    var terms: [String] = []
    /// Whether the listed authors' names make the byline when the source prints none: true for
    /// feeds and blogs, which have no byline but their authors; false for ninjs, whose `by` is
    /// the byline and whose absence means none was printed.
    var bylineFromAuthors = true
    /// Where the story was filed, when the source says so apart from the body.
    var located: String?
    var language: String?
    var published: Timestamp
    var updated: Timestamp?
}

/// Turns `StoryFields` into content the same way for every structured format.
///
/// - the byline defaults to the listed authors' names, joined with ", " (see `bylineFromAuthors`);
/// - a dateline opening the first paragraph is taken out of it; otherwise `located` is the dateline;
/// - an updated time equal to the published one is no update;
/// - the edition is the publication's, on the published day in its time zone.
struct StoryAssembler: Sendable {
    let publication: Publication
    private let terms: TermClassifier
    private let credits: CreditReader

    init(publication: Publication) {
        self.publication = publication
        self.terms = TermClassifier(publication: publication)
        self.credits = CreditReader(publication: publication)
    }

    /// The configured section `term` names, if any.
    func section(named term: String) -> Section? { terms.section(named: term) }

    func content(_ story: StoryFields) -> ArticleContent {
        var body = story.body
        var dateline = story.located.map { Dateline(places: $0.components(separatedBy: " / ")) }
        if let opening = PlainTextBody.dateline(openingFirstParagraphOf: &body) { dateline = opening }
        var byline = story.byline
        var names = story.authorNames
        if byline == nil, story.bylineFromAuthors, !names.isEmpty {
            byline = names.joined(separator: ", ")
            names = []
        }
        let (section, topics) = terms.classify(story.terms, section: story.section)
        return ArticleContent(
            headline: story.headline, summary: story.summary, byline: byline,
            authors: credits.authors(byline: byline, names: names, agencies: story.agencies),
            dateline: dateline, body: body, section: section, topics: topics,
            language: story.language ?? publication.language, published: story.published,
            updated: story.updated == story.published ? nil : story.updated,
            edition: EditionReference(
                publication: publication.name, date: EditionDate(story.published.instant, in: publication.timeZone)),
            source: ArticleSource(format: story.format, uri: story.uri))
    }

    /// A date field read in the publication's zone, or the error naming it.
    func timestamp(_ text: String?, field: String) throws(JSONFieldError) -> Timestamp {
        guard let text else {
            throw JSONFieldError("field '\(field)': expected a date-time like '2026-03-14T08:15:00Z', found nothing")
        }
        guard let timestamp = DateTimeText.timestamp(text, in: publication.timeZone) else {
            throw JSONFieldError(
                "field '\(field)': " + DateTimeText.expectation("a date-time like '2026-03-14T08:15:00Z'", found: text))
        }
        return timestamp
    }
}
