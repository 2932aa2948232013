import Broadsheet
import Foundation

/// Reads IPTC ninjs 1.x, 2.x and 3.x: one document, an array of documents, or JSON lines.
///
/// - the story is identified by `uri` (the source URI, format "ninjs"), else by the `guid` some
///   systems send, else by an identity derived from its words and date (`DerivedIdentity`);
/// - an item without a body (a picture, a video, a headline with its description) is a brief;
///   one without a date is dated when it was received; each such repair is reported;
/// - headline, summary and body come from `headlines` / `descriptions` / `bodies` (2.x, 3.x)
///   or `headline` / `description_text` / `body_html` / `body_text` (1.x); HTML bodies go
///   through `HTMLBodyReader`;
/// - the byline (`by`, `byline`) gives the authors through the publication's `BylineReader`,
///   `people` marked as authors add to them, and `infosources` add their agencies;
/// - pictures sent as `associations` (`NinjsPictures`) lead the body;
/// - a dateline opening the first paragraph is taken out of it, as in the e-paper format;
///   otherwise `located` is the dateline;
/// - a subject marked `rel: "section"`, else the first subject or genre that names a configured
///   section, is the section; the other subjects are topics;
/// - `firstcreated` is the published time and `versioncreated` the updated one; the edition is
///   the one our `altids` name (`NinjsPrintReference`), else the published day in the
///   publication's zone;
/// - `pubstatus` `withheld` is a draft and `canceled` a retraction.
public struct NinjsReader: ArticleReader {
    public let publication: Publication
    /// When the copy was read: the date of an item that gives none.
    public let receivedAt: Date
    private let assembler: StoryAssembler

    public init(publication: Publication) {
        self.init(publication: publication, receivedAt: Date())
    }

    /// `receivedAt` dates a story that gives no date of its own (`IngestRepair.missingDate`).
    public init(publication: Publication, receivedAt: Date) {
        self.publication = publication
        self.receivedAt = receivedAt
        self.assembler = StoryAssembler(publication: publication)
    }

    public func read(_ data: Data, file: String) -> [Result<ParsedArticle, FormatError>] {
        JSONDocuments.read(data, file: file, expecting: "a ninjs document") { fields, line throws(JSONFieldError) in
            try article(NinjsItem(fields), line: line)
        }
    }

    private func article(_ item: NinjsItem, line: Int) throws(JSONFieldError) -> ParsedArticle {
        var repairs: [IngestRepair] = []
        var body: [BodyBlock]
        switch item.body {
        case .html(let html)?: body = HTMLBodyReader().blocks(from: html)
        case .text(let text)?: body = PlainTextBody.blocks(from: text)
        case nil: body = []
        }
        if item.body == nil || (item.type.map { $0 != "text" && $0 != "composite" } ?? false) {
            // A picture, a video, or a headline with its description: filed as a brief.
            if body.isEmpty, item.pictures.isEmpty, let summary = item.summary { body = [.paragraph(summary)] }
            repairs.append(.brief(field: "bodies, body_html or body_text", kind: item.type ?? "text"))
        }
        // Associated pictures lead the story, unless the body already shows them.
        let shown = Set(body.compactMap { if case .image(let image) = $0 { image.url } else { nil } })
        body.insert(contentsOf: item.pictures.filter { !shown.contains($0.url) }.map(BodyBlock.image), at: 0)
        let published: Timestamp
        let given = item.firstCreated ?? item.versionCreated
        if let given {
            published = try timestamp(given, field: "firstcreated")
        } else {
            published = Timestamp(receivedAt, precision: .minute)
            repairs.append(.missingDate(field: "firstcreated or versioncreated", source: .received))
        }
        var sectionName = item.section
        if sectionName == nil, !item.topics.contains(where: { assembler.section(named: $0) != nil }) {
            sectionName = item.genres.first { assembler.section(named: $0) != nil }
        }
        let uri: String
        if let given = item.uri {
            uri = ResourceIdentifier.iri(given)
        } else {
            let firstParagraph = body.first { if case .paragraph = $0 { true } else { false } }?.text
            uri = DerivedIdentity.uri(
                format: "ninjs", publisher: publication.name, headline: item.headline, firstParagraph: firstParagraph,
                date: given == nil ? nil : published)
            repairs.append(.derivedIdentity(field: "uri", uri: uri))
        }
        let story = StoryFields(
            uri: uri, format: "ninjs", headline: item.headline, summary: item.summary,
            body: body, byline: item.byline, authorNames: item.people, agencies: item.infosources,
            section: sectionName, terms: item.topics, bylineFromAuthors: false, located: item.located,
            language: item.language,
            published: published,
            updated: try item.versionCreated.map { text throws(JSONFieldError) in
                try timestamp(text, field: "versioncreated")
            })
        var content = assembler.content(story)
        content.edition = try NinjsPrintReference.edition(item.altIDs, fallback: content.edition)
        return ParsedArticle(content: content, line: line, status: try status(item.pubStatus), repairs: repairs)
    }

    /// A ninjs date-time. Our own export writes a day without a time as that day's midnight in
    /// the publication's zone, with its offset; that exact form reads back as a day.
    private func timestamp(_ text: String?, field: String) throws(JSONFieldError) -> Timestamp {
        var timestamp = try assembler.timestamp(text, field: field)
        guard let text else { return timestamp }
        let day = EditionDate(timestamp.instant, in: publication.timeZone)
        if timestamp.precision == .minute, timestamp.instant == day.startOfDay(in: publication.timeZone),
            DateTimeText.rfc3339(timestamp.instant, in: publication.timeZone) == text
        {
            timestamp.precision = .day
        }
        return timestamp
    }

    private func status(_ pubStatus: String?) throws(JSONFieldError) -> ArticleStatus {
        switch pubStatus?.lowercased() {
        case nil, "usable", "stat:usable": return .published
        case "withheld", "stat:withheld": return .draft
        case "canceled", "cancelled", "stat:canceled": return .retracted
        case .some(let other):
            throw JSONFieldError("field 'pubstatus': expected 'usable', 'withheld' or 'canceled', found '\(other)'")
        }
    }
}
