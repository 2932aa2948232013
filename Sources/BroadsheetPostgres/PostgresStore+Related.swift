import Broadsheet
import PostgresNIO

extension PostgresStore {
    /// Candidates from three cheap lookups, each bounded whatever the archive's size: the newest
    /// stories of each of the article's topics, the newest of its section, and the newest whose
    /// headlines share its words (the headline's own search vector, newest first).
    /// `RelatedArticles` ranks them, as for the SQLite store.
    public func related(to article: Article, limit: Int) async throws -> [ArticleSummary] {
        let words = RelatedArticles.headlineWords(in: article.content.headline).prefix(8)
        let topicSlugs = article.content.topics.prefix(6).map(\.slug.rawValue)
        return try await snapshot("finding articles related to \(article.id)") { session in
            var sharedTopics: [Int64: Int] = [:]
            for slug in topicSlugs {
                let rows = try await session.rows(
                    """
                    SELECT article_id FROM article_topics
                    WHERE topic_id = (SELECT id FROM topics WHERE slug = \(slug))
                    ORDER BY article_id DESC LIMIT 60
                    """)
                for row in rows { sharedTopics[try row("article_id", as: Int64.self), default: 0] += 1 }
            }
            var ids = Set(sharedTopics.keys)
            let sameDesk = try await session.rows(
                """
                SELECT id FROM articles
                WHERE section_id = (SELECT id FROM sections WHERE slug = \(article.content.section.slug.rawValue))
                    AND status = 'published'
                ORDER BY published_at DESC, id DESC LIMIT 20
                """)
            ids.formUnion(try sameDesk.map { try $0("id", as: Int64.self) })
            if !words.isEmpty {
                // Headline words are letters and digits only, so each is a plain quoted lexeme. The
                // headline's own vector: the GIN index of `search` cannot tell a headline word (weight
                // A) from one in the body, so it would fetch and recheck every article that has any.
                let text = words.map { "'\($0)'" }.joined(separator: " | ")
                let match = PostgresSearch.match(text, in: "a.headline_search")
                let sql: BoundSQL = "SELECT a.id FROM articles a WHERE \(match) ORDER BY a.id DESC LIMIT 200"
                ids.formUnion(try await session.rows(sql.query).map { try $0("id", as: Int64.self) })
            }
            ids.remove(article.id)
            guard !ids.isEmpty else { return [] }
            // Ranked on a few columns read by position; whole summaries only for those shown.
            let light: BoundSQL =
                "\(sql: StoreSQL.relatedCandidateSelect) WHERE a.status = 'published' AND a.id = ANY(\(Array(ids)))"
            let candidates = try await session.rows(light.query).map { row in
                let id = try row[0].decode(Int64.self)
                return RelatedArticles.Candidate(
                    id: id, headline: try row[1].decode(String.self), dateline: try row[2].decode(String?.self),
                    sectionSlug: try row[3].decode(String.self),
                    published: StoredTime.instant(try row[4].decode(Int64.self)), sharedTopics: sharedTopics[id] ?? 0)
            }
            let ranked = RelatedArticles.rank(candidates, for: article, limit: limit)
            guard !ranked.isEmpty else { return [] }
            let sql: BoundSQL = "\(sql: StoreSQL.summarySelect) WHERE a.id = ANY(\(ranked))"
            return RelatedArticles.ordered(try await session.rows(sql.query).map(SummaryRow.summary), as: ranked)
        }
    }
}
