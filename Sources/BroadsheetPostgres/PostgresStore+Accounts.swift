import Broadsheet
import Foundation
import PostgresNIO

extension PostgresStore {
    public func addUser(name: String, role: Role, passwordHash: String?, by: Attribution) async throws -> User {
        try await write("adding the account '\(name)'") { session in
            let now = Date()
            // ON CONFLICT rather than a look first: two servers adding the same name cannot both win.
            let id = try await session.value(
                """
                INSERT INTO users (name, role, password_hash, created_at)
                VALUES (\(name), \(role.rawValue), \(passwordHash), \(StoredTime.seconds(now)))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """, as: Int64.self)
            guard let id else { throw StoreError.conflict("an account named '\(name)' exists already") }
            try await PostgresAudit.record(
                session, by, action: "user.add", detail: "\(name) as \(role.rawValue)", at: now)
            return User(
                id: id, name: name, role: role, passwordHash: passwordHash,
                createdAt: StoredTime.instant(StoredTime.seconds(now)))
        }
    }

    public func users() async throws -> [User] {
        try await read("listing the accounts") { session in
            try await session.rows("SELECT * FROM users ORDER BY name").map(Self.user)
        }
    }

    public func user(named name: String) async throws -> User? {
        try await read("reading the account '\(name)'") { session in
            try await session.row("SELECT * FROM users WHERE name = \(name)").map(Self.user)
        }
    }

    public func removeUser(named name: String, by: Attribution) async throws {
        try await write("removing the account '\(name)'") { session in
            guard try await session.value("DELETE FROM users WHERE name = \(name) RETURNING id", as: Int64.self) != nil
            else { throw StoreError.notFound("no account is named '\(name)'") }
            try await PostgresAudit.record(session, by, action: "user.remove", detail: name)
        }
    }

    public func changeRole(of name: String, to role: Role, by: Attribution) async throws {
        try await write("changing the role of '\(name)'") { session in
            guard
                let old = try await session.value(
                    "SELECT role FROM users WHERE name = \(name) FOR UPDATE", as: String.self)
            else { throw StoreError.notFound("no account is named '\(name)'") }
            try await session.execute("UPDATE users SET role = \(role.rawValue) WHERE name = \(name)")
            try await PostgresAudit.record(
                session, by, action: "user.role", detail: "\(name): \(old) to \(role.rawValue)")
        }
    }

    public func addToken(_ token: NewToken, by: Attribution) async throws -> APIToken {
        try await write("adding a token for '\(token.userName)'") { session in
            guard
                let userID = try await session.value(
                    "SELECT id FROM users WHERE name = \(token.userName)", as: Int64.self)
            else { throw StoreError.notFound("no account is named '\(token.userName)'") }
            let now = Date()
            let id = try await session.value(
                """
                INSERT INTO api_tokens (user_id, label, token_hash, created_at, expires_at)
                VALUES (\(userID), \(token.label), \(token.hash), \(StoredTime.seconds(now)), \(token.expiresAt.map(StoredTime.seconds)))
                RETURNING id
                """, as: Int64.self)
            guard let id else { throw StoreError.database(operation: "adding a token", message: "no id came back") }
            let shown = token.label.isEmpty ? "" : " (\(token.label))"
            try await PostgresAudit.record(
                session, by, action: "token.create", detail: "token \(id)\(shown) for \(token.userName)", at: now)
            guard let row = try await session.row("\(unescaped: StoreSQL.tokenSelect) WHERE t.id = \(id)") else {
                throw StoreError.notFound("there is no token \(id)")
            }
            return try Self.token(row)
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await read("listing the tokens") { session in
            try await session.rows("\(unescaped: StoreSQL.tokenSelect) ORDER BY t.id DESC").map(Self.token)
        }
    }

    public func revokeToken(id: Int64, by: Attribution) async throws {
        try await write("revoking token \(id)") { session in
            guard
                let owner = try await session.value(
                    """
                    UPDATE api_tokens t SET revoked_at = coalesce(t.revoked_at, \(StoredTime.seconds(Date())))
                    FROM users u WHERE u.id = t.user_id AND t.id = \(id)
                    RETURNING u.name
                    """, as: String.self)
            else { throw StoreError.notFound("there is no token \(id)") }
            try await PostgresAudit.record(session, by, action: "token.revoke", detail: "token \(id) of \(owner)")
        }
    }

    public func user(holdingTokenHash hash: String, at date: Date) async throws -> User? {
        try await read("checking a token") { session in
            try await session.row(
                """
                SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = \(hash) AND t.revoked_at IS NULL
                    AND (t.expires_at IS NULL OR t.expires_at > \(date.timeIntervalSince1970))
                """
            ).map(Self.user)
        }
    }

    public func token(withHash hash: String) async throws -> APIToken? {
        try await read("finding a token") { session in
            try await session.row("\(unescaped: StoreSQL.tokenSelect) WHERE t.token_hash = \(hash)").map(Self.token)
        }
    }

    public func recordAudit(action: String, articleID: Int64?, detail: String, by: Attribution) async throws {
        try await write("writing the audit log") { session in
            try await PostgresAudit.record(session, by, action: action, articleID: articleID, detail: detail)
        }
    }

    public func auditLog(limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await read("reading the audit log") { session in
            try await session.rows(
                """
                SELECT * FROM audit_log WHERE id < \(before ?? Int64.max) ORDER BY id DESC LIMIT \(max(1, limit))
                """
            ).map(Self.auditEntry)
        }
    }

    static func token(_ row: PostgresRandomAccessRow) throws -> APIToken {
        APIToken(
            id: try row("id"), userName: try row("user_name"), label: try row("label"),
            createdAt: StoredTime.instant(try row("created_at")),
            expiresAt: try row("expires_at", as: Int64?.self).map(StoredTime.instant),
            revokedAt: try row("revoked_at", as: Int64?.self).map(StoredTime.instant))
    }

    static func user(_ row: PostgresRandomAccessRow) throws -> User {
        User(
            id: try row("id"), name: try row("name"), role: Role(rawValue: try row("role")) ?? .contributor,
            passwordHash: try row("password_hash"), createdAt: StoredTime.instant(try row("created_at")))
    }

    static func auditEntry(_ row: PostgresRandomAccessRow) throws -> AuditEntry {
        AuditEntry(
            id: try row("id"), at: Date(timeIntervalSince1970: try row("at")), actor: try row("actor"),
            action: try row("action"), articleID: try row("article_id"), address: try row("address"),
            detail: try row("detail"))
    }
}

/// The audit log's one writer: every newsroom write adds its line inside its own transaction.
enum PostgresAudit {
    static func record(
        _ session: PostgresSession, _ by: Attribution, action: String, articleID: Int64? = nil, detail: String,
        at: Date = Date()
    ) async throws {
        try await session.execute(
            """
            INSERT INTO audit_log (at, actor, action, article_id, address, detail)
            VALUES (\(at.timeIntervalSince1970), \(by.actor), \(action), \(articleID), \(by.address), \(detail))
            """)
    }
}
