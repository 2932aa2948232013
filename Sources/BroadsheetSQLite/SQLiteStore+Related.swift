import Broadsheet
import GRDB

extension SQLiteStore {
    /// Candidates from three cheap lookups of the published stories filed before the article, each
    /// bounded whatever the archive's size: the last filed of each of its topics, of its section,
    /// and of those whose headlines share its words (the headline index, walked down from its id).
    /// `RelatedArticles` ranks them.
    public func related(to article: Article, limit: Int) async throws -> [ArticleSummary] {
        // An export remembers what every page reads alike (`RelatedCandidateMemo`); the server does not.
        let memo = RelatedCandidateMemo.current
        // Once the memo holds what a story's box draws on, the box needs no database: each page's
        // read, handed to a reader's thread and back, was a fifth of an export's thread switches.
        if let memo {
            if let box = memo.takeBox(of: article, limit: limit) { return box }
            do {
                return try Self.related(to: article, limit: limit, memo: memo, in: nil)
            } catch is RelatedCandidateMemo.NotRemembered {}
        }
        return try await perform("finding articles related to \(article.id)") {
            try await database.read { db in try Self.related(to: article, limit: limit, memo: memo, in: db) }
        }
    }

    public func readRelatedAhead(of articles: [Article], limit: Int, kept: [Int64: [Int64]]) async throws {
        guard let memo = RelatedCandidateMemo.current, !articles.isEmpty else { return }
        try await perform("reading ahead the related stories of \(articles.count) stories") {
            try await database.read { db in
                // The kept boxes' stories in one read: making the boxes again (their candidates
                // and headline words) was most of a repeat export's time in the database.
                let shown = Set(articles.flatMap { kept[$0.id] ?? [] })
                let summaries = try memo.summaries(Array(shown)) { ids in
                    try Self.publishedSummaries(ids).decodeAll(db, SummaryRow.summary)
                }
                for article in memo.holdKept(kept, of: articles, limit: limit, from: summaries) {
                    let box = try Self.related(to: article, limit: limit, memo: memo, in: db)
                    memo.hold(box, of: article, limit: limit)
                }
            }
        }
    }

    /// The published stories among `ids`, as cards show them; the ids go as one JSON array, so
    /// the statement is prepared once whatever their number.
    static func publishedSummaries(_ ids: [Int64]) -> SQLRequest<Row> {
        SQLRequest(
            literal: """
                \(sql: StoreSQL.summarySelect)
                WHERE +a.status = 'published' AND a.id IN (SELECT value FROM json_each(\(SearchSQL.jsonArray(ids))))
                """, cached: true)
    }

