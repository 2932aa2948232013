import Broadsheet
import Foundation

/// Writes articles as IPTC ninjs 2.0, one JSON object each (or one a line, for JSON lines), so
/// that `NinjsReader` reads them back as the same content.
///
/// - `uri` is the story's source URI (non-ASCII percent-encoded, as a URI must be);
/// - the body is HTML (`HTMLBodyWriter`), its first paragraph opened by the printed dateline,
///   and `located` names the place;
/// - the section is the subject marked `rel: "section"`, the topics the other subjects;
/// - `by` is the byline; people and agencies the byline does not name go in `people`
///   (`rel: "author"`) and `infosources`, and so come back people first, then agencies;
/// - a time printed to the day is written as that day's midnight in the publication's zone;
/// - where the story was printed (paper, edition day, region, supplement, page) goes in `altids`
///   (see `NinjsPrintReference`), ninjs having no field of its own for it.
public struct NinjsWriter: Sendable {
    public let publication: Publication
    private let bylineReader: BylineReader

    public init(publication: Publication) {
        self.publication = publication
        self.bylineReader = publication.bylineReader
    }

    /// One article as a JSON object (keys sorted, so equal articles give equal bytes).
    public func json(_ content: ArticleContent, status: ArticleStatus = .published, revision: Int? = nil) throws -> Data
    {
        try encode(content, status: status, revision: revision, formatting: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// One article as a line of JSON lines, ending with a newline.
    public func jsonLine(_ content: ArticleContent, status: ArticleStatus = .published, revision: Int? = nil) throws
        -> Data
    {
        var data = try encode(
            content, status: status, revision: revision, formatting: [.sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    func document(_ content: ArticleContent, status: ArticleStatus, revision: Int?) -> NinjsDocument {
        var body = content.body
        if let dateline = content.dateline {
            if let index = body.firstIndex(where: { if case .paragraph = $0 { true } else { false } }),
                case .paragraph(let text) = body[index]
            {
                body[index] = .paragraph(dateline.printed + " " + text)
            }
        }
        let bylineAuthors = Set(content.byline.map { bylineReader.authors(in: $0) } ?? [])
        let others = content.authors.filter { !bylineAuthors.contains($0) }
        let people = others.filter { $0.kind != .agency }.map { NinjsDocument.Term(name: $0.name, rel: "author") }
        let agencies = others.filter { $0.kind == .agency }.map { NinjsDocument.Term(name: $0.name) }
        return NinjsDocument(
            uri: ResourceIdentifier.uri(content.source.uri),
            version: revision.map(String.init),
            firstcreated: time(content.published),
            versioncreated: time(content.updated ?? content.published),
            pubstatus: Self.pubStatus(status),
            language: content.language,
            headlines: [.init(role: "main", contenttype: "text/plain", value: content.headline)],
            descriptions: content.summary.map { [.init(role: "summary", contenttype: "text/plain", value: $0)] },
            bodies: [.init(role: "main", contenttype: "text/html", value: HTMLBodyWriter.html(body))],
            by: content.byline,
            located: content.dateline?.place,
            subjects: [.init(name: content.section.name, rel: "section")] + content.topics.map { .init(name: $0.name) },
            people: people.isEmpty ? nil : people,
            infosources: agencies.isEmpty ? nil : agencies,
            altids: NinjsPrintReference.altIDs(content.edition))
    }

    private func encode(
        _ content: ArticleContent, status: ArticleStatus, revision: Int?, formatting: JSONEncoder.OutputFormatting
    ) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return try encoder.encode(document(content, status: status, revision: revision))
    }

    private func time(_ timestamp: Timestamp) -> String {
        guard timestamp.precision == .day else { return DateTimeText.rfc3339(timestamp.instant) }
        return DateTimeText.rfc3339(timestamp.instant, in: publication.timeZone)
    }

    static func pubStatus(_ status: ArticleStatus) -> String {
        switch status {
        case .published: "usable"
        case .draft: "withheld"
        case .retracted: "canceled"
        }
    }
}
