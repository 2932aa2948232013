import Foundation

/// A newsroom account: a person or a script that signs in with a password or an API token.
public struct User: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var role: Role
    /// A bcrypt hash; nil for an account that works with API tokens only.
    public var passwordHash: String?
    public var createdAt: Date

    public init(id: Int64, name: String, role: Role, passwordHash: String?, createdAt: Date) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// Whether `name` can be an account's name: the text a person types to sign in, so one line
    /// of visible text; a control character (a newline, a NUL the stores would cut at) never is.
    public static func isAcceptableName(_ name: String) -> Bool {
        !name.trimmingCharacters(in: .whitespaces).isEmpty
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}

/// An API token as the store keeps it: never the token itself, only its SHA-256 hash, so a copy
/// of the database gives no one a way in.
public struct APIToken: Hashable, Sendable {
    public var id: Int64
    public var userName: String
    public var label: String
    public var createdAt: Date
    /// nil: never expires.
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        id: Int64, userName: String, label: String, createdAt: Date, expiresAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.userName = userName
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token lets its holder in at `date`.
    public func isValid(at date: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { date < $0 } ?? true)
    }
}

/// A token about to be stored (`AccountStore.addToken`).
public struct NewToken: Hashable, Sendable {
    public var userName: String
    public var label: String
    /// Lowercase hex SHA-256 of the token text.
    public var hash: String
    public var expiresAt: Date?

    public init(userName: String, label: String, hash: String, expiresAt: Date?) {
        self.userName = userName
        self.label = label
        self.hash = hash
        self.expiresAt = expiresAt
    }
}

/// Who made a change and from where. Every newsroom write carries one; the store records it in
/// the audit log (and, for articles, in the revision) inside the same transaction.
public struct Attribution: Hashable, Sendable {
    /// The account's name, or a name for the machine itself ("scheduler", "cli:root").
    public var actor: String
    /// The account's role, which `WorkflowRules` checks inside the store's transaction; nil for
    /// the machine itself (the operator's command line, the scheduler), trusted as an admin.
    public var role: Role?
    /// The client's address, for changes that came over the network.
    public var address: String?

    public init(actor: String, role: Role? = nil, address: String? = nil) {
        self.actor = actor
        self.role = role
        self.address = address
    }

    /// The server publishing what was scheduled.
    public static let scheduler = Attribution(actor: "scheduler")
}

/// One line of the audit log: who did what to which article, when and from where.
public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    public var at: Date
    public var actor: String
    /// "article.publish", "user.add", "token.revoke", ...
    public var action: String
    public var articleID: Int64?
    public var address: String?
    /// A short human note ("headline, summary", "token 3 (deploy script)").
    public var detail: String

    public init(
        id: Int64, at: Date, actor: String, action: String, articleID: Int64?, address: String?, detail: String
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.articleID = articleID
        self.address = address
        self.detail = detail
    }
}

/// Newsroom accounts, API tokens and the audit log: the part of a store the API's security
/// rests on. SQLite and PostgreSQL implement it as part of `ArticleStore`.
///
/// Writes are audited in the same transaction as the change. Names are compared exactly.
public protocol AccountStore: Sendable {
    /// Adds an account; throws `StoreError.conflict` when the name is taken.
    func addUser(name: String, role: Role, passwordHash: String?, by: Attribution) async throws -> User
    /// Every account, by name.
    func users() async throws -> [User]
    func user(named name: String) async throws -> User?
    /// Removes an account and its tokens; throws `StoreError.notFound` when there is none.
    func removeUser(named name: String, by: Attribution) async throws
    /// Gives an account another role, audited; `StoreError.notFound` when there is none.
    func changeRole(of name: String, to role: Role, by: Attribution) async throws

    /// Stores a token's hash for an existing account (`StoreError.notFound` otherwise).
    func addToken(_ token: NewToken, by: Attribution) async throws -> APIToken
    /// Every token, newest first, revoked and expired ones included.
    func tokens() async throws -> [APIToken]
    /// Marks a token revoked; `StoreError.notFound` when there is no such token.
    func revokeToken(id: Int64, by: Attribution) async throws
    /// The account holding the token with this hash, if the token is neither revoked nor expired at `date`.
    func user(holdingTokenHash hash: String, at date: Date) async throws -> User?
    /// The token with this hash, revoked and expired ones included: how a holder finds the token
    /// they are using, to sign out with it.
    func token(withHash hash: String) async throws -> APIToken?

    /// Adds a line to the audit log for a write the store does not attribute itself (an import
    /// batch sent through the API: its articles go in through `save`).
    func recordAudit(action: String, articleID: Int64?, detail: String, by: Attribution) async throws
    /// The audit log, newest first; `before` continues after an entry id.
    func auditLog(limit: Int, before: Int64?) async throws -> [AuditEntry]
}
