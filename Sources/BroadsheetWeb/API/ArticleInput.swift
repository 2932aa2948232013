import Broadsheet
import Foundation
import NIOCore

/// The article JSON a newsroom sends to `POST /api/v1/articles` and `PATCH /api/v1/articles/{id}`:
/// PRODUCT.md's field names, each checked, and any field we do not know refused by name.
///
/// The fields the server sets itself (`id`, `slug`, `url`, `revision`, `corrections`) are refused
/// too, with a reason, so a client that echoes a document back learns what it cannot write.
struct ArticleInput {
    static let writable: [String] = [
        "headline", "summary", "byline", "authors", "dateline", "body", "section", "topics", "language",
        "published_at", "updated_at", "edition", "source", "status",
    ]
    static let serverSet: Set<String> = ["id", "slug", "url", "revision", "corrections"]
    /// What a partial edit may change: not the identity (`source`) nor the status (the workflow routes).
    static let patchable = Set(writable).subtracting(["source", "status"])

    private let fields: [String: Any]

    /// Reads a JSON object, refusing a field outside `allowed`.
    init(_ body: ByteBuffer, allowed: Set<String>) throws(APIError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body), options: [.fragmentsAllowed])
        else { throw .badBody("the body is not JSON; send an article object, as GET /api/v1/articles/{id} shows") }
        guard let fields = object as? [String: Any] else { throw .badBody("expected a JSON object of article fields") }
        for name in fields.keys.sorted() where !allowed.contains(name) {
            if Self.serverSet.contains(name) {
                throw .badBody("\(name): set by the server; leave it out")
            }
            if Set(Self.writable).contains(name) {
                throw .badBody(
                    "\(name): cannot be changed here; \(name == "status" ? "use the workflow routes" : "it is fixed")")
            }
            throw .badBody(
                "\(name): unknown field; expected one of \(Self.writable.filter(allowed.contains).joined(separator: ", "))"
            )
        }
        self.fields = fields
    }

    /// Whether the input names `field` at all (even as null).
    func has(_ field: String) -> Bool { fields[field] != nil }

    /// The status a new article asks for: draft unless it says published.
    func status() throws(APIError) -> ArticleStatus {
        guard let text = try string("status") else { return .draft }
        switch ArticleStatus(rawValue: text) {
        case .draft: return .draft
        case .published: return .published
        default: throw .badBody("status: expected draft or published, found '\(text)'")
        }
    }

    /// A new story: `headline` and `body` are required; the rest take a newsroom's defaults.
    func newContent(publication: Publication, now: Date) throws(APIError) -> ArticleContent {
        guard try string("headline") != nil else { throw .badBody("headline: required") }
        guard fields["body"] != nil else { throw .badBody("body: required, a list of blocks") }
        let published = try timestamp("published_at") ?? Timestamp(now)
        let edition = EditionReference(
            publication: publication.name, date: EditionDate(published.instant, in: publication.timeZone))
        var content = ArticleContent(
            headline: "", body: [], section: Section(name: "News"), language: publication.language,
            published: published, edition: edition,
            source: ArticleSource(format: "api", uri: "api:\(UUID().uuidString.lowercased())"))
        try apply(to: &content, publication: publication)
        if fields["authors"] == nil, let byline = content.byline {
            content.authors = publication.bylineReader.authors(in: byline)
        }
        return content
    }

    /// `content` with every field present in the input replaced.
    func applied(to content: ArticleContent, publication: Publication) throws(APIError) -> ArticleContent {
        var content = content
        try apply(to: &content, publication: publication)
        return content
    }

    private func apply(to content: inout ArticleContent, publication: Publication) throws(APIError) {
        if let headline = try string("headline") { content.headline = headline }
        if fields["summary"] != nil { content.summary = try string("summary") }
        if fields["byline"] != nil { content.byline = try string("byline") }
        if fields["dateline"] != nil {
            content.dateline = try string("dateline").map { Dateline(places: $0.components(separatedBy: " / ")) }
        }
        if let language = try string("language") { content.language = language }
        if let published = try timestamp("published_at") { content.published = published }
        if fields["updated_at"] != nil { content.updated = try timestamp("updated_at") }
        if let section = try terms("section", single: true).first { content.section = Section(name: section.name) }
        if fields["topics"] != nil { content.topics = try terms("topics", single: false).map { Topic(name: $0.name) } }
        if fields["authors"] != nil { content.authors = try authors() }
        if fields["body"] != nil { content.body = try body() }
        if let edition = try object("edition") { content.edition = try self.edition(edition, publication: publication) }
        if let source = try object("source") {
            guard let format = source["format"] as? String, let uri = source["uri"] as? String, !uri.isEmpty else {
                throw .badBody("source: expected {\"format\": text, \"uri\": text}")
            }
            content.source = ArticleSource(format: format, uri: uri)
        }
    }

    private func string(_ name: String) throws(APIError) -> String? {
        switch fields[name] {
        case nil, is NSNull: return nil
        case let text as String: return text
        default: throw .badBody("\(name): expected text or null")
        }
    }

    private func object(_ name: String) throws(APIError) -> [String: Any]? {
        switch fields[name] {
        case nil, is NSNull: return nil
        case let object as [String: Any]: return object
        default: throw .badBody("\(name): expected an object")
        }
    }

    private func timestamp(_ name: String) throws(APIError) -> Timestamp? {
        guard let text = try string(name) else { return nil }
        guard let date = RFC3339.date(text) else {
            throw .badBody("\(name): expected an RFC 3339 time like 2025-04-29T03:00:00Z, found '\(text)'")
        }
        guard ArchiveTime.contains(date) else {
            throw APIError(
                status: .unprocessableContent, code: "invalid_field",
                message: TimeOutOfRange(field: name, instant: date).description)
        }
        return Timestamp(date)
    }

    /// A section (`{"name": ...}` or its name) or topics (a list of either).
    private func terms(_ name: String, single: Bool) throws(APIError) -> [(name: String, kind: String?)] {
        guard let value = fields[name], !(value is NSNull) else { return [] }
        let items: [Any] = single ? [value] : (value as? [Any] ?? [])
        if !single && !(value is [Any]) { throw .badBody("\(name): expected a list") }
        var terms: [(String, String?)] = []
        for item in items {
            switch item {
            case let text as String: terms.append((text, nil))
            case let object as [String: Any]:
                guard let term = object["name"] as? String else { throw .badBody("\(name): each needs a \"name\"") }
                terms.append((term, object["kind"] as? String))
            default: throw .badBody("\(name): expected {\"name\": text} or a name")
            }
        }
        return terms
    }

    private func authors() throws(APIError) -> [Author] {
        try terms("authors", single: false).map { (term) throws(APIError) -> Author in
            guard let kind = Author.Kind(rawValue: term.kind ?? "person") else {
                throw .badBody("authors: kind must be person, staff or agency, found '\(term.kind ?? "")'")
            }
            return Author(name: term.name, kind: kind)
        }
    }

    private func body() throws(APIError) -> [BodyBlock] {
        guard let blocks = fields["body"] as? [Any],
            let data = try? JSONSerialization.data(withJSONObject: blocks)
        else { throw .badBody("body: expected a list of blocks like {\"type\": \"paragraph\", \"text\": ...}") }
        do {
            return try JSONDecoder().decode([BodyBlock].self, from: data)
        } catch {
            throw .badBody("body: a block is not one of paragraph, heading, quote, list, image, preformatted, embed")
        }
    }

    private func edition(_ object: [String: Any], publication: Publication) throws(APIError) -> EditionReference {
        guard let text = object["date"] as? String, let date = EditionDate(iso: text) else {
            throw .badBody("edition: expected {\"date\": \"yyyy-mm-dd\"}")
        }
        var page: Int?
        switch object["page"] {
        case nil, is NSNull: page = nil
        case let number as Int where PageReference.numbers.contains(number): page = number
        default:
            throw .badBody("edition.page: expected a page number from 1 to \(PageReference.numbers.upperBound)")
        }
        return EditionReference(
            publication: object["publication"] as? String ?? publication.name, date: date,
            page: page.map { PageReference(number: $0) })
    }
}

/// RFC 3339 times as the API reads them: with a zone, seconds, optional fractions.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
