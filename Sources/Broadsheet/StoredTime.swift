import Foundation

/// How both stores keep time: instants as whole seconds since 1970 in UTC, days as `yyyy-mm-dd`.
///
/// Reading is where a value that no Broadsheet writes can turn up (a day of year 10000 kept by an
/// older version, say): it is an error for the request that meets it, never a crash.
public enum StoredTime {
    /// Whole seconds since 1970, rounded down; an instant beyond any calendar is held at the edge
    /// of `ArchiveTime`, as nothing outside it is ever stored.
    public static func seconds(_ instant: Date) -> Int64 {
        let value = instant.timeIntervalSince1970
        guard value.isFinite else { return value.isNaN ? 0 : (value < 0 ? earliestSeconds : latestSeconds) }
        return Int64(max(Double(earliestSeconds), min(value.rounded(.down), Double(latestSeconds))))
    }

    public static func instant(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// A stored instant with the precision kept beside it (`minute` when none or an unknown one is).
    public static func timestamp(_ seconds: Int64, precision: String?) -> Timestamp {
        Timestamp(instant(seconds), precision: precision.flatMap(Timestamp.Precision.init(rawValue:)) ?? .minute)
    }

    /// A stored day, or a `StoreError.database` that says what was found.
    public static func editionDate(_ text: String) throws(StoreError) -> EditionDate {
        guard let date = EditionDate(iso: text) else {
            throw .database(
                operation: "reading an edition date",
                message: "found '\(text.prefix(40))', expected yyyy-mm-dd in years \(ArchiveTime.firstYear)"
                    + " to \(ArchiveTime.lastYear)")
        }
        return date
    }

    private static let earliestSeconds = Int64(ArchiveTime.earliest.timeIntervalSince1970)
    private static let latestSeconds = Int64(ArchiveTime.latest.timeIntervalSince1970)
}
