import Testing

/// The stores a test can run on; a test taking `StoreKind.allCases` (or `StoreKind.routes`) runs on
/// each, so a new store is one more case here.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite

    var testDescription: String { rawValue }
}
