import Foundation

/// How imports and feeds file stories: by source URI, keeping every version. Kept apart from
/// the newsroom's workflow because an import does not act as a person and is audited as a batch.
public protocol ArticleFiling: Sendable {
    /// Files several stories at once, each on its own: one that fails is rolled back alone and
    /// reported in its place (as does one that could not be prepared), the others are kept.
    /// Faster than one `save` each, as the batch shares one commit.
    ///
    /// The same content again changes nothing; a newer version makes a new revision; an older
    /// one (by `versionInstant`) is reported as stale and ignored.
    func save(_ articles: [Result<PreparedArticle, StoreError>], status: ArticleStatus) async throws -> [Result<
        SaveOutcome, StoreError
    >]
}

extension ArticleFiling {
    /// Files one version of a story, identified by `content.source.uri`: a batch of one.
    public func save(_ content: ArticleContent, status: ArticleStatus) async throws -> SaveOutcome {
        try await save([content], status: status)[0].get()
    }

    /// Prepares the stories here, then files them as a batch.
    public func save(_ contents: [ArticleContent], status: ArticleStatus) async throws -> [Result<
        SaveOutcome, StoreError
    >] {
        try await save(contents.map { $0.prepareForStore() }, status: status)
    }
}
