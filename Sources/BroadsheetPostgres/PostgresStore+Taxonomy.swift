import Broadsheet
import Foundation
import PostgresNIO

// Names sort by code point (COLLATE "C"), as SQLite sorts them, whatever the database's locale.
extension PostgresStore {
    public func sections() async throws -> [TaxonomyCount<Section>] {
        try await terms(
            "listing sections",
            """
            SELECT s.name, s.slug, counts.articles FROM sections s
            JOIN (SELECT section_id, count(*) AS articles FROM articles
                  WHERE status = 'published' GROUP BY section_id) counts ON counts.section_id = s.id
            ORDER BY s.name COLLATE "C"
            """
        ) { row in Section(name: try row("name"), slug: try row("slug")) }
    }

    public func sectionsInUse() async throws -> [Section] {
        try await read("listing sections in use") { session in
            try await session.rows(
                """
                SELECT s.name, s.slug FROM sections s
                WHERE EXISTS (SELECT 1 FROM articles a WHERE a.section_id = s.id AND a.status = 'published')
                ORDER BY s.name COLLATE "C"
                """
            ).map { Section(name: try $0("name"), slug: try $0("slug")) }
        }
    }

    public func topics() async throws -> [TaxonomyCount<Topic>] {
        try await terms(
            "listing topics",
            """
            SELECT t.name, t.slug, count(a.id) AS articles FROM topics t
            JOIN article_topics x ON x.topic_id = t.id
            JOIN articles a ON a.id = x.article_id AND a.status = 'published'
            GROUP BY t.id ORDER BY t.name COLLATE "C"
            """
        ) { row in Topic(name: try row("name"), slug: try row("slug")) }
    }

    public func authors() async throws -> [TaxonomyCount<Author>] {
        try await terms(
            "listing authors",
            """
            SELECT w.name, w.slug, w.kind, count(a.id) AS articles FROM authors w
            JOIN article_authors x ON x.author_id = w.id
            JOIN articles a ON a.id = x.article_id AND a.status = 'published'
            GROUP BY w.id ORDER BY w.name COLLATE "C"
            """
        ) { row in Author(name: try row("name"), slug: try row("slug"), kind: try row("kind")) }
    }

    public func section(slug: Slug) async throws -> Section? {
        try await read("finding section \(slug)") { session in
            try await session.row("SELECT name, slug FROM sections WHERE slug = \(slug.rawValue)").map {
                Section(name: try $0("name"), slug: try $0("slug"))
            }
        }
    }

    public func topic(slug: Slug) async throws -> Topic? {
        try await read("finding topic \(slug)") { session in
            try await session.row("SELECT name, slug FROM topics WHERE slug = \(slug.rawValue)").map {
                Topic(name: try $0("name"), slug: try $0("slug"))
            }
        }
    }

    public func author(slug: Slug) async throws -> Author? {
        try await read("finding author \(slug)") { session in
            try await session.row("SELECT name, slug, kind FROM authors WHERE slug = \(slug.rawValue)").map {
                Author(name: try $0("name"), slug: try $0("slug"), kind: try $0("kind"))
            }
        }
    }

    private func terms<Term: Sendable & Hashable>(
        _ operation: String, _ sql: PostgresQuery, _ make: (PostgresRandomAccessRow) throws -> Term
    ) async throws -> [TaxonomyCount<Term>] {
        try await read(operation) { session in
            try await session.rows(sql).map { TaxonomyCount(term: try make($0), articleCount: try $0("articles")) }
        }
    }
}
