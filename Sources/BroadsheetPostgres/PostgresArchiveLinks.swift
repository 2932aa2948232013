import Broadsheet
import Foundation
import PostgresNIO

/// The links of a batch of articles, copied or newly filed: the shared rows they name (sections, editions,
/// pages, topics, authors) looked up once a batch rather than once an article, and their topic
/// and author links written in one statement each at the end. A copy spends its time in round
/// trips to the server, and a batch's articles share most of these rows.
struct PostgresArchiveLinks {
    let writer: PostgresArticleWriter
    private var references: [Filing: PostgresArticleWriter.References] = [:]
    private var topicIDs: [String: Int64] = [:]
    private var authorIDs: [String: Int64] = [:]
    private var topicLinks = LinkRows()
    private var authorLinks = LinkRows()

    init(writer: PostgresArticleWriter) {
        self.writer = writer
    }

    /// What one `references` look-up depends on: the same filing finds the same rows all batch.
    private struct Filing: Hashable {
        let section: Section
        let edition: EditionReference
    }

    /// Rows of a link table, column by column.
    private struct LinkRows {
        var articles: [Int64] = []
        var terms: [Int64] = []
        var positions: [Int64] = []

        mutating func append(article: Int64, term: Int64, position: Int) {
            articles.append(article)
            terms.append(term)
            positions.append(Int64(position))
        }
    }

    mutating func references(_ links: ArticleLinks) async throws -> PostgresArticleWriter.References {
        let filing = Filing(section: links.section, edition: links.edition)
        if let known = references[filing] { return known }
        let found = try await writer.references(section: links.section, edition: links.edition)
        references[filing] = found
        return found
    }

    /// Notes an article's topic and author links, in the order the source keeps them.
    mutating func link(article id: Int64, _ links: ArticleLinks) async throws {
        for (position, topic) in links.topics.enumerated() {
            let topicID = try await Self.id(of: topic.slug, in: &topicIDs) {
                try await writer.termID(.topics, name: topic.name, slug: topic.slug.rawValue)
            }
            topicLinks.append(article: id, term: topicID, position: position)
        }
        for (position, author) in links.authors.enumerated() {
            let authorID = try await Self.id(of: author.slug, in: &authorIDs) { try await writer.authorID(author) }
            authorLinks.append(article: id, term: authorID, position: position)
        }
    }

    /// The id `known` holds for `slug`, else the one `find` gives, remembered.
    private static func id(
        of slug: Slug, in known: inout [String: Int64], find: () async throws -> Int64
    ) async throws -> Int64 {
        if let id = known[slug.rawValue] { return id }
        let id = try await find()
        known[slug.rawValue] = id
        return id
    }

    /// Writes the links noted since the batch began.
    func write(_ session: PostgresSession) async throws {
        for (table, column, rows) in [
            ("article_topics", "topic_id", topicLinks), ("article_authors", "author_id", authorLinks),
        ] where !rows.articles.isEmpty {
            // `table` and `column` are our own constants.
            try await session.execute(
                """
                INSERT INTO \(unescaped: table) (article_id, \(unescaped: column), position)
                SELECT * FROM unnest(\(rows.articles)::bigint[], \(rows.terms)::bigint[], \(rows.positions)::bigint[])
                ON CONFLICT DO NOTHING
                """)
        }
    }
}
