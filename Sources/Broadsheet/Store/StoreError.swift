import Foundation

/// Why a store could not do what it was asked.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The content breaks a rule of the model (an empty headline, say); names the field.
    case invalidContent(field: String, reason: String)
    /// The database refused or failed; `operation` says what we were doing.
    case database(operation: String, message: String)
    /// The database was written by a newer Broadsheet than this one.
    case schemaTooNew(found: String)
    /// No article, account or token is what was asked for; says which.
    case notFound(String)
    /// The change collides with what is stored: a taken name, a newer revision, a status the
    /// change does not apply to.
    case conflict(String)
    /// The account's role does not allow the change in the article's present state.
    case forbidden(String)

    public var description: String {
        switch self {
        case .invalidContent(let field, let reason): "invalid \(field): \(reason)"
        case .database(let operation, let message): "database error while \(operation): \(message)"
        case .schemaTooNew(let found):
            "the database schema (\(found)) is newer than this broadsheet; upgrade broadsheet"
        case .notFound(let what): "not found: \(what)"
        case .conflict(let message): "conflict: \(message)"
        case .forbidden(let message): "forbidden: \(message)"
        }
    }
}
