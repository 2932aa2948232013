import GRDB

extension SQLiteStore {
    /// The schema, one numbered migration at a time. A shipped migration never changes:
    /// a new need is a new migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001_articles") { db in
            try db.execute(sql: migration001)
        }
        migrator.registerMigration("002_archive_version") { db in
            try db.execute(sql: migration002)
        }
        migrator.registerMigration("003_publication_settings") { db in
            try db.execute(sql: migration003)
        }
        migrator.registerMigration("004_section_counts") { db in
            // Counting a section's published articles from the index alone, not the wide rows.
            try db.execute(sql: "CREATE INDEX articles_section_status ON articles (section_id, status)")
        }
        migrator.registerMigration("005_newsroom") { db in
            try db.execute(sql: migration005)
        }
        migrator.registerMigration("006_search_vocabulary") { db in
            try db.execute(sql: SearchVocabularySQL.schema)
            try SearchVocabularySQL.fill(db)
        }
        // 007 is PostgreSQL's headline index, which SQLite does without.
        migrator.registerMigration("008_printed_pages") { db in
            try db.execute(sql: printedPagesSchema)
        }
        migrator.registerMigration("009_printed_page_search") { db in
            try db.execute(sql: printedPageSearchSchema)
        }
        // 010 tunes PostgreSQL's GIN indexes, which SQLite does without.
        migrator.registerMigration("011_archive_changes") { db in
            try db.execute(sql: archiveChangesSchema)
        }
        // PostgreSQL keeps every revision's copy: its import is bound by other work.
        migrator.registerMigration("012_current_copy_once") { db in
            try db.execute(sql: currentCopyOnceSchema)
        }
        migrator.registerMigration("013_search_text_once") { db in
            try db.execute(sql: ArticleSearchText.schema)
        }
        migrator.registerMigration("014_listing_indexes") { db in
            try db.execute(sql: listingIndexesSchema)
        }
        // 015 is PostgreSQL's headline index without a pending list.
        migrator.registerMigration("016_edition_counts") { db in
            try db.execute(sql: editionCountsSchema)
        }
        migrator.registerMigration("017_month_counts") { db in
            try db.execute(sql: monthCountsSchema)
        }
        // PostgreSQL keeps a long copy out of its rows (TOAST): its rows are narrow already.
        migrator.registerMigration("018_related_candidates") { db in
            try db.execute(sql: relatedCandidatesSchema)
        }
        // A related box reads the last stories of its section filed before its own: the entries
        // of `(section_id, status)` end with the id, in its order.
        migrator.registerMigration("019_section_filed") { db in
            try db.execute(sql: "CREATE INDEX articles_section_filed ON articles (section_id, status)")
        }
        return migrator
    }

    // snake_case names shared with the PostgreSQL store; times are Unix seconds.
    private static let migration001 = """
        CREATE TABLE sections (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            slug TEXT NOT NULL UNIQUE CHECK (slug <> '')
        );
        CREATE TABLE topics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            slug TEXT NOT NULL UNIQUE CHECK (slug <> '')
        );
        CREATE TABLE authors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            slug TEXT NOT NULL UNIQUE CHECK (slug <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('person', 'staff', 'agency'))
        );
        CREATE TABLE editions (
            id INTEGER PRIMARY KEY,
            publication TEXT NOT NULL,
            date TEXT NOT NULL,
            region TEXT NOT NULL DEFAULT '',
            UNIQUE (publication, date, region)
        );
        CREATE INDEX editions_date ON editions (date);
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            number INTEGER NOT NULL,
            name TEXT,
            UNIQUE (edition_id, number)
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            source_uri TEXT NOT NULL UNIQUE,
            source_format TEXT NOT NULL,
            slug TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retracted')),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            headline TEXT NOT NULL CHECK (headline <> ''),
            summary TEXT,
            byline TEXT,
            dateline TEXT,
            language TEXT NOT NULL,
            section_id INTEGER NOT NULL REFERENCES sections (id),
            edition_id INTEGER NOT NULL REFERENCES editions (id),
            page_id INTEGER REFERENCES pages (id),
            supplement TEXT,
            published_at INTEGER NOT NULL,
            published_precision TEXT NOT NULL,
            updated_at INTEGER,
            updated_precision TEXT,
            version_at REAL NOT NULL,
            content TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            modified_at INTEGER NOT NULL
        );
        CREATE INDEX articles_newest ON articles (status, published_at DESC, id DESC);
        CREATE INDEX articles_section ON articles (section_id, published_at DESC, id DESC);
        CREATE INDEX articles_edition ON articles (edition_id);
        CREATE TABLE article_topics (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            topic_id INTEGER NOT NULL REFERENCES topics (id),
            position INTEGER NOT NULL,
            PRIMARY KEY (article_id, topic_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_topics_topic ON article_topics (topic_id, article_id);
        CREATE TABLE article_authors (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            author_id INTEGER NOT NULL REFERENCES authors (id),
            position INTEGER NOT NULL,
            PRIMARY KEY (article_id, author_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_authors_author ON article_authors (author_id, article_id);
        CREATE TABLE revisions (
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            content TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (article_id, number)
        ) WITHOUT ROWID;
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('correction', 'clarification')),
            text TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX corrections_article ON corrections (article_id);
        CREATE VIRTUAL TABLE articles_fts USING fts5 (
            headline, summary, body,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        """

    // One number that every write bumps, so servers (this one or others on the same file) can
    // tell cheaply that their caches are out of date.
    private static let migration002 = """
        CREATE TABLE archive_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO archive_version (id, version) VALUES (1, 0);
        """

    // The publication's settings as one JSON document: the archive remembers its paper.
    private static let migration003 = """
        CREATE TABLE publication_settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            settings TEXT NOT NULL
        );
        """

    // The newsroom: accounts, API tokens (only their SHA-256), the audit log, who made each
    // revision, scheduled publishing and the public notice of a retraction.
    private static let migration005 = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (name <> ''),
            role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'contributor')),
            password_hash TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE api_tokens (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER
        );
        CREATE INDEX api_tokens_user ON api_tokens (user_id);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            article_id INTEGER,
            address TEXT,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_log_article ON audit_log (article_id) WHERE article_id IS NOT NULL;
        ALTER TABLE revisions ADD COLUMN status TEXT;
        ALTER TABLE revisions ADD COLUMN made_by TEXT;
        ALTER TABLE revisions ADD COLUMN action TEXT;
        ALTER TABLE articles ADD COLUMN publish_at INTEGER;
        ALTER TABLE articles ADD COLUMN retraction_note TEXT;
        ALTER TABLE articles ADD COLUMN retracted_at INTEGER;
        CREATE INDEX articles_publish_at ON articles (publish_at) WHERE publish_at IS NOT NULL;
        """
}

/// Printed pages of an edition, their words as JSON (read a page at a time, never searched
/// here), and where each story was printed, also as JSON: a story's regions are read whole.
let printedPagesSchema = """
    CREATE TABLE printed_pages (
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL REFERENCES editions (id),
        number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 10000),
        label TEXT,
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        image TEXT,
        words TEXT NOT NULL,
        UNIQUE (edition_id, number)
    );
    CREATE TABLE printed_articles (
        article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        edition_id INTEGER NOT NULL REFERENCES editions (id),
        regions TEXT NOT NULL
    );
    CREATE INDEX printed_articles_edition ON printed_articles (edition_id);
    """

/// The printed pages' words in the full-text index, stemmed as the articles are, so a search
/// finds the pages too (a library's scanned issue may have no articles at all); a page's row
/// has its `printed_pages` id.
let printedPageSearchSchema = """
    CREATE VIRTUAL TABLE printed_pages_fts USING fts5 (
        text,
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    INSERT INTO printed_pages_fts (rowid, text)
        SELECT id, coalesce((SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(words)), '')
        FROM printed_pages;
    """

/// What changed at which archive version (`ArchiveChanges`), noted by triggers so that every
/// write notes it: an article by id, an edition's printed pages by date, and `site` for what
/// every page shows. A subject keeps only the version it last changed at.
let archiveChangesSchema = """
    CREATE TABLE archive_changes (
        kind TEXT NOT NULL CHECK (kind IN ('article', 'edition', 'site')),
        key TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX archive_changes_position ON archive_changes (position);
    \(noteChange("articles_inserted", "AFTER INSERT ON articles", "'article'", "NEW.id"))
    \(noteChange("articles_updated", "AFTER UPDATE ON articles", "'article'", "NEW.id"))
    \(noteChange("corrections_inserted", "AFTER INSERT ON corrections", "'article'", "NEW.article_id"))
    \(noteChange("corrections_updated", "AFTER UPDATE ON corrections", "'article'", "NEW.article_id"))
    \(noteChange("corrections_deleted", "AFTER DELETE ON corrections", "'article'", "OLD.article_id"))
    \(noteChange("printed_articles_inserted", "AFTER INSERT ON printed_articles", "'article'", "NEW.article_id"))
    \(noteChange("printed_articles_updated", "AFTER UPDATE ON printed_articles", "'article'", "NEW.article_id"))
    \(noteChange("printed_articles_deleted", "AFTER DELETE ON printed_articles", "'article'", "OLD.article_id"))
    \(noteChange("printed_pages_inserted", "AFTER INSERT ON printed_pages", "'edition'", editionOf("NEW")))
    \(noteChange("printed_pages_updated", "AFTER UPDATE ON printed_pages", "'edition'", editionOf("NEW")))
    \(noteChange("printed_pages_deleted", "AFTER DELETE ON printed_pages", "'edition'", editionOf("OLD")))
    \(noteChange("pages_inserted", "AFTER INSERT ON pages", "'edition'", editionOf("NEW")))
    \(noteChange("pages_updated", "AFTER UPDATE ON pages WHEN OLD.name IS NOT NEW.name", "'edition'", editionOf("NEW")))
    \(noteChange("settings_inserted", "AFTER INSERT ON publication_settings", "'site'", "''"))
    \(noteChange(
        "settings_updated", "AFTER UPDATE ON publication_settings WHEN OLD.settings IS NOT NEW.settings", "'site'", "''"))
    \(noteChange("sections_updated", "AFTER UPDATE ON sections WHEN OLD.name IS NOT NEW.name", "'site'", "''"))
    \(noteChange("topics_updated", "AFTER UPDATE ON topics WHEN OLD.name IS NOT NEW.name", "'site'", "''"))
    \(noteChange("authors_updated", "AFTER UPDATE ON authors", "'site'", "''"))
    """

/// A trigger noting `kind`/`key` at the current archive version. An upsert, not `INSERT OR
/// REPLACE`: an outer statement's conflict policy would override the latter's.
private func noteChange(_ name: String, _ event: String, _ kind: String, _ key: String) -> String {
    """
    CREATE TRIGGER \(name) \(event) BEGIN
        INSERT INTO archive_changes (kind, key, position)
        VALUES (\(kind), \(key), (SELECT version FROM archive_version))
        ON CONFLICT (kind, key) DO UPDATE SET position = excluded.position;
    END;
    """
}

private func editionOf(_ row: String) -> String {
    "(SELECT date FROM editions WHERE id = \(row).edition_id)"
}

/// A listing's page is found from an index alone, not the wide article rows (`ArticleFilter(listing:)`):
/// a section's index holds the status its listings filter on (and replaces the one its counts
/// had), and `articles_state` holds what a topic's or an author's listing filters and sorts on.
let listingIndexesSchema = """
    DROP INDEX articles_section;
    DROP INDEX articles_section_status;
    CREATE INDEX articles_section ON articles (section_id, status, published_at DESC, id DESC);
    CREATE INDEX articles_state ON articles (id, status, published_at);
    """

/// An edition's published stories are counted from the index alone (`SQLiteStore.editionListing`):
/// counted from the wide rows, the archive page and every monthly sitemap read the whole archive.
let editionCountsSchema = """
    DROP INDEX articles_edition;
    CREATE INDEX articles_edition ON articles (edition_id, status);
    """

/// A related box's candidates are read from an index that holds what the ranking weighs
/// (`SQLiteStore.relatedCandidates`): read from the wide rows, each candidate was a page of the
/// file, and a box weighs hundreds. 20,000 candidates at 100,000 stories: 20 ms against 50 ms.
let relatedCandidatesSchema = """
    CREATE INDEX articles_related ON articles (id, status, published_at, section_id, headline, dateline);
    """

/// Each month's published stories, and the newest version among them, are counted from the index
/// alone (`SQLiteStore.archiveMonths`): counted from the wide rows, the sitemap index read the
/// whole archive, 2.4 s at a million stories with the pages cached and 38 s without.
let monthCountsSchema = """
    DROP INDEX articles_newest;
    CREATE INDEX articles_newest ON articles (status, published_at DESC, id DESC, version_at);
    """

/// A revision's copy is NULL while it is the article's current one (`articles.content`): the
/// newest revision, until the next replaces it and takes its copy (`ArticleWriter.keepPreviousCopy`).
/// Every story is then stored once, not twice. SQLite cannot drop a NOT NULL, so the table is
/// rebuilt; a copy that differs from the article's (there should be none) is kept as it is.
let currentCopyOnceSchema = """
    CREATE TABLE revisions_new (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        content TEXT,
        created_at INTEGER NOT NULL,
        status TEXT,
        made_by TEXT,
        action TEXT,
        PRIMARY KEY (article_id, number)
    ) WITHOUT ROWID;
    INSERT INTO revisions_new (article_id, number, content, created_at, status, made_by, action)
        SELECT r.article_id, r.number,
            CASE WHEN r.number = a.revision AND r.content = a.content
                AND r.number = (SELECT max(number) FROM revisions n WHERE n.article_id = r.article_id)
            THEN NULL ELSE r.content END,
            r.created_at, r.status, r.made_by, r.action
        FROM revisions r LEFT JOIN articles a ON a.id = r.article_id;
    DROP TABLE revisions;
    ALTER TABLE revisions_new RENAME TO revisions;
    """
