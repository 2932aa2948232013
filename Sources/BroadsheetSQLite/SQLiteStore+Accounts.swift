import Broadsheet
import Foundation
import GRDB

extension SQLiteStore {
    public func addUser(name: String, role: Role, passwordHash: String?, by: Attribution) async throws -> User {
        try await perform("adding the account '\(name)'") {
            try await database.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE name = ?", arguments: [name]) == true {
                    throw StoreError.conflict("an account named '\(name)' exists already")
                }
                let now = Date()
                try db.execute(
                    sql: "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [name, role.rawValue, passwordHash, StoredTime.seconds(now)])
                let id = db.lastInsertedRowID
                try Audit.record(db, by, action: "user.add", detail: "\(name) as \(role.rawValue)", at: now)
                return User(
                    id: id, name: name, role: role, passwordHash: passwordHash,
                    createdAt: StoredTime.instant(StoredTime.seconds(now)))
            }
        }
    }

    public func users() async throws -> [User] {
        try await perform("listing the accounts") {
            try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(Self.user)
            }
        }
    }

    public func user(named name: String) async throws -> User? {
        try await perform("reading the account '\(name)'") {
            try await database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map(Self.user)
            }
        }
    }

    public func removeUser(named name: String, by: Attribution) async throws {
        try await perform("removing the account '\(name)'") {
            try await database.write { db in
                try db.execute(sql: "DELETE FROM users WHERE name = ?", arguments: [name])
                guard db.changesCount == 1 else { throw StoreError.notFound("no account is named '\(name)'") }
                try Audit.record(db, by, action: "user.remove", detail: name)
            }
        }
    }

    public func changeRole(of name: String, to role: Role, by: Attribution) async throws {
        try await perform("changing the role of '\(name)'") {
            try await database.write { db in
                guard let old = try String.fetchOne(db, sql: "SELECT role FROM users WHERE name = ?", arguments: [name])
                else { throw StoreError.notFound("no account is named '\(name)'") }
                try db.execute(sql: "UPDATE users SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
                try Audit.record(db, by, action: "user.role", detail: "\(name): \(old) to \(role.rawValue)")
            }
        }
    }

    public func addToken(_ token: NewToken, by: Attribution) async throws -> APIToken {
        try await perform("adding a token for '\(token.userName)'") {
            try await database.write { db in
                guard
                    let userID = try Int64.fetchOne(
                        db, sql: "SELECT id FROM users WHERE name = ?", arguments: [token.userName])
                else { throw StoreError.notFound("no account is named '\(token.userName)'") }
                let now = Date()
                try db.execute(
                    sql: """
                        INSERT INTO api_tokens (user_id, label, token_hash, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        userID, token.label, token.hash, StoredTime.seconds(now),
                        token.expiresAt.map(StoredTime.seconds),
                    ])
                let id = db.lastInsertedRowID
                let shown = token.label.isEmpty ? "" : " (\(token.label))"
                try Audit.record(db, by, action: "token.create", detail: "token \(id)\(shown) for \(token.userName)")
                return try Self.token(Row.fetchOne(db, sql: StoreSQL.tokenSelect + " WHERE t.id = ?", arguments: [id])!)
            }
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await perform("listing the tokens") {
            try await database.read { db in
                try Row.fetchAll(db, sql: StoreSQL.tokenSelect + " ORDER BY t.id DESC").map(Self.token)
            }
        }
    }

    public func revokeToken(id: Int64, by: Attribution) async throws {
        try await perform("revoking token \(id)") {
            try await database.write { db in
                guard let row = try Row.fetchOne(db, sql: StoreSQL.tokenSelect + " WHERE t.id = ?", arguments: [id])
                else {
                    throw StoreError.notFound("there is no token \(id)")
                }
                try db.execute(
                    sql: "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                    arguments: [StoredTime.seconds(Date()), id])
                try Audit.record(
                    db, by, action: "token.revoke",
                    detail: "token \(id) of \(try row.decode(String.self, forColumn: "user_name"))")
            }
        }
    }

    public func user(holdingTokenHash hash: String, at date: Date) async throws -> User? {
        try await perform("checking a token") {
            try await database.read { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)
                        """,
                    arguments: [hash, date.timeIntervalSince1970]
                ).map(Self.user)
            }
        }
    }

    public func token(withHash hash: String) async throws -> APIToken? {
        try await perform("finding a token") {
            try await database.read { db in
                try Row.fetchOne(db, sql: StoreSQL.tokenSelect + " WHERE t.token_hash = ?", arguments: [hash]).map(
                    Self.token)
            }
        }
    }

    public func recordAudit(action: String, articleID: Int64?, detail: String, by: Attribution) async throws {
        try await perform("writing the audit log") {
            try await database.write { db in
                try Audit.record(db, by, action: action, articleID: articleID, detail: detail)
            }
        }
    }

    public func auditLog(limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await perform("reading the audit log") {
            try await database.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?",
                    arguments: [before ?? Int64.max, max(1, limit)]
                ).map(Self.auditEntry)
            }
        }
    }

    static func auditEntry(_ row: Row) throws -> AuditEntry {
        AuditEntry(
            id: try row.decode(forColumn: "id"), at: Date(timeIntervalSince1970: try row.decode(forColumn: "at")),
            actor: try row.decode(forColumn: "actor"), action: try row.decode(forColumn: "action"),
            articleID: try row.decode(forColumn: "article_id"), address: try row.decode(forColumn: "address"),
            detail: try row.decode(forColumn: "detail"))
    }

    static func token(_ row: Row) throws -> APIToken {
        APIToken(
            id: try row.decode(forColumn: "id"), userName: try row.decode(forColumn: "user_name"),
            label: try row.decode(forColumn: "label"),
            createdAt: StoredTime.instant(try row.decode(forColumn: "created_at")),
            expiresAt: (try row.decode(Int64?.self, forColumn: "expires_at")).map(StoredTime.instant),
            revokedAt: (try row.decode(Int64?.self, forColumn: "revoked_at")).map(StoredTime.instant))
    }

    static func user(_ row: Row) throws -> User {
        User(
            id: try row.decode(forColumn: "id"), name: try row.decode(forColumn: "name"),
            role: Role(rawValue: try row.decode(forColumn: "role")) ?? .contributor,
            passwordHash: try row.decode(forColumn: "password_hash"),
            createdAt: StoredTime.instant(try row.decode(forColumn: "created_at")))
    }
}

/// The audit log's one writer: every newsroom write adds its line inside its own transaction.
enum Audit {
    static func record(
        _ db: Database, _ by: Attribution, action: String, articleID: Int64? = nil, detail: String, at: Date = Date()
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, actor, action, article_id, address, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [at.timeIntervalSince1970, by.actor, action, articleID, by.address, detail])
    }
}
