/// Paths kept as bits of their hashes: it may say a path is held when it is not, never the other
/// way. A repeat export asks of every earlier file of a large archive whether a replaced folder
/// holds it, nearly always to hear no; this answers that no from a hash taken in one pass over the
/// path, where a `Set` hashed each of the path's folders anew.
struct PathFilter {
    /// FNV-1a's start, and one byte more of a path: `hash(hash(start, a), b)` hashes "ab".
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }

    /// 2^18 bits, 32 KiB: a plan's few hundred paths set about one bit in a thousand.
    private var bits = [UInt64](repeating: 0, count: 1 << 12)

    /// Inserts the path these bytes spell.
    mutating func insert(_ path: UnsafeBufferPointer<UInt8>) {
        let hash = path.reduce(Self.start, Self.hash)
        let slot = Self.slot(hash)
        bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    /// Whether a path with this hash may be held.
    func mayHold(_ hash: UInt64) -> Bool {
        let slot = Self.slot(hash)
        return bits[slot >> 6] & 1 << UInt64(slot & 63) != 0
    }

    /// The hash's top bits: FNV's multiplications carry every byte into them.
    private static func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 46) }
}
