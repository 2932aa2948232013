import Foundation

/// Something `StoreMaintenance.check` found wrong.
public struct StoreProblem: Hashable, Sendable, CustomStringConvertible {
    public var articleID: Int64?
    public var message: String

    public init(articleID: Int64? = nil, message: String) {
        self.articleID = articleID
        self.message = message
    }

    public var description: String {
        articleID.map { "article \($0): \(message)" } ?? message
    }
}

/// Counts for operators (`broadsheet db stats`).
public struct StoreStats: Hashable, Sendable {
    public var articlesByStatus: [ArticleStatus: Int]
    public var revisions: Int
    public var editions: Int
    public var sections: Int
    public var topics: Int
    public var authors: Int
    public var corrections: Int
    /// The size of the database on disk, when the store can tell.
    public var bytes: Int64?

    public init(
        articlesByStatus: [ArticleStatus: Int], revisions: Int, editions: Int, sections: Int, topics: Int,
        authors: Int, corrections: Int, bytes: Int64?
    ) {
        self.articlesByStatus = articlesByStatus
        self.revisions = revisions
        self.editions = editions
        self.sections = sections
        self.topics = topics
        self.authors = authors
        self.corrections = corrections
        self.bytes = bytes
    }

    public var articles: Int { articlesByStatus.values.reduce(0, +) }
}
