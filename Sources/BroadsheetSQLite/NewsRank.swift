import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// `newsrank(fts, weight, …, key)`: FTS5's bm25 with its cost bounded (a weight per column).
///
/// FTS5's own `bm25` learns how rare each phrase is by walking every row that holds it, once
/// per statement: at a million articles that is a second for "the", longer for a common phrase,
/// and once for each of the 64 words a prefix stands for. `newsrank` scores a row exactly as
/// `bm25` does (same k1, b, column weights, lower is better) but counts a phrase's rows only up to
/// `NewsRank.countCap`, from the oldest, and estimates the rest from how far into the archive
/// the count reached. The rarity of a phrase (its inverse document frequency) is remembered per
/// `key` (the database and the MATCH text), so the statements of one search, and the next reader's same search,
/// count once. A common word's weight comes out within a few percent of bm25's, and common
/// words weigh next to nothing in either.
enum NewsRank {
    static let name = "newsrank"
    /// Rows of a phrase counted before the rest is estimated; a query of many phrases (a prefix's
    /// words) counts fewer of each, down to `phraseCountFloor`.
    static let countCap = 5_000
    static let phraseCountFloor = 256
    private static let k1 = 1.2
    private static let b = 0.75
    /// Phrase rarities by MATCH text; emptied when full, as rarities barely move.
    private static let rarities = Mutex<[String: [Double]]>([:])
    private static let remembered = 1_024

    /// Adds the function to a connection; stores call it on each one they open.
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, score, nil)
    }

    /// The FTS5 extension function.
    private static let score: fts5_extension_function = { api, fts, context, count, values in
        guard let api = api?.pointee, let values, count >= 2 else {
            sqlite3_result_error(context, "newsrank(fts, weight, …, key) needs a weight a column and a key", -1)
            return
        }
        let columns = Int(count) - 1
        do {
            let statement = try Self.statement(api, fts, values: values, columns: columns)
            let (rarity, weights, averageLength) = (statement.rarity, statement.weights, statement.averageLength)
            var length: Int32 = 0
            try check(api.xColumnSize(fts, -1, &length))
            var frequency = [Double](repeating: 0, count: rarity.count)
            var instances: Int32 = 0
            try check(api.xInstCount(fts, &instances))
            for index in 0..<instances {
                var phrase: Int32 = 0
                var column: Int32 = 0
                var offset: Int32 = 0
                try check(api.xInst(fts, index, &phrase, &column, &offset))
                if Int(phrase) < frequency.count, Int(column) < weights.count {
                    frequency[Int(phrase)] += weights[Int(column)]
                }
            }
            let lengthNorm = k1 * (1 - b + b * Double(length) / max(averageLength, 1))
            var score = 0.0
            for (phrase, weight) in frequency.enumerated() where weight > 0 {
                score += rarity[phrase] * weight * (k1 + 1) / (weight + lengthNorm)
            }
            sqlite3_result_double(context, -score)
        } catch let error as RankError {
            sqlite3_result_error_code(context, error.code)
        } catch {
            sqlite3_result_error_code(context, SQLITE_ERROR)
        }
    }

    /// What every row of one statement shares: worked out on its first row and kept with the
    /// statement's cursor (FTS5's auxiliary data), so a row costs only its own instances.
    private final class Statement {
        let rarity: [Double]
        let weights: [Double]
        let averageLength: Double

        init(rarity: [Double], weights: [Double], averageLength: Double) {
            self.rarity = rarity
            self.weights = weights
            self.averageLength = averageLength
        }
    }

    private static func statement(
        _ api: Fts5ExtensionApi, _ fts: OpaquePointer?, values: UnsafeMutablePointer<OpaquePointer?>, columns: Int
    ) throws(RankError) -> Statement {
        if let kept = api.xGetAuxdata(fts, 0) {
            return Unmanaged<Statement>.fromOpaque(kept).takeUnretainedValue()
        }
        let weights = (0..<columns).map { sqlite3_value_double(values[$0]) }
        let key = sqlite3_value_text(values[columns]).map { String(cString: $0) } ?? ""
        var rows: Int64 = 0
        try check(api.xRowCount(fts, &rows))
        var totalTokens: Int64 = 0
        for column in 0..<columns {
            var tokens: Int64 = 0
            try check(api.xColumnTotalSize(fts, Int32(column), &tokens))
            totalTokens += tokens
        }
        let statement = Statement(
            rarity: try rarity(api, fts, key: key), weights: weights,
            averageLength: Double(totalTokens) / Double(max(rows, 1)))
        try check(api.xSetAuxdata(fts, Unmanaged.passRetained(statement).toOpaque(), releaseStatement))
        return statement
    }

    private static let releaseStatement: @convention(c) (UnsafeMutableRawPointer?) -> Void = { kept in
        if let kept { Unmanaged<Statement>.fromOpaque(kept).release() }
    }

    private struct RankError: Error {
        let code: Int32
    }

    private static func check(_ code: Int32) throws(RankError) {
        if code != SQLITE_OK { throw RankError(code: code) }
    }

    /// Each phrase's inverse document frequency, as bm25 weighs it.
    private static func rarity(_ api: Fts5ExtensionApi, _ fts: OpaquePointer?, key: String) throws(RankError)
        -> [Double]
    {
        let phrases = Int(api.xPhraseCount(fts))
        if let known = rarities.withLock({ $0[key] }), known.count == phrases { return known }
        var rows: Int64 = 0
        try check(api.xRowCount(fts, &rows))
        let total = Double(max(rows, 1))
        var result: [Double] = []
        let cap = min(countCap, max(phraseCountFloor, 2 * countCap / max(phrases, 1)))
        for phrase in 0..<phrases {
            var tally = Tally(cap: cap)
            try check(api.xQueryPhrase(fts, Int32(phrase), &tally, countRows))
            // Rowids follow filing order: a count stopped at rowid r covers about r of the rows.
            let counted = Double(tally.rows)
            let matching = tally.rows < cap ? counted : min(total, counted * total / Double(max(tally.last, 1)))
            result.append(max(1e-6, log((total - matching + 0.5) / (matching + 0.5))))
        }
        rarities.withLock { known in
            if known.count >= remembered { known.removeAll() }
            known[key] = result
        }
        return result
    }

    private struct Tally {
        let cap: Int
        var rows = 0
        var last: Int64 = 0
    }

    private static let countRows:
        @convention(c) (UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = {
            api, fts, context in
            let tally = context!.assumingMemoryBound(to: Tally.self)
            tally.pointee.rows += 1
            if tally.pointee.rows >= tally.pointee.cap {
                tally.pointee.last = api!.pointee.xRowid(fts)
                return SQLITE_DONE
            }
            return SQLITE_OK
        }
}
