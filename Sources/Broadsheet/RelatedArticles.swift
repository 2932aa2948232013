import Foundation

/// How "related articles" are chosen, the same in every store: a store gathers candidates (of the
/// published stories filed before the article, the last filed of its topics and section, and of
/// those whose headlines share its words); this ranks them.
///
/// Only earlier stories, so a story's box stays as it was when later ones are filed: its page is
/// the same for a reader's bookmark, a CDN's copy and a repeat static export, which then renders
/// no old page for a day's new stories. A story leads to its follow-ups through its topics' pages.
///
/// Shared topics count most, then headline words in common, then the same dateline, then the
/// same desk; among equals the more recent story wins. Never the article itself.
public enum RelatedArticles {
    /// How many a page shows.
    public static let defaultLimit = 5
    /// How many of the stories filed last before the article whose headlines share a word with it a
    /// box weighs.
    public static let headlineMatches = 200

    /// A story a store found: what the ranking weighs, and nothing more, so a store reads a few
    /// columns of hundreds of candidates and whole summaries of the few it shows. The headline is
    /// kept as its word keys, worked out once: an export's memo holds a candidate for every page.
    public struct Candidate: Sendable {
        public var id: Int64
        let headlineKeys: HeadlineKeys
        public var dateline: String?
        public var sectionSlug: String
        public var published: Date
        public var sharedTopics: Int

        public init(
            id: Int64, headline: String, dateline: String?, sectionSlug: String, published: Date, sharedTopics: Int
        ) {
            self.id = id
            self.headlineKeys = HeadlineKeys(HeadlineWordKeys.remembered(in: headline))
            self.dateline = dateline
            self.sectionSlug = sectionSlug
            self.published = published
            self.sharedTopics = sharedTopics
        }
    }

    /// The ids of the `limit` best candidates, best first.
    public static func rank(_ candidates: [Candidate], for article: Article, limit: Int = defaultLimit) -> [Int64] {
        guard limit > 0 else { return [] }
        // A handful of keys: a look along an array is cheaper than hashing each candidate's.
        let words = HeadlineWordKeys.keys(in: article.content.headline)
        let place = article.content.dateline?.place
        let section = article.content.section.slug.rawValue
        // The best `limit` so far, best first: a page shows five of a few hundred candidates, and
        // keeping five was cheaper than a table of all of them sorted whole.
        var best: [Ranked] = []
        best.reserveCapacity(limit + 1)
        for candidate in candidates where candidate.id != article.id {
            let shared = candidate.headlineKeys.shared(with: words)
            var score = candidate.sharedTopics * 6 + min(shared, 4) * 3
            if let place, candidate.dateline == place { score += 2 }
            if candidate.sectionSlug == section { score += 1 }
            guard score > 1 else { continue }
            let ranked = Ranked(id: candidate.id, score: score, published: candidate.published)
            // A story met twice keeps its best score.
            if let held = best.firstIndex(where: { $0.id == ranked.id }) {
                guard score > best[held].score else { continue }
                best.remove(at: held)
            }
            guard best.count < limit || ranked.precedes(best[best.count - 1]) else { continue }
            best.insert(ranked, at: best.firstIndex { ranked.precedes($0) } ?? best.count)
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.id)
    }

    /// A candidate as ranked: higher score first, then the more recent, then the higher id.
    private struct Ranked {
        var id: Int64
        var score: Int
        var published: Date

        func precedes(_ other: Ranked) -> Bool {
            if score != other.score { return score > other.score }
            if published != other.published { return published > other.published }
            return id > other.id
        }
    }

    /// `summaries` in the order of `ranked` (what `rank` chose), any missing left out.
    public static func ordered(_ summaries: [ArticleSummary], as ranked: [Int64]) -> [ArticleSummary] {
        let byID = Dictionary(summaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ranked.compactMap { byID[$0] }
    }

    /// The words of a headline worth matching on: lowercased, without the small words of
    /// English that every headline shares. What a store's full-text index is asked for.
    public static func headlineWords(in headline: String) -> [String] {
        if headline.utf8.allSatisfy({ $0 < 0x80 }) { return asciiHeadlineWords(in: headline) }
        var words: [String] = []
        for token in headline.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let word = String(token)
            guard !stopWords.contains(word), word.count >= 3 || !word.allSatisfy(\.isASCII) else { continue }
            if !words.contains(word) { words.append(word) }
        }
        return words
    }

    /// `headlineWords` of a headline that is all ASCII, byte by byte: the same words, without the
    /// cost of grapheme clusters and Unicode properties (most of a cold article page's ranking).
    /// With `stemmed`, each word comes as `stem` would leave it (worked on bytes), and repeats
    /// are left for the caller's set to drop.
    private static func asciiHeadlineWords(in headline: String, stemmed: Bool = false) -> [String] {
        var words: [String] = []
        forEachASCIIWord(in: headline) { word in
            let text = String(decoding: word, as: UTF8.self)
            guard !stopWords.contains(text), text.utf8.count >= 3 else { return }
            if stemmed {
                words.append(asciiStem(word) ?? text)
            } else if !words.contains(text) {
                words.append(text)
            }
        }
        return words
    }

    /// Each word of an ASCII headline, lowercased: its runs of letters and digits.
    static func forEachASCIIWord(in headline: String, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(24)
        for byte in headline.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { body(word) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { body(word) }
    }

    /// The same words without a plural or past-tense ending, so "bridges" meets "bridge".
    public static func significantWords(in headline: String) -> Set<String> {
        // Ranking reads hundreds of candidates' headlines for a page: most are ASCII, done on bytes.
        if headline.utf8.allSatisfy({ $0 < 0x80 }) { return Set(asciiHeadlineWords(in: headline, stemmed: true)) }
        return Set(headlineWords(in: headline).map(stem))
    }

    /// The stemmer's rules, on a lowercase ASCII word's bytes; nil when the word stays as it is.
    private static func asciiStem(_ word: [UInt8]) -> String? {
        asciiStemRule(word).map { String(decoding: word.dropLast($0.drop), as: UTF8.self) + "\($0.tail)" }
    }

    /// What the stemmer does to a lowercase ASCII word: how many bytes it drops from the end and
    /// what it adds; nil when the word stays as it is. Said once for `asciiStem` and the word keys
    /// ranking compares (`HeadlineWordKeys`).
    static func asciiStemRule(_ word: [UInt8]) -> (drop: Int, tail: StaticString)? {
        guard word.count > 4 else { return nil }
        func ends(_ suffix: String) -> Bool {
            word.count >= suffix.utf8.count && word.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
        }
        if ends("ies") { return (3, "y") }
        for ending in ["sses", "xes", "ches", "shes", "zes"] where ends(ending) { return (2, "") }
        if ends("s"), !ends("ss") { return (1, "") }
        if ends("ing") { return (3, "") }
        if ends("ed") { return (ends("eed") ? 1 : 2, "") }
        return nil
    }

    /// A light stemmer for English plurals and past tenses; other scripts pass unchanged.
    private static func stem(_ word: String) -> String {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        return asciiStem(Array(word.utf8)) ?? word
    }

    static let stopWords: Set<String> = [
        "the", "and", "for", "with", "from", "into", "over", "after", "before", "about", "against", "this", "that",
        "its", "his", "her", "their", "our", "are", "was", "were", "has", "have", "had", "will", "not", "but", "new",
        "say", "says", "said", "out", "off", "more", "than", "amid", "as", "at", "by", "in", "of", "on", "to", "up",
        "a", "an", "is", "it", "be", "or", "who", "what", "how", "why", "when", "all", "two", "one",
    ]
}
