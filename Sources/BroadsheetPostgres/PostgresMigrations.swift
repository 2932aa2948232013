import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    /// One numbered step of the schema. A shipped migration never changes: a new need is a new one.
    struct Migration {
        let identifier: String
        let statements: [String]
    }

    /// The schema, with the identifiers the SQLite store gives the same steps.
    static let migrations: [Migration] = [
        Migration(identifier: "001_articles", statements: migration001),
        Migration(identifier: "002_archive_version", statements: migration002),
        Migration(identifier: "003_publication_settings", statements: migration003),
        Migration(
            identifier: "004_section_counts",
            statements: ["CREATE INDEX articles_section_status ON articles (section_id, status)"]),
        Migration(identifier: "005_newsroom", statements: migration005),
        // 006 is the SQLite store's search vocabulary, which PostgreSQL does without.
        Migration(identifier: "007_headline_search", statements: migration007),
        Migration(identifier: "008_printed_pages", statements: migration008),
        Migration(identifier: "009_printed_page_search", statements: migration009),
        Migration(identifier: "010_search_pending_lists", statements: migration010),
        Migration(identifier: "011_archive_changes", statements: migration011),
        // 012 to 014 are the SQLite store's listing indexes and vocabulary.
        Migration(identifier: "015_headline_index_direct", statements: migration015),
        Migration(identifier: "016_edition_counts", statements: migration016),
        Migration(identifier: "017_month_counts", statements: migration017),
        // 018 is the SQLite store's narrow copy of the related box's columns.
        // A related box reads the last published stories of its section filed before its own. The
        // status is carried, not a key nor a predicate: as either, the planner took this index to
        // count every published story by month.
        Migration(
            identifier: "019_section_filed",
            statements: ["CREATE INDEX articles_section_filed ON articles (section_id, id) INCLUDE (status)"]),
    ]

    /// Applies the missing migrations in one transaction under an advisory lock, so servers that
    /// start together on one database migrate it once: the others wait, then find nothing to do.
    public func migrate() async throws {
        try await write("migrating the schema") { session in
            try await session.execute(
                "SELECT pg_advisory_xact_lock(hashtext('broadsheet migrations ' || coalesce(current_schema(), '')))")
            if let schema = location.schema, Self.isPlainIdentifier(schema) {
                // `search_path` may name a schema of the archive's own that is not there yet.
                try await session.execute(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"))
            }
            try await session.execute(
                "CREATE TABLE IF NOT EXISTS broadsheet_migrations (identifier text PRIMARY KEY, applied_at bigint NOT NULL)"
            )
            let applied = try await Self.appliedMigrations(session)
            let known = Set(Self.migrations.map(\.identifier))
            if let unknown = applied.subtracting(known).sorted().last {
                throw StoreError.schemaTooNew(found: unknown)
            }
            for migration in Self.migrations where !applied.contains(migration.identifier) {
                for statement in migration.statements {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await session.execute(
                    "INSERT INTO broadsheet_migrations (identifier, applied_at) VALUES (\(migration.identifier), \(StoredTime.seconds(Date())))"
                )
            }
        }
    }

    /// A lowercase SQL name, safe to write into a statement as it is (a schema cannot be bound).
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        return name.count <= 63
            && name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// The migrations this build has that the database has not had yet.
    public func pendingMigrations() async throws -> [String] {
        let applied = try await read("reading the schema version") { session in
            try await session.value("SELECT to_regclass('broadsheet_migrations')::text", as: String.self) == nil
                ? [] : try await Self.appliedMigrations(session)
        }
        return Self.migrations.map(\.identifier).filter { !applied.contains($0) }
    }

    private static func appliedMigrations(_ session: PostgresSession) async throws -> Set<String> {
        Set(try await session.rows("SELECT identifier FROM broadsheet_migrations").map { try $0("identifier") })
    }

    /// Which text-search configuration an article's language is indexed with: English stems, every
    /// other language is kept word for word. Search asks each article in its own configuration.
    static func isEnglish(_ language: String = "language") -> String {
        "(lower(\(language)) = 'en' OR lower(\(language)) LIKE 'en-%')"
    }

    // snake_case names shared with the SQLite store; times are Unix seconds, content is jsonb.
    private static let migration001 = [
        """
        CREATE TABLE sections (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            slug text NOT NULL UNIQUE CHECK (slug <> '')
        )
        """,
        """
        CREATE TABLE topics (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            slug text NOT NULL UNIQUE CHECK (slug <> '')
        )
        """,
        """
        CREATE TABLE authors (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            slug text NOT NULL UNIQUE CHECK (slug <> ''),
            kind text NOT NULL CHECK (kind IN ('person', 'staff', 'agency'))
        )
        """,
        """
        CREATE TABLE editions (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            publication text NOT NULL,
            date text NOT NULL,
            region text NOT NULL DEFAULT '',
            UNIQUE (publication, date, region)
        )
        """,
        "CREATE INDEX editions_date ON editions (date)",
        """
        CREATE TABLE pages (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            edition_id bigint NOT NULL REFERENCES editions (id),
            number integer NOT NULL,
            name text,
            UNIQUE (edition_id, number)
        )
        """,
        // `search` is derived by the database itself from the headline (A), summary (B) and body (C).
        """
        CREATE TABLE articles (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            source_uri text NOT NULL UNIQUE,
            source_format text NOT NULL,
            slug text NOT NULL,
            status text NOT NULL CHECK (status IN ('draft', 'published', 'retracted')),
            revision integer NOT NULL CHECK (revision >= 1),
            headline text NOT NULL CHECK (headline <> ''),
            summary text,
            byline text,
            dateline text,
            language text NOT NULL,
            section_id bigint NOT NULL REFERENCES sections (id),
            edition_id bigint NOT NULL REFERENCES editions (id),
            page_id bigint REFERENCES pages (id),
            supplement text,
            published_at bigint NOT NULL,
            published_precision text NOT NULL,
            updated_at bigint,
            updated_precision text,
            version_at double precision NOT NULL,
            content jsonb NOT NULL,
            body_text text NOT NULL,
            created_at bigint NOT NULL,
            modified_at bigint NOT NULL,
            search tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector(CASE WHEN \(isEnglish()) THEN 'english'::regconfig ELSE 'simple'::regconfig END,
                    headline), 'A')
                || setweight(to_tsvector(CASE WHEN \(isEnglish()) THEN 'english'::regconfig ELSE 'simple'::regconfig END,
                    coalesce(summary, '')), 'B')
                || setweight(to_tsvector(CASE WHEN \(isEnglish()) THEN 'english'::regconfig ELSE 'simple'::regconfig END,
                    body_text), 'C')
            ) STORED
        )
        """,
        "CREATE INDEX articles_newest ON articles (status, published_at DESC, id DESC)",
        "CREATE INDEX articles_section ON articles (section_id, published_at DESC, id DESC)",
        "CREATE INDEX articles_edition ON articles (edition_id)",
        "CREATE INDEX articles_search ON articles USING gin (search)",
        """
        CREATE TABLE article_topics (
            article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            topic_id bigint NOT NULL REFERENCES topics (id),
            position integer NOT NULL,
            PRIMARY KEY (article_id, topic_id)
        )
        """,
        "CREATE INDEX article_topics_topic ON article_topics (topic_id, article_id)",
        """
        CREATE TABLE article_authors (
            article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            author_id bigint NOT NULL REFERENCES authors (id),
            position integer NOT NULL,
            PRIMARY KEY (article_id, author_id)
        )
        """,
        "CREATE INDEX article_authors_author ON article_authors (author_id, article_id)",
        """
        CREATE TABLE revisions (
            article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            number integer NOT NULL,
            content jsonb NOT NULL,
            created_at bigint NOT NULL,
            PRIMARY KEY (article_id, number)
        )
        """,
        """
        CREATE TABLE corrections (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            kind text NOT NULL CHECK (kind IN ('correction', 'clarification')),
            text text NOT NULL,
            created_at bigint NOT NULL
        )
        """,
        "CREATE INDEX corrections_article ON corrections (article_id)",
    ]

    // One number that every write bumps, so servers on the same database can tell cheaply that
    // their caches are out of date.
    private static let migration002 = [
        "CREATE TABLE archive_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)",
        "INSERT INTO archive_version (id, version) VALUES (1, 0)",
    ]

    // The publication's settings as one JSON document: the archive remembers its paper.
    private static let migration003 = [
        "CREATE TABLE publication_settings (id integer PRIMARY KEY CHECK (id = 1), settings jsonb NOT NULL)"
    ]

    // The newsroom: accounts, API tokens (only their SHA-256), the audit log, who made each
    // revision, scheduled publishing and the public notice of a retraction.
    private static let migration005 = [
        """
        CREATE TABLE users (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE CHECK (name <> ''),
            role text NOT NULL CHECK (role IN ('admin', 'editor', 'contributor')),
            password_hash text,
            created_at bigint NOT NULL
        )
        """,
        """
        CREATE TABLE api_tokens (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            label text NOT NULL,
            token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
            created_at bigint NOT NULL,
            expires_at bigint,
            revoked_at bigint
        )
        """,
        "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
        """
        CREATE TABLE audit_log (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            at double precision NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            article_id bigint,
            address text,
            detail text NOT NULL
        )
        """,
        "CREATE INDEX audit_log_article ON audit_log (article_id) WHERE article_id IS NOT NULL",
        "ALTER TABLE revisions ADD COLUMN status text, ADD COLUMN made_by text, ADD COLUMN action text",
        """
        ALTER TABLE articles ADD COLUMN publish_at bigint, ADD COLUMN retraction_note text,
            ADD COLUMN retracted_at bigint
        """,
        "CREATE INDEX articles_publish_at ON articles (publish_at) WHERE publish_at IS NOT NULL",
    ]

    // The headline's words on their own, in the article's configuration as `search` has them, with
    // their own GIN index: related articles look up headline words, which `search`'s index cannot
    // tell from the same words in a body.
    // A GIN index gathers new entries in a pending list (4 MB by default) that every search reads
    // through, row by row, until the list is merged: right after an import each related-articles
    // lookup took 3 ms instead of 0.2. A short list keeps searches fast and inserts still batched.
    private static let migration010 = [
        "ALTER INDEX articles_search SET (gin_pending_list_limit = 256)",
        "ALTER INDEX articles_headline_search SET (gin_pending_list_limit = 256)",
        "ALTER INDEX printed_pages_search SET (gin_pending_list_limit = 256)",
    ]

    private static let migration007 = [
        """
        ALTER TABLE articles ADD COLUMN headline_search tsvector GENERATED ALWAYS AS (
            to_tsvector(CASE WHEN \(isEnglish()) THEN 'english'::regconfig ELSE 'simple'::regconfig END, headline)
        ) STORED
        """,
        "CREATE INDEX articles_headline_search ON articles USING gin (headline_search)",
    ]

    /// Printed pages with their words, and where each story was printed, as jsonb.
    private static let migration008 = [
        """
        CREATE TABLE printed_pages (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            edition_id bigint NOT NULL REFERENCES editions (id),
            number integer NOT NULL CHECK (number BETWEEN 1 AND 10000),
            label text,
            width integer NOT NULL CHECK (width > 0),
            height integer NOT NULL CHECK (height > 0),
            image text,
            words jsonb NOT NULL,
            UNIQUE (edition_id, number)
        )
        """,
        """
        CREATE TABLE printed_articles (
            article_id bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            edition_id bigint NOT NULL REFERENCES editions (id),
            regions jsonb NOT NULL
        )
        """,
        "CREATE INDEX printed_articles_edition ON printed_articles (edition_id)",
    ]

    /// The printed pages' words in the full-text index (English stemming, as the site's search
    /// stems), so a search finds the pages too.
    private static let migration009 = [
        "ALTER TABLE printed_pages ADD COLUMN text text NOT NULL DEFAULT ''",
        """
        UPDATE printed_pages SET text = coalesce(
            (SELECT string_agg(word ->> 'text', ' ') FROM jsonb_array_elements(words) AS word), '')
        """,
        """
        ALTER TABLE printed_pages ADD COLUMN search tsvector
            GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED
        """,
        "CREATE INDEX printed_pages_search ON printed_pages USING gin (search)",
    ]

    // Related articles ask the headline index on every first rendering of an article. With a
    // pending list, each lookup read up to 256 kB of new entries row by row: most of PostgreSQL's
    // time in a cold mix of article pages after an import. A headline adds a dozen entries, so
    // putting them straight into the index costs an import little.
    private static let migration015 = [
        "ALTER INDEX articles_headline_search SET (fastupdate = off)",
        "SELECT gin_clean_pending_list('articles_headline_search'::regclass)",
    ]

    /// An edition's published stories are counted on the index alone (`PostgresStore.editionListing`):
    /// counted from the rows, the archive page and every monthly sitemap read the whole table.
    private static let migration016 = [
        "DROP INDEX articles_edition",
        "CREATE INDEX articles_edition ON articles (edition_id, status)",
    ]

    /// Each month's published stories, and the newest version among them, are counted on the index
    /// alone (`PostgresStore.archiveMonths`), not from the rows with a correction lookup each.
    private static let migration017 = [
        "DROP INDEX articles_newest",
        "CREATE INDEX articles_newest ON articles (status, published_at DESC, id DESC) INCLUDE (version_at)",
    ]

    /// What changed at which archive version (`ArchiveChanges`), noted by triggers so that every
    /// write notes it. The triggers are deferred to the commit and read the version `FOR UPDATE`,
    /// as the writer's own bump does at its end: a change is never noted below a version an
    /// export has already read, and the version stays the last lock a writer takes, so writers
    /// neither wait on each other longer nor deadlock. A change is noted at the version before
    /// the writer's bump, as the SQLite store notes it.
    private static let migration011 = [
        """
        CREATE TABLE archive_changes (
            kind text NOT NULL CHECK (kind IN ('article', 'edition', 'site')),
            key text NOT NULL,
            position bigint NOT NULL,
            PRIMARY KEY (kind, key)
        )
        """,
        "CREATE INDEX archive_changes_position ON archive_changes (position)",
        """
        CREATE FUNCTION note_archive_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed record;
            change_kind text := TG_ARGV[0];
            change_key text := '';
            at_version bigint;
            bumped boolean;
        BEGIN
            IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
            IF TG_TABLE_NAME = 'articles' THEN
                change_key := changed.id::text;
            ELSIF change_kind = 'article' THEN
                change_key := changed.article_id::text;
            ELSIF change_kind = 'edition' THEN
                SELECT date INTO change_key FROM editions WHERE id = changed.edition_id;
            END IF;
            -- At commit, after the writer's own bump: the change belongs to the version before it.
            SELECT version, xmin::text::bigint = txid_current() % 4294967296 INTO at_version, bumped
            FROM archive_version FOR UPDATE;
            IF bumped THEN at_version := at_version - 1; END IF;
            INSERT INTO archive_changes (kind, key, position) VALUES (change_kind, change_key, at_version)
            ON CONFLICT (kind, key) DO UPDATE SET position = excluded.position;
            RETURN NULL;
        END
        $$
        """,
        noteChange("articles", "INSERT OR UPDATE", "article"),
        noteChange("corrections", "INSERT OR UPDATE OR DELETE", "article"),
        noteChange("printed_articles", "INSERT OR UPDATE OR DELETE", "article"),
        noteChange("printed_pages", "INSERT OR UPDATE OR DELETE", "edition"),
        noteChange("pages", "INSERT", "edition"),
        noteChange("pages", "UPDATE", "edition", when: "OLD.name IS DISTINCT FROM NEW.name"),
        noteChange("publication_settings", "INSERT", "site"),
        noteChange("publication_settings", "UPDATE", "site", when: "OLD.settings IS DISTINCT FROM NEW.settings"),
        noteChange("sections", "UPDATE", "site", when: "OLD.name IS DISTINCT FROM NEW.name"),
        noteChange("topics", "UPDATE", "site", when: "OLD.name IS DISTINCT FROM NEW.name"),
        noteChange("authors", "UPDATE", "site"),
    ]

    private static func noteChange(_ table: String, _ events: String, _ kind: String, when: String? = nil) -> String {
        let name = "\(table)_\(events.lowercased().replacingOccurrences(of: " ", with: "_"))_noted"
        return """
            CREATE CONSTRAINT TRIGGER \(name) AFTER \(events) ON \(table) DEFERRABLE INITIALLY DEFERRED \
            FOR EACH ROW \(when.map { "WHEN (\($0)) " } ?? "")EXECUTE FUNCTION note_archive_change('\(kind)')
            """
    }
}
