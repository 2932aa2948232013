import Foundation

/// How a store keeps an `ArticleContent`: canonical JSON, so equal contents give equal text and
/// "the same version again" is a comparison. Both stores write it, so an archive moves between them as is.
public enum ContentCoding {
    public static func encode(_ content: ArticleContent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(content), as: UTF8.self)
    }

    /// The content `text` holds: read by `ContentJSONReader` when it can be sure, else by
    /// `JSONDecoder`, whose errors say what is wrong.
    public static func decode(_ text: String) throws -> ArticleContent {
        if let content = ContentJSONReader.content(text) { return content }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(ArticleContent.self, from: Data(text.utf8))
    }
}
