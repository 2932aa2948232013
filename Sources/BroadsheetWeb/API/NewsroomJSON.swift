import Broadsheet
import Foundation

/// One stored version in `GET /api/v1/articles/{id}/revisions`: who made it, when, why.
struct RevisionSummaryJSON: Encodable {
    var number: Int
    var createdAt: String
    var status: String?
    var madeBy: String?
    var action: String?
    var headline: String

    init(_ revision: Revision) {
        number = revision.number
        createdAt = DateDisplay.rfc3339(revision.createdAt)
        status = revision.status?.rawValue
        madeBy = revision.madeBy
        action = revision.action
        headline = revision.content.headline
    }

    private enum CodingKeys: String, CodingKey {
        case number, status, action, headline
        case createdAt = "created_at"
        case madeBy = "made_by"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(status, forKey: .status)
        try container.encode(madeBy, forKey: .madeBy)
        try container.encode(action, forKey: .action)
        try container.encode(headline, forKey: .headline)
    }
}

/// One revision in full: its record and the article as it stood then.
struct RevisionJSON: Encodable {
    var record: RevisionSummaryJSON
    var article: ArticleJSON

    private enum CodingKeys: String, CodingKey {
        case number, status, action, article
        case createdAt = "created_at"
        case madeBy = "made_by"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.number, forKey: .number)
        try container.encode(record.createdAt, forKey: .createdAt)
        try container.encode(record.status, forKey: .status)
        try container.encode(record.madeBy, forKey: .madeBy)
        try container.encode(record.action, forKey: .action)
        try container.encode(article, forKey: .article)
    }
}

/// A line of the audit log.
struct AuditEntryJSON: Encodable {
    let entry: AuditEntry

    private enum CodingKeys: String, CodingKey {
        case id, at, actor, action, address, detail
        case articleID = "article_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.id, forKey: .id)
        try container.encode(DateDisplay.rfc3339(entry.at), forKey: .at)
        try container.encode(entry.actor, forKey: .actor)
        try container.encode(entry.action, forKey: .action)
        try container.encode(entry.articleID, forKey: .articleID)
        try container.encode(entry.address, forKey: .address)
        try container.encode(entry.detail, forKey: .detail)
    }
}

/// What `POST /api/v1/session` and `POST /api/v1/tokens` give: a token, shown this once.
struct SessionJSON: Encodable {
    var token: String
    var tokenID: Int64
    var user: String
    var role: String
    /// nil: never expires.
    var expiresAt: String?

    private enum CodingKeys: String, CodingKey {
        case token, user, role
        case tokenID = "token_id"
        case expiresAt = "expires_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(tokenID, forKey: .tokenID)
        try container.encode(user, forKey: .user)
        try container.encode(role, forKey: .role)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}

/// An account as admins see it: never its password hash.
struct UserJSON: Encodable {
    let user: User

    private enum CodingKeys: String, CodingKey {
        case name, role
        case hasPassword = "has_password"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user.name, forKey: .name)
        try container.encode(user.role.rawValue, forKey: .role)
        try container.encode(user.passwordHash != nil, forKey: .hasPassword)
        try container.encode(DateDisplay.rfc3339(user.createdAt), forKey: .createdAt)
    }
}

/// A token as admins see it: never the token itself.
struct TokenJSON: Encodable {
    let token: APIToken

    private enum CodingKeys: String, CodingKey {
        case id, user, label
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token.id, forKey: .id)
        try container.encode(token.userName, forKey: .user)
        try container.encode(token.label, forKey: .label)
        try container.encode(DateDisplay.rfc3339(token.createdAt), forKey: .createdAt)
        try container.encode(token.expiresAt.map(DateDisplay.rfc3339), forKey: .expiresAt)
        try container.encode(token.revokedAt.map(DateDisplay.rfc3339), forKey: .revokedAt)
    }
}

/// The import summary, as the command line prints it but for scripts.
struct ImportSummaryJSON: Encodable {
    struct Notice: Encodable {
        var file: String
        var line: Int?
        var reason: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(reason, forKey: .reason)
        }

        private enum CodingKeys: String, CodingKey { case file, line, reason }
    }

    var created: Int
    var updated: Int
    var unchanged: Int
    var older: [Notice]
    var failed: [Notice]
    /// Stories filed after a repair (`IngestRepair`), each with its file and line.
    var warnings: [Notice]
    var succeeded: Bool
    var summary: String
}

/// A scheduled publication accepted: when the article will appear.
struct ScheduleJSON: Encodable {
    var id: Int64
    var status: String
    var publishAt: String

    private enum CodingKeys: String, CodingKey {
        case id, status
        case publishAt = "publish_at"
    }
}
