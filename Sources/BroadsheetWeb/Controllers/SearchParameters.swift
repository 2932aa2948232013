import Broadsheet
import Foundation
import Hummingbird

/// The search filters of the site and the API (`q, section, topic, author, from, to, sort`),
/// read and checked once for both, so a bad value is named the same way everywhere.
struct SearchParameters {
    var text: String
    var section: String?
    var topic: String?
    var author: String?
    var from: EditionDate?
    var to: EditionDate?
    var sort: SearchQuery.Sort

    /// The longest search a person types, and the longest slug a term has: more is refused, so a
    /// megabyte of query text never reaches the query parser.
    static let longestText = 1_000
    static let longestSlug = 200

    init(_ parameters: Parameters) throws {
        text = try Self.bounded("q", parameters.get("q"), Self.longestText) ?? ""
        section = try Self.bounded("section", parameters.get("section"), Self.longestSlug).flatMap {
            $0.isEmpty ? nil : $0
        }
        topic = try Self.bounded("topic", parameters.get("topic"), Self.longestSlug).flatMap { $0.isEmpty ? nil : $0 }
        author = try Self.bounded("author", parameters.get("author"), Self.longestSlug).flatMap {
            $0.isEmpty ? nil : $0
        }
        from = try Self.date("from", parameters.get("from"))
        to = try Self.date("to", parameters.get("to"))
        let sortText = parameters.get("sort") ?? ""
        guard let sort = sortText.isEmpty ? .relevance : SearchQuery.Sort(rawValue: sortText) else {
            throw APIError.badParameter("sort", "expected relevance or newest, found '\(sortText)'")
        }
        self.sort = sort
    }

    func query(in publication: Publication, limit: Int, offset: Int) -> SearchQuery {
        SearchQuery(
            text, section: section.map(Slug.init(verbatim:)), topic: topic.map(Slug.init(verbatim:)),
            author: author.map(Slug.init(verbatim:)), publishedFrom: from?.startOfDay(in: publication.timeZone),
            publishedBefore: to?.adding(days: 1).startOfDay(in: publication.timeZone), sort: sort, limit: limit,
            offset: offset)
    }

    /// The site path of this search with some parameters changed (nil removes one).
    func link(_ changes: [String: String?] = [:], page: Int? = nil) -> String {
        var values: [(String, String?)] = [
            ("q", text), ("section", section), ("topic", topic), ("author", author), ("from", from?.iso),
            ("to", to?.iso),
            ("sort", sort == .relevance ? nil : sort.rawValue),
        ]
        for (index, pair) in values.enumerated() where changes.keys.contains(pair.0) {
            values[index].1 = changes[pair.0]!
        }
        if let page, page > 1 { values.append(("page", String(page))) }
        let query = values.compactMap { name, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return name + "=" + Self.queryEncoded(value)
        }
        return SiteURL.search.href + "?" + query.joined(separator: "&")
    }

    var hasFilters: Bool { section != nil || topic != nil || author != nil || from != nil || to != nil }

    /// A value as a query string carries it.
    static func queryEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryValue) ?? value
    }

    /// What a query value keeps unencoded: URL query characters but those that end or join a value.
    static let queryValue: CharacterSet = {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=?#")
        return allowed
    }()

    /// `text`, or a 400 naming `name` when it is longer than `limit` characters.
    static func bounded(_ name: String, _ text: String?, _ limit: Int) throws -> String? {
        guard let text, text.utf8.count > limit else { return text }
        guard text.count <= limit else {
            throw APIError.badParameter(name, "expected at most \(limit) characters, found \(text.count)")
        }
        return text
    }

    private static func date(_ name: String, _ text: String?) throws -> EditionDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = EditionDate(iso: text) else {
            throw APIError.badParameter(name, "expected a date as yyyy-mm-dd, found '\(text.prefix(40))'")
        }
        return date
    }
}

/// A page of API search results: `limit` and the `cursor` the previous page handed out.
enum SearchPage {
    static func read(_ parameters: Parameters) throws -> (limit: Int, offset: Int) {
        var limit = 20
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...SearchQuery.maximumLimit).contains(value) else {
                throw APIError.badParameter(
                    "limit", "expected a whole number from 1 to \(SearchQuery.maximumLimit), found '\(text)'")
            }
            limit = value
        }
        var offset = 0
        if let cursor = parameters.get("cursor"), !cursor.isEmpty {
            guard let value = SearchCursor(encoded: cursor) else {
                throw APIError.badParameter(
                    "cursor", "not a cursor this server gave out; pass next_cursor back unchanged")
            }
            offset = value.offset
        }
        return (limit, offset)
    }

    /// The cursor of the page after this one, nil on the last page.
    static func nextCursor(after results: SearchResults, offset: Int) -> String? {
        let next = offset + results.hits.count
        let hasMore = !results.hits.isEmpty && next < results.total && next < SearchResults.countCap
        return hasMore ? SearchCursor(offset: next).encoded : nil
    }
}
