import Broadsheet
import PostgresNIO

extension PostgresStore {
    /// Candidates from three cheap lookups of the published stories filed before the article, each
    /// bounded whatever the archive's size: the last filed of each of its topics, of its section,
    /// and of those whose headlines share its words (the headline's own search vector).
    /// `RelatedArticles` ranks them, as for the SQLite store.
    ///
    /// The lookups and the candidates' columns are one statement, the chosen summaries a second:
    /// asked one at a time they were a dozen round trips, most of a first rendering's time.
    public func related(to article: Article, limit: Int) async throws -> [ArticleSummary] {
        let (topicSlugs, words) = Self.lookups(of: article)
        if let memo = RelatedCandidateMemo.current {
            if let box = memo.takeBox(of: article, limit: limit) { return box }
            return try await related(to: article, limit: limit, topicSlugs: topicSlugs, words: words, memo: memo)
        }
        let below = article.id
        let headline = Self.headlineMatches(words, count: RelatedArticles.headlineMatches, below: below)
        let lookups: BoundSQL = """
            WITH shared AS (
                SELECT t.article_id AS id, count(*) AS topics
                FROM unnest(\(topicSlugs)::text[]) AS wanted(slug)
                CROSS JOIN LATERAL (\(Self.lastFiledInTopic("wanted.slug", count: 60, below: below))) t
                GROUP BY t.article_id
            ),
            desk AS (\(Self.lastFiledInSection(article.content.section.slug.rawValue, count: 20, below: below))),
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
                try Self.candidate(row, sharedTopics: Int(try row[5].decode(Int64.self)))
            }
            let ranked = RelatedArticles.rank(candidates, for: article, limit: limit)
            guard !ranked.isEmpty else { return [] }
            return RelatedArticles.ordered(try await Self.summaries(ranked, in: session), as: ranked)
        }
    }

    /// The boxes' lookups, one story after another on one connection: a lease for each page was
    /// a wait on the pool.
    public func readRelatedAhead(of articles: [Article], limit: Int, kept: [Int64: [Int64]]) async throws {
        guard let memo = RelatedCandidateMemo.current, !articles.isEmpty else { return }
        try await read("reading ahead the related stories of \(articles.count) stories") { session in
            // The kept boxes' stories in one statement, as for the SQLite store.
            let shown = Set(articles.flatMap { kept[$0.id] ?? [] })
            let summaries = try await memo.summaries(Array(shown)) { ids in
                try await Self.summaries(ids, in: session)
            }
            for article in memo.holdKept(kept, of: articles, limit: limit, from: summaries) {
                let (topicSlugs, words) = Self.lookups(of: article)
                let box = try await Self.related(
                    to: article, limit: limit, topicSlugs: topicSlugs, words: words, memo: memo, in: session)
                memo.hold(box, of: article, limit: limit)
            }
        }
    }

    /// The topics and headline words a story's box looks its candidates up by.
    private static func lookups(of article: Article) -> (topicSlugs: [String], words: [String]) {
        (
            Array(article.content.topics.prefix(6).map(\.slug.rawValue)),
            Array(RelatedArticles.headlineWords(in: article.content.headline).prefix(8))
        )
    }

    /// The same box, its lookups asked one by one so that an export's memo answers most of them
    /// (`RelatedCandidateMemo`), each headline word's newest included: a page then costs reads of
    /// candidates and cards no page showed before.
    private func related(
        to article: Article, limit: Int, topicSlugs: [String], words: [String], memo: RelatedCandidateMemo
    ) async throws -> [ArticleSummary] {
        // Once the memo holds what a story's box draws on, the box needs no connection.
        do {
            return try await Self.related(
                to: article, limit: limit, topicSlugs: topicSlugs, words: words, memo: memo, in: nil)
        } catch is RelatedCandidateMemo.NotRemembered {}
        return try await read("finding articles related to \(article.id)") { session in
            try await Self.related(
                to: article, limit: limit, topicSlugs: topicSlugs, words: words, memo: memo, in: session)
        }
    }

    /// The box as the memo and, where it lacks something, `session` find it; from the memo alone
    /// when `session` is nil, throwing `NotRemembered` at the first thing it does not hold.
    private static func related(
        to article: Article, limit: Int, topicSlugs: [String], words: [String], memo: RelatedCandidateMemo,
        in session: PostgresSession?
    ) async throws -> [ArticleSummary] {
        let section = article.content.section.slug.rawValue
        func connected() throws -> PostgresSession {
            guard let session else { throw RelatedCandidateMemo.NotRemembered() }
            return session
        }
        func ids(_ sql: BoundSQL) async throws -> [Int64] {
            try await connected().rows(sql.query).map { try $0[0].decode(Int64.self) }
        }
        // Only stories filed before this one (`RelatedArticles`): each list is read below its id.
        let bound = article.id
        var sharedTopics: [Int64: Int] = [:]
        for slug in topicSlugs {
            let lastFiled = try await memo.ids(of: .topic(slug), first: 60, below: bound) { count, below in
                try await ids(Self.lastFiledInTopic("\(slug)", count: count, below: below))
            }
            for id in lastFiled { sharedTopics[id, default: 0] += 1 }
        }
        var found = Set(sharedTopics.keys)
        found.formUnion(
            try await memo.ids(of: .section(section), first: 20, below: bound) { count, below in
                try await ids(Self.lastFiledInSection(section, count: count, below: below))
            })
        found.formUnion(
            try await memo.newest(sharingAnyOf: words, below: bound) { word, count, below in
                try await ids(Self.headlineMatches([word], count: count, below: below))
            })
        found.remove(article.id)
        guard !found.isEmpty else { return [] }
        var candidates = try await memo.candidates(Array(found)) { missing in
            let sql: BoundSQL = """
                \(sql: StoreSQL.relatedCandidateSelect) WHERE a.status = 'published' AND a.id = ANY(\(missing))
                """
            return try await connected().rows(sql.query).map { try Self.candidate($0, sharedTopics: 0) }
        }
        for index in candidates.indices {
            candidates[index].sharedTopics = sharedTopics[candidates[index].id] ?? 0
        }
        let ranked = RelatedArticles.rank(candidates, for: article, limit: limit)
        guard !ranked.isEmpty else { return [] }
        let summaries = try await memo.summaries(ranked) { try await Self.summaries($0, in: connected()) }
        return RelatedArticles.ordered(summaries, as: ranked)
    }

    /// The last `count` stories filed before `below` whose headlines share `words`, on the
    /// headline's own vector: the GIN index of `search` cannot tell a headline word (weight A)
    /// from one in the body, so it would fetch and recheck every article that has any. Headline
    /// words are letters and digits only, so each is a plain quoted lexeme.
    private static func headlineMatches(_ words: [String], count: Int, below: Int64) -> BoundSQL {
        guard !words.isEmpty else { return "SELECT NULL::bigint AS id WHERE false" }
        return """
            SELECT a.id FROM articles a
            WHERE \(PostgresSearch.match(words.map { "'\($0)'" }.joined(separator: " | "), in: "a.headline_search"))
                AND a.status = 'published' AND a.id < \(below)
            ORDER BY a.id DESC LIMIT \(count)
            """
    }

    /// The last `count` published stories filed before `below` in the topic `slug` names, a bound
    /// value or a column: published only, as a draft filed in the topic took a place.
    private static func lastFiledInTopic(_ slug: BoundSQL, count: Int, below: Int64) -> BoundSQL {
        """
        SELECT at.article_id FROM article_topics at JOIN articles a ON a.id = at.article_id
        WHERE at.topic_id = (SELECT id FROM topics WHERE slug = \(slug)) AND at.article_id < \(below)
            AND a.status = 'published'
        ORDER BY at.article_id DESC LIMIT \(count)
        """
    }

    /// The last `count` published stories of a section filed before `below`, on
    /// `articles_section_filed` in its order, its status read from the index.
    static func lastFiledInSection(_ slug: String, count: Int, below: Int64) -> BoundSQL {
        """
        SELECT id FROM articles
        WHERE section_id = (SELECT id FROM sections WHERE slug = \(slug)) AND status = 'published'
            AND id < \(below)
        ORDER BY id DESC LIMIT \(count)
        """
    }

    /// A candidate from the first five columns, in `relatedCandidateSelect`'s order.
    private static func candidate(_ row: PostgresRandomAccessRow, sharedTopics: Int) throws
        -> RelatedArticles.Candidate
    {
        RelatedArticles.Candidate(
            id: try row[0].decode(Int64.self), headline: try row[1].decode(String.self),
            dateline: try row[2].decode(String?.self), sectionSlug: try row[3].decode(String.self),
            published: StoredTime.instant(try row[4].decode(Int64.self)), sharedTopics: sharedTopics)
    }

    /// The summaries of `ids` that are published: a story retracted since its box was ranked is
    /// left out rather than shown.
    private static func summaries(_ ids: [Int64], in session: PostgresSession) async throws -> [ArticleSummary] {
        let sql: BoundSQL = "\(sql: StoreSQL.summarySelect) WHERE a.id = ANY(\(ids)) AND a.status = 'published'"
        return try await session.rows(sql.query).map(SummaryRow.summary)
    }
}
