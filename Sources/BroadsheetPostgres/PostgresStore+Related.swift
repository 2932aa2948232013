import Broadsheet
import PostgresNIO

extension PostgresStore {
    /// Candidates from three cheap lookups, each bounded whatever the archive's size: the newest
    /// stories of each of the article's topics, the newest of its section, and the newest whose
    /// headlines share its words (the headline's own search vector, newest first).
    /// `RelatedArticles` ranks them, as for the SQLite store.
    ///
    /// The lookups and the candidates' columns are one statement, the chosen summaries a second:
    /// asked one at a time they were a dozen round trips, most of a first rendering's time.
    public func related(to article: Article, limit: Int) async throws -> [ArticleSummary] {
        let words = RelatedArticles.headlineWords(in: article.content.headline).prefix(8)
        let topicSlugs = Array(article.content.topics.prefix(6).map(\.slug.rawValue))
        // Headline words are letters and digits only, so each is a plain quoted lexeme. The
        // headline's own vector: the GIN index of `search` cannot tell a headline word (weight A)
        // from one in the body, so it would fetch and recheck every article that has any.
        let headline: BoundSQL =
            words.isEmpty
            ? "SELECT NULL::bigint AS id WHERE false"
            : """
            SELECT a.id FROM articles a
            WHERE \(PostgresSearch.match(words.map { "'\($0)'" }.joined(separator: " | "), in: "a.headline_search"))
            ORDER BY a.id DESC LIMIT 200
            """
        let lookups: BoundSQL = """
            WITH shared AS (
                SELECT t.article_id AS id, count(*) AS topics
                FROM unnest(\(topicSlugs)::text[]) AS wanted(slug)
                CROSS JOIN LATERAL (
                    SELECT at.article_id FROM article_topics at
                    WHERE at.topic_id = (SELECT id FROM topics WHERE slug = wanted.slug)
                    ORDER BY at.article_id DESC LIMIT 60
                ) t
                GROUP BY t.article_id
            ),
            desk AS (
                SELECT id FROM articles
                WHERE section_id = (SELECT id FROM sections WHERE slug = \(article.content.section.slug.rawValue))
                    AND status = 'published'
                ORDER BY published_at DESC, id DESC LIMIT 20
            ),
            headline AS (\(headline)),
            candidates AS (SELECT id FROM shared UNION SELECT id FROM desk UNION SELECT id FROM headline)
            SELECT a.id, a.headline, a.dateline, s.slug, a.published_at, coalesce(shared.topics, 0)
            FROM candidates c
            JOIN articles a ON a.id = c.id
            JOIN sections s ON s.id = a.section_id
            LEFT JOIN shared ON shared.id = a.id
            WHERE a.status = 'published' AND a.id <> \(article.id)
            """
        return try await read("finding articles related to \(article.id)") { session in
            // Ranked on a few columns read by position; whole summaries only for those shown.
            let candidates = try await session.rows(lookups.query).map { row in
                RelatedArticles.Candidate(
                    id: try row[0].decode(Int64.self), headline: try row[1].decode(String.self),
                    dateline: try row[2].decode(String?.self), sectionSlug: try row[3].decode(String.self),
                    published: StoredTime.instant(try row[4].decode(Int64.self)),
                    sharedTopics: Int(try row[5].decode(Int64.self)))
            }
            let ranked = RelatedArticles.rank(candidates, for: article, limit: limit)
            guard !ranked.isEmpty else { return [] }
            // A story retracted between the two statements is left out rather than shown.
            let sql: BoundSQL = "\(sql: StoreSQL.summarySelect) WHERE a.id = ANY(\(ranked)) AND a.status = 'published'"
            return RelatedArticles.ordered(try await session.rows(sql.query).map(SummaryRow.summary), as: ranked)
        }
    }
}
