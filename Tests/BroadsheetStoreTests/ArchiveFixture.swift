import Broadsheet
import Foundation
import Testing

@testable import BroadsheetSQLite

extension StoreKind {
    /// The stores a copy reads from and writes to.
    static let transferable: [StoreKind] = allCases
    /// Every (source, target) pair of them.
    static var routes: [(StoreKind, StoreKind)] { transferable.flatMap { from in transferable.map { (from, $0) } } }
}

/// A fresh, migrated, empty store of one kind for a copy test, removed when the test lets go of it.
final class TransferStore {
    let kind: StoreKind
    let store: any ArchiveTransfer
    private let temporary: TemporaryStore

    init(_ kind: StoreKind) async throws {
        self.kind = kind
        temporary = try await TemporaryStore(kind)
        store = try #require(temporary.store as? any ArchiveTransfer, "\(kind) cannot copy archives")
    }
}

/// A small newsroom's archive in our own words, with a bit of everything a copy must carry:
/// revisions by import and by hand, a correction, a retraction with its note, a story withdrawn
/// before publication, a scheduled draft, page and region links, a topic spelled two ways,
/// accounts (one removed, so ids have a gap), live, revoked and expiring tokens, the audit log
/// and the publication's settings.
enum ArchiveFixture {
    static let editor = Attribution(actor: "amina", address: "192.0.2.7")
    static let settings = PublicationSettings(
        name: "The Daily Ledger", baseURL: "https://ledger.example", timeZone: "Asia/Karachi",
        extraSections: ["Harbour"])
    /// Token texts are never stored; these stand for their SHA-256.
    static let liveTokenHash = String(repeating: "a1", count: 32)
    static let revokedTokenHash = String(repeating: "b2", count: 32)
    static let scheduledFor = Date(timeIntervalSince1970: 1_900_000_000)
    /// Plain stories after the special ones, so a small batch size makes several batches.
    static let plainStories = 9

    /// Fills `store` and returns how many articles it holds.
    @discardableResult
    static func fill(_ store: any ArticleStore) async throws -> Int {
        try await store.savePublicationSettings(settings)
        try await accounts(store)

        // Two versions by import, then a correction.
        _ = try await store.save(Story.make(), status: .published)
        let bridge = try await store.save(Story.make(updatedHour: 11), status: .published).articleID
        _ = try await store.change(
            articleID: bridge, .correct(.correction, text: "An earlier version gave the wrong length of the works."),
            expectedRevision: nil, by: editor)

        // Created by hand, edited, published, then retracted with a public note.
        let ferry = try await store.create(
            Story.make(headline: "Night ferry to the islands resumes", topics: ["Ferries", "infrastructure"]),
            status: .draft, by: editor)
        var content = ferry.content
        content.summary = "The crossing runs three times a week."
        _ = try await store.change(articleID: ferry.id, .edit(content), expectedRevision: 1, by: editor)
        _ = try await store.change(articleID: ferry.id, .publish, expectedRevision: 2, by: editor)
        _ = try await store.change(
            articleID: ferry.id, .retract(note: "The timetable it reported had not been agreed."),
            expectedRevision: nil, by: editor)

        // Withdrawn before anyone read it: retracted without a note.
        let rumour = try await store.create(
            Story.make(headline: "Lighthouse keeper to retire", section: "Metropolitan"), status: .draft, by: editor)
        _ = try await store.change(articleID: rumour.id, .retract(note: "Not run."), expectedRevision: nil, by: editor)

        // A draft due to go out on its own.
        let scheduled = try await store.create(
            Story.make(headline: "Tide tables for the spring season", section: "Harbour"), status: .draft, by: editor)
        _ = try await store.change(articleID: scheduled.id, .schedule(scheduledFor), expectedRevision: nil, by: editor)

        // On a page of a regional edition, in a supplement.
        var paged = Story.make(headline: "Fish market moves to the new quay", section: "Business", hour: 9)
        paged.edition.region = "Karachi"
        paged.edition.supplement = "The Harbour Weekly"
        paged.edition.page = PageReference(number: 3, name: "Waterfront")
        _ = try await store.save(paged, status: .published)

        for number in 1...plainStories {
            _ = try await store.save(
                Story.make(
                    headline: "Rowing club report number \(number)",
                    body: ["The club's crews trained on the creek for the \(number) time this season."],
                    section: number.isMultiple(of: 2) ? "Sport" : "National", topics: ["Rowing"],
                    byline: number.isMultiple(of: 3) ? "AFP" : "Sana Qureshi", hour: 10 + number % 8),
                status: .published)
        }
        try await store.recordAudit(action: "import.batch", articleID: nil, detail: "9 rowing reports", by: editor)

        // The bridge story printed across two pages, whose words are searched too.
        try await store.savePrintedPages(
            [
                try PrintedPageStoreTests.page(
                    1, words: ["Harbour", "bridge", "reopens"], image: String(repeating: "d5", count: 32) + ".jpg"),
                try PrintedPageStoreTests.page(2, words: ["Quay", "works", "end"]),
            ], publication: "The Daily Ledger")
        try await store.savePrintedArticle(
            try PrintedArticle(regions: [
                try Region(page: 1, box: PageBox(x: 0.1, y: 0.1, width: 0.4, height: 0.3)),
                try Region(page: 2, box: PageBox(x: 0.5, y: 0.5, width: 0.4, height: 0.3)),
            ]), articleID: bridge)
        return 5 + plainStories
    }