    /// The related box; from the memo alone when `db` is nil, throwing `NotRemembered` at the
    /// first thing it does not hold.
    private static func related(
        to article: Article, limit: Int, memo: RelatedCandidateMemo?, in db: Database?
    ) throws -> [ArticleSummary] {
        let words = RelatedArticles.headlineWords(in: article.content.headline).prefix(8)
        let topicSlugs = article.content.topics.prefix(6).map(\.slug.rawValue)
        let section = article.content.section.slug.rawValue
        func database() throws -> Database {
            guard let db else { throw RelatedCandidateMemo.NotRemembered() }
            return db
        }
        // Only stories filed before this one (`RelatedArticles`): each list is read below its id.
        let bound = article.id
        func first(
            _ count: Int, of list: RelatedCandidateMemo.List, _ request: (Int, Int64) -> SQLRequest<Int64>
        ) throws -> [Int64] {
            guard let memo else { return try request(count, bound).fetchAll(try database()) }
            return try memo.ids(of: list, first: count, below: bound) { try request($0, $1).fetchAll(try database()) }
        }
        var sharedTopics: [Int64: Int] = [:]
        // Sized for every list at once: growing them page after page was a two-hundredth of an export.
        sharedTopics.reserveCapacity(topicSlugs.count * 60)
        for slug in topicSlugs {
            // Statements of one shape whatever the story are cached: preparing them cost more than
            // running them. Published stories only: a draft filed in the topic took a place.
            let ids = try first(60, of: .topic(slug)) { count, below in
                SQLRequest<Int64>(
                    literal: """
                        SELECT at.article_id FROM article_topics at CROSS JOIN articles a ON a.id = at.article_id
                        WHERE at.topic_id = (SELECT id FROM topics WHERE slug = \(slug)) AND at.article_id < \(below)
                            AND a.status = 'published'
                        ORDER BY at.article_id DESC LIMIT \(count)
                        """, cached: true)
            }
            for id in ids { sharedTopics[id, default: 0] += 1 }
        }
        var ids = Set<Int64>(minimumCapacity: sharedTopics.count + 20 + RelatedArticles.headlineMatches)
        ids.formUnion(sharedTopics.keys)
        ids.formUnion(try first(20, of: .section(section)) { Self.lastFiledInSection(section, count: $0, below: $1) })
        // The headline index, not a column filter on the full text's: a common word's
        // entries there hold every body it is in, which grows with the archive. It holds every
        // story, so each is looked up for its status, highest id first, as far as the limit.
        func lastFiledWith(_ match: String, count: Int, below: Int64) throws -> [Int64] {
            try SQLRequest<Int64>(
                literal: """
                    SELECT headlines_fts.rowid FROM headlines_fts CROSS JOIN articles a ON a.id = headlines_fts.rowid
                    WHERE headlines_fts MATCH \(match) AND headlines_fts.rowid < \(below) AND a.status = 'published'
                    ORDER BY headlines_fts.rowid DESC LIMIT \(count)
                    """,
                cached: true
            ).fetchAll(try database())
        }
        if let memo {
            ids.formUnion(
                try memo.newest(sharingAnyOf: Array(words), below: bound) { word, count, below in
                    try lastFiledWith("\"\(word)\"", count: count, below: below)
                })
        } else if !words.isEmpty {
            ids.formUnion(
                try lastFiledWith(
                    words.map { "\"\($0)\"" }.joined(separator: " OR "), count: RelatedArticles.headlineMatches,
                    below: bound))
        }
        ids.remove(article.id)
        guard !ids.isEmpty else { return [] }
        // Ranked on a few columns read by position; whole summaries only for those shown.
        func readCandidates(_ ids: [Int64]) throws -> [RelatedArticles.Candidate] {
            try Self.relatedCandidates(ids).fetchAll(try database()).map { row in
                RelatedArticles.Candidate(
                    id: row[0], headline: row[1], dateline: row[2], sectionSlug: row[3],
                    published: StoredTime.instant(row[4]), sharedTopics: 0)
            }
        }
        var candidates =
            try memo.map { try $0.candidates(Array(ids), orRead: readCandidates) } ?? readCandidates(Array(ids))
        for index in candidates.indices {
            candidates[index].sharedTopics = sharedTopics[candidates[index].id] ?? 0
        }
        let ranked = RelatedArticles.rank(candidates, for: article, limit: limit)
        guard !ranked.isEmpty else { return [] }
        func readSummaries(_ ids: [Int64]) throws -> [ArticleSummary] {
            // At most `limit` ids: a handful of shapes.
            try SQLRequest<Row>(literal: "\(sql: StoreSQL.summarySelect) WHERE a.id IN \(ids)", cached: true)
                .decodeAll(try database(), SummaryRow.summary)
        }
        let summaries =
            try memo.map { try $0.summaries(ranked, orRead: readSummaries) } ?? readSummaries(ranked)
        return RelatedArticles.ordered(summaries, as: ranked)
    }

    /// The last `count` published stories of a section filed before `below`, read on
    /// `articles_section_filed` in its order (its entries end with the id).
    static func lastFiledInSection(_ slug: String, count: Int, below: Int64) -> SQLRequest<Int64> {
        SQLRequest(
            literal: """
                SELECT id FROM articles INDEXED BY articles_section_filed
                WHERE section_id = (SELECT id FROM sections WHERE slug = \(slug)) AND status = 'published'
                    AND id < \(below)
                ORDER BY id DESC LIMIT \(count)
                """, cached: true)
    }

    /// The published articles among `ids`, as `RelatedArticles.Candidate` reads them. `+status`
    /// keeps SQLite on the ids: on the status index it walks every published article, 19 ms a
    /// page at 100,000 articles and 180 ms at a million. The ids come as one JSON array, so the
    /// statement is prepared once: a list of a few hundred numbers written into it took longer
    /// to prepare than to run. Read from `articles_related`, which holds the columns: each wide
    /// row is a page of the file of its own, and a repeat export's boxes read thousands.
    static func relatedCandidates(_ ids: [Int64]) -> SQLRequest<Row> {
        let list = SearchSQL.jsonArray(ids)
        return SQLRequest(
            literal: """
                \(sql: candidateSelect)
                WHERE +a.status = 'published' AND a.id IN (SELECT value FROM json_each(\(list)))
                """, cached: true)
    }

    private static let candidateSelect = StoreSQL.relatedCandidateSelect(
        from: "articles a INDEXED BY articles_related")
}
