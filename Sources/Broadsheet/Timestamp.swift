import Foundation

/// An instant together with how much of it the source printed.
///
/// Copy often says only "Published April 29, 2025": we store the start of that day but must not
/// show or write back a time nobody printed, so the precision travels with the instant.
public struct Timestamp: Hashable, Sendable, Codable, Comparable {
    public enum Precision: String, Hashable, Sendable, Codable {
        case day, minute
    }

    public var instant: Date
    public var precision: Precision

    public init(_ instant: Date, precision: Precision = .minute) {
        self.instant = instant
        self.precision = precision
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.instant < rhs.instant }
}
