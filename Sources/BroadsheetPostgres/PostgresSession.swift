import Logging
import PostgresNIO

/// One leased connection and the logger its queries report to: what every statement of one
/// store operation runs on, so a transaction's statements share its connection.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// The first column of the first row, or nil when there is no row or it is NULL.
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws
        -> Value?
    {
        guard let cell = try await row(query)?[0], cell.bytes != nil else { return nil }
        return try cell.decode(Value.self)
    }

    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }
}

extension PostgresRandomAccessRow {
    /// The named column, decoded: `let id: Int64 = try row("id")`.
    func callAsFunction<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try self[column].decode(Value.self)
    }
}

/// SQL text with numbered placeholders and the values bound to them, for statements whose shape
/// depends on the request (filters, lists of ids). The text is only ever our own constants;
/// every value a user gave goes in through `bind`.
struct BoundSQL {
    private(set) var sql: String
    private(set) var bindings = PostgresBindings()

    init(_ sql: String = "") {
        self.sql = sql
    }

    /// Binds `value` and returns its placeholder (`$3`).
    mutating func bind<Value: PostgresNonThrowingEncodable>(_ value: Value?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    mutating func append(_ text: String) {
        sql += text
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
