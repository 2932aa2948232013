/// A story checked and in the form a store files it: its stored JSON (`ContentCoding`) and the
/// written words a prefix search looks up (`SearchVocabulary`).
///
/// A store writes on one connection at a time, so whatever it works out inside its write lock
/// is time no other write can use. Preparing is pure work on the story alone: an import does it
/// while reading the files, on another core, as the batch before is being written.
public struct PreparedArticle: Sendable {
    public let content: ArticleContent
    public let json: String
    /// The distinct folded words of the headline, summary and body.
    public let words: Set<String>
}

extension ArticleContent {
    /// The content checked and in its stored form, or why it cannot be stored.
    public func prepareForStore() -> Result<PreparedArticle, StoreError> {
        do {
            try validate()
            return .success(
                PreparedArticle(
                    content: self, json: try ContentCoding.encode(self),
                    words: SearchVocabulary.words(in: headline, summary ?? "", bodyText)))
        } catch let error as StoreError {
            return .failure(error)
        } catch {
            return .failure(.invalidContent(field: "content", reason: "cannot be encoded: \(error)"))
        }
    }
}
