/// A run of text on one side of a side-by-side difference: what both versions share, what the
/// older one had that the newer lost, or what the newer one gained.
///
/// Joining a side's segments gives that side's text back exactly, spaces and line breaks
/// included, so a page can show each version whole and mark only what changed.
public enum TextSegment: Hashable, Sendable {
    case same(String)
    /// Only on the older (left) side.
    case removed(String)
    /// Only on the newer (right) side.
    case added(String)

    public var text: String {
        switch self {
        case .same(let text), .removed(let text), .added(let text): text
        }
    }

    /// True for text only one side has.
    public var isChange: Bool {
        if case .same = self { false } else { true }
    }
}
