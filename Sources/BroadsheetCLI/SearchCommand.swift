import ArgumentParser
import Broadsheet
import BroadsheetWeb
import Foundation

/// `broadsheet search`: the site's search, from a terminal or a script.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the archive the way the site does.",
        discussion: """
            Every word must match. "quotes" find a phrase, -word excludes, word* matches a prefix, \
            OR joins alternatives, headline:word looks only in headlines, author:name filters by author.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var paper: PublicationOptions

    @Argument(help: "What to search for.")
    var words: [String]

    @Option(help: "How many results to show (1 to \(SearchQuery.maximumLimit)).")
    var limit: Int = 10

    @Flag(help: "Sort newest first instead of by relevance.")
    var newest = false

    @Flag(help: "Print the API's JSON instead of text.")
    var json = false

    func validate() throws {
        guard (1...SearchQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit \(limit): expected a whole number from 1 to \(SearchQuery.maximumLimit)")
        }
    }

    func run() async throws {
        var output = StandardOutput()
        try await execute(output: &output)
    }

    func execute(output: inout some TextOutputStream) async throws {
        let query = SearchQuery(words.joined(separator: " "), sort: newest ? .newest : .relevance, limit: limit)
        guard !query.expression.isEmpty else {
            throw ValidationError("nothing to search for in '\(words.joined(separator: " "))'; give at least one word")
        }
        let (publication, results) = try await self.store.withStore { store in
            (try await paper.publication(remembering: store), try await store.search(query))
        }
        if json {
            print(try SearchResultsText.json(results, publication: publication), to: &output)
            return
        }
        print(SearchResultsText.plain(results, for: query, publication: publication), terminator: "", to: &output)
    }
}

/// How `broadsheet search` prints results.
enum SearchResultsText {
    static func plain(_ results: SearchResults, for query: SearchQuery, publication: Publication) -> String {
        let count = results.totalIsCapped ? "More than \(results.total) results" : "\(results.total) results"
        var text = "\(count) for \(query.expression.description)\n"
        for prefix in results.widePrefixes {
            text +=
                "Many words begin with '\(prefix)': this search used the \(SearchVocabulary.wordsPerPrefix) commonest.\n"
        }
        let dates = Calendar.gregorian(in: publication.timeZone)
        for hit in results.hits {
            let day = EditionDate(hit.article.published.instant, in: dates.timeZone).printed
            text += "\n\(hit.article.headline)\n"
            text += "  \(day) · \(hit.article.section.name)\(hit.article.byline.map { " · \($0)" } ?? "")\n"
            let snippet = hit.snippet.parts.map { part -> String in
                switch part {
                case .text(let text): text
                case .match(let text): "[" + text + "]"
                }
            }.joined()
            text += "  \(snippet)\n"
            text += "  \(hit.article.siteURL.url(in: publication))\n"
        }
        return text
    }

    static func json(_ results: SearchResults, publication: Publication) throws -> String {
        struct Hit: Encodable {
            var id: Int64
            var headline: String
            var url: String
            var published_at: String
            var snippet: String
            var score: Double
        }
        struct Document: Encodable {
            var items: [Hit]
            var total: Int
        }
        let formatter = ISO8601DateFormatter()
        let document = Document(
            items: results.hits.map { hit in
                Hit(
                    id: hit.article.id, headline: hit.article.headline, url: hit.article.siteURL.url(in: publication),
                    published_at: formatter.string(from: hit.article.published.instant), snippet: hit.snippet.plainText,
                    score: (hit.score * 1000).rounded() / 1000)
            }, total: results.total)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }
}
