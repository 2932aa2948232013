import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Shared setup for the XML formats' tests: a fictional paper and the fixtures under `Fixtures/`.
enum XMLFixtures {
    static let karachi = TimeZone(identifier: "Asia/Karachi")!

    /// A fictional island paper; "Saltmarsh" is one of its own sections.
    static let publication = Publication(
        name: "The Saltmarsh Gazette", baseURL: "https://saltmarsh.example", timeZone: karachi,
        sections: Publication.defaultSections + ["Saltmarsh"])

    /// The bytes of `Fixtures/<path>`.
    static func data(_ path: String) throws -> Data {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: folder.appending(path: path))
    }

    /// The articles of a read, failing the test on the first error.
    static func articles(
        _ results: [Result<ParsedArticle, FormatError>], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [ParsedArticle] {
        try results.map { result in
            switch result {
            case .success(let article): return article
            case .failure(let error):
                Issue.record("expected an article, got \(error)", sourceLocation: sourceLocation)
                throw error
            }
        }
    }

    /// The one error of a read.
    static func error(
        _ results: [Result<ParsedArticle, FormatError>], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> FormatError {
        try #require(results.count == 1, "expected one result, found \(results.count)", sourceLocation: sourceLocation)
        guard case .failure(let error) = results[0] else {
            Issue.record("expected an error, read \(results[0])", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return error
    }

    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }
}
