import Broadsheet
import Foundation

/// Where a PostgreSQL archive lives, read from the URL an operator gives `--db`:
/// `postgres://user:password@host:5432/name?sslmode=require`.
///
/// `sslmode` means what it means to libpq: `disable`; `allow` and `prefer` (the default) use TLS
/// when the server offers it; `require` insists on it without checking the certificate;
/// `verify-ca` and `verify-full` insist and check it. `search_path` puts the archive's tables in
/// a schema other than the user's default, so one database can hold several archives.
public struct PostgresLocation: Hashable, Sendable {
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    public var schema: String?

    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String,
        tls: TLSMode = .prefer, schema: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.schema = schema
    }

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws(StoreError) {
        func refuse(_ reason: String) -> StoreError {
            .database(operation: "reading the database URL", message: reason)
        }
        guard Self.isURL(text), let url = URLComponents(string: text) else {
            throw refuse("expected postgres://user:password@host:port/database, got something else")
        }
        guard let host = url.host, !host.isEmpty else { throw refuse("the URL names no host") }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw refuse("the URL names no database (…/name after the host)") }
        var tls = TLSMode.prefer
        var schema: String?
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw refuse(
                        "sslmode=\(item.value ?? "") is not one of "
                            + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
                }
                tls = mode
            case "search_path":
                schema = item.value.flatMap { $0.isEmpty ? nil : $0 }
            default:
                throw refuse("unknown URL parameter '\(item.name)'; known: sslmode, search_path")
            }
        }
        self.init(
            host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
            database: database, tls: tls, schema: schema)
    }

    /// The URL without its password: what messages and logs show.
    public var redacted: String {
        var parameters: [String] = []
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        if let schema { parameters.append("search_path=\(schema)") }
        let query = parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return "postgres://\(username)@\(host):\(port)/\(database)\(query)"
    }
}
