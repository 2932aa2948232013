/// A candidate headline's word keys (`HeadlineWordKeys`), the first eight held inline. An export's
/// related boxes copy each candidate out of their memo for every page it may be related to: an
/// array of keys there was a reference both cores counted up and down at once, for every copy.
struct HeadlineKeys: Sendable {
    private typealias Inline = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private static let inlineCount = 8

    private var inline: Inline = (0, 0, 0, 0, 0, 0, 0, 0)
    private var inlineUsed = 0
    /// The keys past the first eight: empty, and never allocated, for nearly every headline.
    private var overflow: [UInt64] = []

    init(_ keys: [UInt64]) {
        inlineUsed = min(keys.count, Self.inlineCount)
        withUnsafeMutableBytes(of: &inline) { bytes in
            let slots = bytes.bindMemory(to: UInt64.self)
            for index in 0..<inlineUsed { slots[index] = keys[index] }
        }
        if keys.count > Self.inlineCount { overflow = Array(keys[Self.inlineCount...]) }
    }

    /// How many of these keys `words` holds.
    func shared(with words: [UInt64]) -> Int {
        var shared = withUnsafeBytes(of: inline) { bytes in
            bytes.bindMemory(to: UInt64.self).prefix(inlineUsed).count(where: words.contains)
        }
        if !overflow.isEmpty { shared += overflow.count(where: words.contains) }
        return shared
    }
}