    private static func accounts(_ store: any ArticleStore) async throws {
        let root = Attribution(actor: "cli:root")
        _ = try await store.addUser(
            name: "amina", role: .editor, passwordHash: "$2b$12$syntheticsyntheticsynthe", by: root)
        _ = try await store.addUser(name: "temp", role: .contributor, passwordHash: nil, by: root)
        _ = try await store.addUser(
            name: "zara", role: .admin, passwordHash: "$2b$12$anotheranotheranotheran", by: root)
        _ = try await store.addToken(
            NewToken(userName: "temp", label: "gone", hash: String(repeating: "c3", count: 32), expiresAt: nil),
            by: root)
        try await store.removeUser(named: "temp", by: root)
        _ = try await store.addToken(
            NewToken(
                userName: "amina", label: "desk laptop", hash: liveTokenHash,
                expiresAt: Date(timeIntervalSince1970: 2_000_000_000)),
            by: root)
        let revoked = try await store.addToken(
            NewToken(userName: "zara", label: "old script", hash: revokedTokenHash, expiresAt: nil), by: root)
        try await store.revokeToken(id: revoked.id, by: root)
    }
}

/// Everything a reader, an editor or an operator can see of an archive, through the store's
/// ordinary API: two archives with equal snapshots are the same archive.
struct ArchiveSnapshot: Equatable {
    var articles: [Article] = []
    var revisions: [[Revision]] = []
    var records: [ArchiveBatch] = []
    var users: [User] = []
    var tokens: [APIToken] = []
    var audit: [AuditEntry] = []
    var settings = PublicationSettings()
    var searches: [[Int64]] = []
    var snippets: EngineSnippets
    var sections: [TaxonomyCount<Section>] = []
    var topics: [TaxonomyCount<Topic>] = []
    var authors: [TaxonomyCount<Author>] = []
    var editions: [EditionSummary] = []
    var stats: [Int] = []
    var printedPageSearches: [[String]] = []

    static let queries = ["harbour", "rowing", "bridge", "quay", "creek", "harb*", "tra*"]

    init(_ transfer: TransferStore) async throws {
        let store = transfer.store
        snippets = EngineSnippets(kind: transfer.kind)
        let census = try await store.archiveCensus()
        for id in Int64(1)...(census.lastIDs[.articles] ?? 0) {
            guard let article = try await store.article(id: id) else { continue }
            articles.append(article)
            revisions.append(try await store.revisions(ofArticle: id))
        }
        for part in ArchivePart.allCases {
            records.append(try await store.archived(part, after: 0, limit: 1000))
        }
        users = try await store.users()
        tokens = try await store.tokens()
        audit = try await store.auditLog(limit: 1000, before: nil)
        settings = try await store.publicationSettings()
        for query in Self.queries {
            let results = try await store.search(SearchQuery(query, sort: .newest))
            searches.append(results.hits.map(\.article.id))
            snippets.cut.append(results.hits.map(\.snippet))
        }
        for query in Self.queries {
            printedPageSearches.append(
                try await store.printedPages(
                    matching: SearchExpression(parsing: query), dates: EditionDate.first...EditionDate.last, limit: 10
                ).map { "\($0.page.date.iso)/\($0.page.number)" })
        }
        sections = try await store.sections()
        topics = try await store.topics()
        authors = try await store.authors()
        editions = try await store.editions()
        let stats = try await store.stats()
        self.stats =
            [stats.articles, stats.revisions, stats.corrections, stats.editions]
            + ArticleStatus.allCases.map { stats.articlesByStatus[$0] ?? 0 }
    }
}

/// Search snippets as one store's engine cuts them: FTS5's `snippet` and PostgreSQL's `ts_headline`
/// choose and mark different words of the same article, so snippets are compared only between
/// stores of one kind (a copy between kinds is equal here; the hits themselves are compared).
struct EngineSnippets: Equatable {
    var kind: StoreKind
    /// Each query's hits' snippets.
    var cut: [[Snippet]] = []

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.kind != rhs.kind || lhs.cut == rhs.cut
    }
}
