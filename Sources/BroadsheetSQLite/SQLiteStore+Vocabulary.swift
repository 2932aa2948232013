import Broadsheet
import Foundation
import GRDB
import Synchronization

/// The two small indexes beside the full-text index that keep a search's work bounded at a
/// million articles: the written words (`search_words`, for prefixes) and the headlines alone
/// (`headlines_fts`, for headline matches however old).
///
/// `search_words.seen` is the first article a word was found in. Common words turn up in the
/// first articles of any archive, so ordering a prefix's words by it keeps the common ones.
enum SearchVocabularySQL {
    static let schema = """
        CREATE TABLE search_words (
            word TEXT PRIMARY KEY,
            seen INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE headlines_fts USING fts5 (
            headline,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        """

    /// Builds both for an archive filed before they existed, reading the index's own copy of
    /// the text in rowid order so that `seen` means what it means for new articles.
    static func fill(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO headlines_fts (rowid, headline) SELECT id, headline FROM articles")
        var seen: [String: Int64] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT rowid, headline, summary, body FROM articles_fts ORDER BY rowid")
        while let row = try rows.next() {
            let id: Int64 = try row.decode(atIndex: 0)
            for word in SearchVocabulary.words(
                in: try row.decode(atIndex: 1) ?? "", try row.decode(atIndex: 2) ?? "", try row.decode(atIndex: 3) ?? ""
            ) where seen[word] == nil {
                seen[word] = id
            }
        }
        let insert = try db.makeStatement(sql: "INSERT INTO search_words (word, seen) VALUES (?, ?)")
        for (word, id) in seen {
            try insert.execute(arguments: [word, id])
        }
    }

    /// One JSON array of words, for `json_each`. Vocabulary words are letters, digits and marks
    /// (`SearchVocabulary`), so none holds a quote, a backslash or a control character.
    static func jsonArray(_ words: some Collection<String>) -> String {
        "[\"" + words.joined(separator: "\",\"") + "\"]"
    }

    /// The words each prefix of the expression stands for, commonest first, at most
    /// `SearchVocabulary.wordsPerPrefix`; and the prefixes that stand for more than that.
    static func expansions(_ db: Database, for expression: SearchExpression) throws -> PrefixExpansions {
        var expansions = PrefixExpansions()
        let prefixes = (expression.required.joined() + expression.excluded).filter { $0.kind == .prefix }
        for prefix in Set(prefixes.map { SearchVocabulary.fold($0.words[0]) }) {
            let words: [String]
            if let upper = SearchVocabulary.upperBound(of: prefix) {
                words = try String.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT word FROM search_words WHERE word >= ? AND word < ? ORDER BY seen LIMIT ?"),
                    arguments: [prefix, upper, SearchVocabulary.wordsPerPrefix + 1])
            } else {
                words = []
            }
            expansions.words[prefix] = Array(words.prefix(SearchVocabulary.wordsPerPrefix))
            if words.count > SearchVocabulary.wordsPerPrefix { expansions.cut.append(prefix) }
        }
        expansions.cut.sort()
        return expansions
    }
}

/// What each typed prefix stands for in one search.
struct PrefixExpansions {
    /// Folded prefix → the words it stands for (empty: no word begins so).
    var words: [String: [String]] = [:]
    /// Prefixes with more words than were kept.
    var cut: [String] = []
}

/// The words a store has filed in its vocabulary, as far as this process knows, so that a save
/// inserts only the others: after an archive's first articles, most articles bring none. Words
/// join only once the transaction that filed them has committed.
final class FiledWords: Sendable {
    private let words = Mutex<Set<String>>([])

    func unfiled(_ candidates: Set<String>) -> [String] {
        words.withLock { known in candidates.filter { !known.contains($0) } }
    }

    func add(_ filed: [String]) {
        guard !filed.isEmpty else { return }
        words.withLock { $0.formUnion(filed) }
    }
}

/// The words one write transaction files: those of each article whose savepoint was kept.
final class VocabularyBatch {
    let filed: FiledWords
    /// Words the article being saved has filed so far.
    var article: [String] = []
    /// Words of the articles kept; `FiledWords` learns them when the transaction commits.
    var kept: [String] = []

    init(_ filed: FiledWords) {
        self.filed = filed
    }
}

extension ArticleWriter {
    /// Files an article's text in both full-text indexes and its new words in the vocabulary;
    /// `words` are its written words when the caller prepared them (`PreparedArticle`).
    func indexForSearch(id: Int64, _ content: ArticleContent, words: Set<String>? = nil) throws {
        let summary = content.summary ?? ""
        let body = content.bodyText
        try execute(
            "INSERT INTO articles_fts (rowid, headline, summary, body) VALUES (?, ?, ?, ?)",
            arguments: [id, content.headline, summary, body])
        try execute("INSERT INTO headlines_fts (rowid, headline) VALUES (?, ?)", arguments: [id, content.headline])
        let words = words ?? SearchVocabulary.words(in: content.headline, summary, body)
        let fresh = vocabulary.map { $0.filed.unfiled(words) } ?? Array(words)
        guard !fresh.isEmpty else { return }
        try execute(
            "INSERT OR IGNORE INTO search_words (word, seen) SELECT value, ? FROM json_each(?)",
            arguments: [id, SearchVocabularySQL.jsonArray(fresh)])
        vocabulary?.article += fresh
    }

    /// Takes an article's text out of both full-text indexes (its words stay in the vocabulary:
    /// a word no article holds any more costs a prefix search nothing).
    func removeFromSearch(id: Int64) throws {
        try execute("DELETE FROM articles_fts WHERE rowid = ?", arguments: [id])
        try execute("DELETE FROM headlines_fts WHERE rowid = ?", arguments: [id])
    }
}
