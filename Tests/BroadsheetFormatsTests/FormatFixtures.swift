import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Reading the fixtures of the JSON and Markdown formats, and the results they give.
enum FormatFixtures {
    /// The bytes of `Fixtures/<folder>/<name>`.
    static func data(_ folder: String, _ name: String) throws -> Data {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: fixtures.appending(path: "\(folder)/\(name)"))
    }

    /// The one article a reader finds in `data`; fails the test with the reader's error otherwise.
    static func article(
        _ reader: some ArticleReader, _ data: Data, file: String = "story",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ParsedArticle {
        let results = reader.read(data, file: file)
        try #require(results.count == 1, "expected one article, found \(results.count)", sourceLocation: sourceLocation)
        return try results[0].get()
    }

    /// Each result as the article's headline or the error's `line: message`.
    static func outline(_ results: [Result<ParsedArticle, FormatError>]) -> [String] {
        results.map { result in
            switch result {
            case .success(let article): "\(article.line): \(article.content.headline)"
            case .failure(let error): "\(error.line.map(String.init) ?? "-"): error: \(error.message)"
            }
        }
    }
}
