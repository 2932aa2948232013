import Broadsheet
import BroadsheetFormats

/// What became of a batch: the counts a newsroom reads at the end of an import, and every failure
/// with the file, line and reason to act on.
public struct ImportSummary: Hashable, Sendable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Versions older than the stored one: reported and ignored.
    public var older: [ImportNotice] = []
    public var failed: [ImportNotice] = []
    /// Stories taken as they came, with what was mended in each (a legacy encoding, a derived
    /// identity, a borrowed date, a brief): filed, but worth a look.
    public var warnings: [ImportWarning] = []

    public init() {}

    public var succeeded: Bool { failed.isEmpty }
    public var articles: Int { created + updated + unchanged + older.count + failed.count }

    mutating func record(_ outcome: SaveOutcome, file: String, line: Int?) {
        switch outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        case .stale(let id, let stored):
            older.append(
                ImportNotice(
                    file: file, line: line,
                    reason: "older than the stored version of article \(id) (\(stored.formatted(.iso8601))); ignored"))
        }
    }

    public mutating func merge(_ other: ImportSummary) {
        created += other.created
        updated += other.updated
        unchanged += other.unchanged
        older += other.older
        failed += other.failed
        warnings += other.warnings
    }

    /// "3 created, 1 updated, 0 unchanged, 1 failed" (older versions only when there are some).
    public var countsLine: String {
        var parts = ["\(created) created", "\(updated) updated", "\(unchanged) unchanged"]
        if !older.isEmpty { parts.append("\(older.count) older (ignored)") }
        parts.append("\(failed.count) failed")
        if !warnings.isEmpty { parts.append("\(warnings.count) \(warnings.count == 1 ? "warning" : "warnings")") }
        return parts.joined(separator: ", ")
    }
}

/// One article or file that did not go in, or went in with a warning.
public struct ImportNotice: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// "edition/page-3.txt:12: expected ..." — the shape compilers use, so editors can jump to it.
    public var description: String {
        line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    }
}

/// A repair a reader made to take a story (or a whole file) as it came, where it was made.
public struct ImportWarning: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var repair: IngestRepair

    public init(file: String, line: Int?, repair: IngestRepair) {
        self.file = file
        self.line = line
        self.repair = repair
    }

    /// The same `file:line: reason` shape as a failure.
    public var description: String {
        line.map { "\(file):\($0): \(repair)" } ?? "\(file): \(repair)"
    }

    /// A story's (or a file's) warnings as one failure, for `--strict`; nil when there are none.
    public static func refusal(of warnings: [ImportWarning]) -> ImportNotice? {
        guard let first = warnings.first else { return nil }
        let reasons = warnings.map(\.repair.description).joined(separator: "; ")
        return ImportNotice(file: first.file, line: first.line, reason: "refused under --strict: \(reasons)")
    }
}
