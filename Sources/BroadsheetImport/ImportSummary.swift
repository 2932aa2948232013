import Broadsheet

/// What became of a batch: the counts a newsroom reads at the end of an import, and every failure
/// with the file, line and reason to act on.
public struct ImportSummary: Hashable, Sendable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    /// Versions older than the stored one: reported and ignored.
    public var older: [ImportNotice] = []
    public var failed: [ImportNotice] = []

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
    }

    /// "3 created, 1 updated, 0 unchanged, 1 failed" (older versions only when there are some).
    public var countsLine: String {
        var parts = ["\(created) created", "\(updated) updated", "\(unchanged) unchanged"]
        if !older.isEmpty { parts.append("\(older.count) older (ignored)") }
        parts.append("\(failed.count) failed")
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
