import Crypto

/// A file's SHA-256 as the export's manifest names it, held as its 32 bytes rather than as 64
/// characters of text: a large archive's manifest names hundreds of thousands of files, and a
/// string each was an allocation each to read and to free.
struct FileDigest: Equatable, CustomStringConvertible {
    /// The bytes in order, eight to a word, the first in each word's lowest byte.
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ digest: SHA256.Digest) {
        for (index, byte) in digest.enumerated() { set(byte, at: index) }
    }

    /// The digest written as 64 hex digits, either case; nil for anything else. A word at a time
    /// through a table: a repeat export reads a line of the manifest for every file of the
    /// archive, and a digit at a time this was a third of reading it.
    init?(hex: some Collection<UInt8>) {
        guard hex.count == 64 else { return nil }
        let parsed =
            hex.withContiguousStorageIfAvailable { Self.words(of: $0) }
            ?? Array(hex).withUnsafeBufferPointer { Self.words(of: $0) }
        guard let parsed else { return nil }
        words = parsed
    }

    /// The 64 lowercase hex digits the manifest writes.
    var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for index in 0..<32 {
            let byte = self.byte(at: index)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func == (left: FileDigest, right: FileDigest) -> Bool {
        left.words.0 == right.words.0 && left.words.1 == right.words.1 && left.words.2 == right.words.2
            && left.words.3 == right.words.3
    }

    private mutating func set(_ byte: UInt8, at index: Int) {
        let bits = UInt64(byte) << UInt64(index % 8 * 8)
        switch index / 8 {
        case 0: words.0 |= bits
        case 1: words.1 |= bits
        case 2: words.2 |= bits
        default: words.3 |= bits
        }
    }

    private func byte(at index: Int) -> UInt8 {
        let word =
            switch index / 8 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        return UInt8(truncatingIfNeeded: word >> UInt64(index % 8 * 8))
    }

    /// The four words 64 hex digits spell, or nil if one is not a hex digit.
    private static func words(of digits: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64)? {
        digitValues.withUnsafeBufferPointer { values in
            // Any bit above the low four of a looked-up value marks a byte that is not a digit.
            var invalid: UInt8 = 0
            func word(_ first: Int) -> UInt64 {
                var word: UInt64 = 0
                for byte in 0..<8 {
                    let high = values[Int(digits[first + byte * 2])]
                    let low = values[Int(digits[first + byte * 2 + 1])]
                    invalid |= high | low
                    word |= UInt64(high << 4 | low & 0xf) << UInt64(byte * 8)
                }
                return word
            }
            let result = (word(0), word(16), word(32), word(48))
            return invalid & 0xf0 == 0 ? result : nil
        }
    }

    /// Each byte's value as a hex digit, 0xff for a byte that is none.
    private static let digitValues: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0xff
        }
    }
}
