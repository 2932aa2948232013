/// Which stored story an imported version may update.
///
/// A source URI (a guid, a ninjs `uri`) is only as trustworthy as whoever sent it. An import may
/// update a story that an import filed in the same format; a URI that matches a story the newsroom
/// made itself, or one filed in another format, is refused and reported, never an overwrite.
public enum ImportIdentity {
    /// The revision action of a story an import filed (`ArticleWriter` in both stores); nil is a
    /// story stored before revisions named their action, which only imports made.
    public static let importAction = "import"

    public static func checkUpdate(
        of id: Int64, storedFormat: String, firstAction: String?, by content: ArticleContent
    ) throws(StoreError) {
        let uri = content.source.uri.prefix(200)
        if let firstAction, firstAction != importAction {
            throw .conflict(
                "the source URI '\(uri)' belongs to article \(id), which the newsroom made itself; "
                    + "this \(content.source.format) copy was not applied")
        }
        if storedFormat != content.source.format {
            throw .conflict(
                "the source URI '\(uri)' belongs to article \(id), filed as \(storedFormat); "
                    + "this \(content.source.format) copy was not applied")
        }
    }
}
