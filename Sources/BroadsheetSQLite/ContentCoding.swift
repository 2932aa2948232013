import Broadsheet
import Foundation

/// How an `ArticleContent` is kept in a TEXT column: canonical JSON, so equal contents give
/// equal text and "the same version again" is a string comparison.
enum ContentCoding {
    static func encode(_ content: ArticleContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> ArticleContent {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(ArticleContent.self, from: Data(text.utf8))
    }
}
