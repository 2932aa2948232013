import Foundation

/// What a reader asks the archive: the words they typed, parsed, and the filters they chose.
public struct SearchQuery: Hashable, Sendable {
    public enum Sort: String, Hashable, Sendable, CaseIterable {
        case relevance, newest
    }

    public var expression: SearchExpression
    public var section: Slug?
    public var topic: Slug?
    /// From the filter, or from `author:name` in the words.
    public var author: Slug?
    public var publishedFrom: Date?
    public var publishedBefore: Date?
    public var sort: Sort
    public var limit: Int
    public var offset: Int

    public static let maximumLimit = 100

    public init(
        _ text: String, section: Slug? = nil, topic: Slug? = nil, author: Slug? = nil, publishedFrom: Date? = nil,
        publishedBefore: Date? = nil, sort: Sort = .relevance, limit: Int = 20, offset: Int = 0
    ) {
        self.expression = SearchExpression(parsing: text)
        self.section = section
        self.topic = topic
        self.author = author ?? expression.author.map { Slug($0) }
        self.publishedFrom = publishedFrom
        self.publishedBefore = publishedBefore
        self.sort = sort
        self.limit = max(1, min(limit, Self.maximumLimit))
        self.offset = max(0, offset)
    }
}

/// A page of search results.
public struct SearchResults: Hashable, Sendable {
    public var hits: [SearchHit]
    /// How many published articles match; a lower bound when `totalIsCapped`.
    public var total: Int
    /// Counting stopped at `SearchResults.countCap`: there are at least `total` matches.
    public var totalIsCapped: Bool
    public var facets: SearchFacets
    /// Typed prefixes that begin more words than a search takes (`SearchVocabulary.wordsPerPrefix`):
    /// their commonest words were searched, and the reader is told so.
    public var widePrefixes: [String] = []

    /// The most matches counted; beyond it the page says "more than".
    public static let countCap = 10_000

    public init(hits: [SearchHit], total: Int, totalIsCapped: Bool, facets: SearchFacets) {
        self.hits = hits
        self.total = total
        self.totalIsCapped = totalIsCapped
        self.facets = facets
    }

    public static let empty = SearchResults(hits: [], total: 0, totalIsCapped: false, facets: SearchFacets())
}

/// One matching article, with the passage that matched.
public struct SearchHit: Hashable, Sendable {
    public var article: ArticleSummary
    public var snippet: Snippet
    /// Higher is better; only comparable within one search.
    public var score: Double

    public init(article: ArticleSummary, snippet: Snippet, score: Double) {
        self.article = article
        self.snippet = snippet
        self.score = score
    }
}

/// A passage of plain text with the matched words marked, kept apart from any markup so the web
/// layer can escape the text and add its own highlighting.
public struct Snippet: Hashable, Sendable {
    public enum Part: Hashable, Sendable {
        case text(String)
        case match(String)
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// What the stores mark a match's start and end with in the text they cut a snippet from:
    /// characters of Unicode's private use area, which no article holds as text of its own.
    public static let matchStart: Character = "\u{E000}"
    public static let matchEnd: Character = "\u{E001}"

    /// Splits text in which matches stand between `open` and `close` markers.
    public init(marked text: String, open: Character = matchStart, close: Character = matchEnd) {
        var parts: [Part] = []
        var current = ""
        var inMatch = false
        for character in text {
            if character == open || character == close {
                if !current.isEmpty { parts.append(inMatch ? .match(current) : .text(current)) }
                current = ""
                inMatch = character == open
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(inMatch ? .match(current) : .text(current)) }
        self.parts = parts
    }

    public var plainText: String {
        parts.map { part in
            switch part {
            case .text(let text), .match(let text): text
            }
        }.joined()
    }
}

/// How the matches spread over sections, topics, authors and years: the links that narrow a search.
public struct SearchFacets: Hashable, Sendable {
    public var sections: [TaxonomyCount<Section>] = []
    public var topics: [TaxonomyCount<Topic>] = []
    public var authors: [TaxonomyCount<Author>] = []
    public var years: [TaxonomyCount<Int>] = []
    /// The counts cover only the newest `SearchFacets.sampleSize` matches.
    public var sampled = false

    public static let sampleSize = 1_000

    public init() {}
}
