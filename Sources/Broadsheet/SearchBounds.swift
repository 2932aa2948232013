/// How much of a search is ranked: the limits that keep a common word cheap at a million articles.
///
/// Both stores rank the newest `rankingWindow` matches that pass the filters, plus the newest
/// `headlineWindow` matches with every word in the headline, however old, which rank first. The
/// rest is the SQLite store's: its full-text index walks matches without counting them, so it
/// also bounds the walk (`scanLimit`) and the cost of phrases and prefixes; PostgreSQL counts
/// the matches from its text index and needs no such bounds.
public struct SearchBounds: Sendable {
    /// How many of the newest matches that pass the filters are ranked (and, on SQLite, counted
    /// and faceted).
    public var rankingWindow = 1_000
    /// The same for a search with a phrase or a prefix, whose matches cost more to find (SQLite).
    public var costlyWindow = 250
    /// How many matches are read at most to fill the window, each checked against its article
    /// row (SQLite).
    public var scanLimit = 50_000
    /// How many of the newest headline matches are considered, however old. On SQLite each one
    /// older than the window is scored in the full index, one lookup apiece: all of them for a
    /// search of words, the best `costlyHeadlines` by the headline alone for a phrase or a prefix.
    public var headlineWindow = 500
    public var costlyHeadlines = 50

    public init() {}
}
