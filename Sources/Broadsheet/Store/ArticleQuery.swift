import Foundation

/// Filters for listing articles, newest first.
public struct ArticleQuery: Hashable, Sendable {
    public var section: Slug?
    public var topic: Slug?
    public var author: Slug?
    public var edition: EditionDate?
    /// Published at or after this instant.
    public var publishedFrom: Date?
    /// Published before this instant.
    public var publishedBefore: Date?
    /// nil lists every status (only the newsroom may ask for that).
    public var status: ArticleStatus?
    public var limit: Int
    /// Continue after this position (API); takes precedence over `offset`.
    public var cursor: ArticleCursor?
    /// Skip this many (numbered pages of the reader site).
    public var offset: Int
    /// The desk's filters: scheduled or not, first filed by an account, a headline's words.
    public var scheduled: Bool?
    public var filedBy: String?
    public var headlineContains: String?
    /// Only stories filed after the one with this id.
    public var filedAfter: Int64?

    public static let maximumLimit = 100

    public init(
        section: Slug? = nil, topic: Slug? = nil, author: Slug? = nil, edition: EditionDate? = nil,
        publishedFrom: Date? = nil, publishedBefore: Date? = nil, status: ArticleStatus? = .published,
        limit: Int = 20, cursor: ArticleCursor? = nil, offset: Int = 0
    ) {
        self.section = section
        self.topic = topic
        self.author = author
        self.edition = edition
        self.publishedFrom = publishedFrom
        self.publishedBefore = publishedBefore
        self.status = status
        self.limit = max(1, min(limit, Self.maximumLimit))
        self.cursor = cursor
        self.offset = max(0, offset)
    }
}

/// A page of a listing and where the next one starts.
public struct ArticleList: Hashable, Sendable {
    public var items: [ArticleSummary]
    public var nextCursor: ArticleCursor?

    public init(items: [ArticleSummary], nextCursor: ArticleCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// A page from the rows a store read with `LIMIT limit + 1`: the extra row, when there is
    /// one, only says that a next page exists, and the cursor points after the page's last item.
    public init(reading rows: [ArticleSummary], limit: Int) {
        guard rows.count > limit else {
            self.init(items: rows, nextCursor: nil)
            return
        }
        let items = Array(rows.prefix(limit))
        self.init(
            items: items, nextCursor: items.last.map { ArticleCursor(published: $0.published.instant, id: $0.id) })
    }
}

/// A position in the newest-first order: stable under inserts, unlike an offset.
public struct ArticleCursor: Hashable, Sendable {
    public var published: Date
    public var id: Int64

    public init(published: Date, id: Int64) {
        self.published = published
        self.id = id
    }

    /// The opaque text clients pass back (`next_cursor`).
    public var encoded: String {
        let raw = "\(StoredTime.seconds(published)).\(id)"
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a cursor back; nil when the text is not one of ours (nor could be: a time outside
    /// `ArchiveTime`, an id below 1, or more text than any cursor holds).
    public init?(encoded text: String) {
        guard text.utf8.count <= 64 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else { return nil }
        let parts = raw.split(separator: ".")
        guard parts.count == 2, let seconds = Int64(parts[0]), let id = Int64(parts[1]), id >= 1 else { return nil }
        let published = StoredTime.instant(seconds)
        guard ArchiveTime.contains(published) else { return nil }
        self.init(published: published, id: id)
    }
}
