import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func sections() async throws -> [TaxonomyCount<Section>] {
        try await terms(
            "listing sections",
            sql: """
                SELECT s.name, s.slug, counts.articles FROM sections s
                JOIN (SELECT section_id, count(*) AS articles FROM articles INDEXED BY articles_section
                      WHERE status = 'published' GROUP BY section_id) counts ON counts.section_id = s.id
                ORDER BY s.name
                """
        ) { row in Section(name: try row.decode(forColumn: "name"), slug: try row.decode(forColumn: "slug")) }
    }

    public func sectionsInUse() async throws -> [Section] {
        try await perform("listing sections in use") {
            try await database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.name, s.slug FROM sections s
                        WHERE EXISTS (SELECT 1 FROM articles a WHERE a.section_id = s.id AND a.status = 'published')
                        ORDER BY s.name
                        """
                ).map { Section(name: try $0.decode(forColumn: "name"), slug: try $0.decode(forColumn: "slug")) }
            }
        }
    }

    public func topics() async throws -> [TaxonomyCount<Topic>] {
        try await terms(
            "listing topics",
            sql: """
                SELECT t.name, t.slug, count(a.id) AS articles FROM topics t
                JOIN article_topics at ON at.topic_id = t.id
                JOIN articles a ON a.id = at.article_id AND a.status = 'published'
                GROUP BY t.id ORDER BY t.name
                """
        ) { row in Topic(name: try row.decode(forColumn: "name"), slug: try row.decode(forColumn: "slug")) }
    }

    public func authors() async throws -> [TaxonomyCount<Author>] {
        try await terms(
            "listing authors",
            sql: """
                SELECT w.name, w.slug, w.kind, count(a.id) AS articles FROM authors w
                JOIN article_authors aa ON aa.author_id = w.id
                JOIN articles a ON a.id = aa.article_id AND a.status = 'published'
                GROUP BY w.id ORDER BY w.name
                """
        ) { row in
            Author(
                name: try row.decode(forColumn: "name"), slug: try row.decode(forColumn: "slug"),
                kind: try row.decode(forColumn: "kind"))
        }
    }

    public func section(slug: Slug) async throws -> Section? {
        try await term("finding section \(slug)", sql: "SELECT name, slug FROM sections WHERE slug = ?", slug) { row in
            Section(name: try row.decode(forColumn: "name"), slug: try row.decode(forColumn: "slug"))
        }
    }

    public func topic(slug: Slug) async throws -> Topic? {
        try await term("finding topic \(slug)", sql: "SELECT name, slug FROM topics WHERE slug = ?", slug) { row in
            Topic(name: try row.decode(forColumn: "name"), slug: try row.decode(forColumn: "slug"))
        }
    }

    public func author(slug: Slug) async throws -> Author? {
        try await term("finding author \(slug)", sql: "SELECT name, slug, kind FROM authors WHERE slug = ?", slug) {
            row in
            Author(
                name: try row.decode(forColumn: "name"), slug: try row.decode(forColumn: "slug"),
                kind: try row.decode(forColumn: "kind"))
        }
    }

    private func terms<Term>(
        _ operation: String, sql: String, _ make: @escaping @Sendable (Row) throws -> Term
    ) async throws -> [TaxonomyCount<Term>] {
        try await perform(operation) {
            try await database.read { db in
                try Row.fetchAll(db, sql: sql).map {
                    TaxonomyCount(term: try make($0), articleCount: try $0.decode(forColumn: "articles"))
                }
            }
        }
    }

    private func term<Term: Sendable>(
        _ operation: String, sql: String, _ slug: Slug, _ make: @escaping @Sendable (Row) throws -> Term
    ) async throws -> Term? {
        try await perform(operation) {
            try await database.read { db in
                try Row.fetchOne(db, sql: sql, arguments: [slug.rawValue]).map(make)
            }
        }
    }
}
