import Foundation

/// How "related articles" are chosen, the same in every store: a store gathers candidates (the
/// newest stories of the article's topics and section, and stories whose headlines share its
/// words); this ranks them.
///
/// Shared topics count most, then headline words in common, then the same dateline, then the
/// same desk; among equals the more recent story wins. Never the article itself.
public enum RelatedArticles {
    /// How many a page shows.
    public static let defaultLimit = 5

    /// A story a store found, with what it shares with the article.
    public struct Candidate: Sendable {
        public var summary: ArticleSummary
        public var sharedTopics: Int

        public init(summary: ArticleSummary, sharedTopics: Int) {
            self.summary = summary
            self.sharedTopics = sharedTopics
        }
    }

    public static func rank(_ candidates: [Candidate], for article: Article, limit: Int = defaultLimit)
        -> [ArticleSummary]
    {
        let words = significantWords(in: article.content.headline)
        let place = article.content.dateline?.place
        var best: [Int64: (score: Int, summary: ArticleSummary)] = [:]
        for candidate in candidates where candidate.summary.id != article.id {
            let summary = candidate.summary
            let shared = words.intersection(significantWords(in: summary.headline)).count
            var score = candidate.sharedTopics * 6 + min(shared, 4) * 3
            if let place, summary.dateline == place { score += 2 }
            if summary.section.slug == article.content.section.slug { score += 1 }
            if score > (best[summary.id]?.score ?? -1) { best[summary.id] = (score, summary) }
        }
        return best.values
            .filter { $0.score > 1 }
            .sorted {
                if $0.score != $1.score { return $0.score > $1.score }
                if $0.summary.published.instant != $1.summary.published.instant {
                    return $0.summary.published.instant > $1.summary.published.instant
                }
                return $0.summary.id > $1.summary.id
            }
            .prefix(limit).map(\.summary)
    }

    /// The words of a headline worth matching on: lowercased, without the small words of
    /// English that every headline shares. What a store's full-text index is asked for.
    public static func headlineWords(in headline: String) -> [String] {
        var words: [String] = []
        for token in headline.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let word = String(token)
            guard !stopWords.contains(word), word.count >= 3 || !word.allSatisfy(\.isASCII) else { continue }
            if !words.contains(word) { words.append(word) }
        }
        return words
    }

    /// The same words without a plural or past-tense ending, so "bridges" meets "bridge".
    public static func significantWords(in headline: String) -> Set<String> {
        Set(headlineWords(in: headline).map(stem))
    }

    /// A light stemmer for English plurals and past tenses; other scripts pass unchanged.
    private static func stem(_ word: String) -> String {
        guard word.allSatisfy(\.isASCII), word.count > 4 else { return word }
        if word.hasSuffix("ies") { return word.dropLast(3) + "y" }
        for ending in ["sses", "xes", "ches", "shes", "zes"] where word.hasSuffix(ending) {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s"), !word.hasSuffix("ss") { return String(word.dropLast()) }
        if word.hasSuffix("ing") { return String(word.dropLast(3)) }
        if word.hasSuffix("ed") { return String(word.dropLast(word.hasSuffix("eed") ? 1 : 2)) }
        return word
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "into", "over", "after", "before", "about", "against", "this", "that",
        "its", "his", "her", "their", "our", "are", "was", "were", "has", "have", "had", "will", "not", "but", "new",
        "say", "says", "said", "out", "off", "more", "than", "amid", "as", "at", "by", "in", "of", "on", "to", "up",
        "a", "an", "is", "it", "be", "or", "who", "what", "how", "why", "when", "all", "two", "one",
    ]
}
