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

/// SQL whose values stand beside their placeholders, as in `PostgresQuery`'s own literals, and
/// which can hold other pieces of itself: for statements whose shape depends on the request
/// (filters, optional clauses). The literal's text is ours; every interpolated value is bound
/// (`$n`); `\(sql:)` splices text of our own, such as a column list, never a value.
struct BoundSQL: ExpressibleByStringInterpolation {
    fileprivate enum Piece {
        case text(String)
        case value((inout PostgresBindings) -> Void)
    }

    fileprivate var pieces: [Piece]

    init(stringLiteral text: String) {
        pieces = [.text(text)]
    }

    init(stringInterpolation: StringInterpolation) {
        pieces = stringInterpolation.pieces
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var pieces: [Piece] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) {
            pieces.append(.text(literal))
        }

        /// A value, bound in this place (NULL for nil).
        mutating func appendInterpolation<Value: PostgresNonThrowingEncodable>(_ value: Value?) {
            pieces.append(.value { $0.append(value) })
        }

        /// Another piece, its values bound in their own places.
        mutating func appendInterpolation(_ piece: BoundSQL) {
            pieces += piece.pieces
        }

        /// SQL text of our own.
        mutating func appendInterpolation(sql text: String) {
            pieces.append(.text(text))
        }
    }

    static func += (sql: inout BoundSQL, more: BoundSQL) {
        sql.pieces += more.pieces
    }

    /// The statement PostgresNIO runs: the placeholders numbered in order, their values bound.
    var query: PostgresQuery {
        var sql = ""
        var bindings = PostgresBindings()
        for piece in pieces {
            switch piece {
            case .text(let text): sql += text
            case .value(let bind):
                bind(&bindings)
                sql += "$\(bindings.count)"
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}

extension [BoundSQL] {
    func joined(separator: String) -> BoundSQL {
        var joined: BoundSQL = ""
        for (index, piece) in enumerated() {
            if index > 0 { joined += BoundSQL(stringLiteral: separator) }
            joined += piece
        }
        return joined
    }
}
