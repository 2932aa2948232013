/// Decodes character references (`&amp;`, `&mdash;`, `&#8212;`, `&#x2014;`) in UTF-8 bytes.
///
/// Tolerant the way browsers are: the semicolon may be missing where HTML allows it, numbers
/// outside Unicode become U+FFFD, the C1 range means what Windows-1252 meant by it (`&#150;` is an
/// en dash), and anything that is not a reference (`AT&T`, `&unknown;`) stays as written.
enum HTMLEntities {
    /// `bytes` with every reference replaced by its character.
    ///
    /// - Parameter inAttribute: in attribute values, a name without its semicolon followed by
    ///   `=` stays as written, so `?a=1&copy=2` in a link is not turned into `?a=1©=2`.
    static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool = false) -> ArraySlice<UInt8> {
        guard bytes.contains(UInt8(ascii: "&")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"),
                let (scalar, end) = reference(in: bytes, at: index, inAttribute: inAttribute)
            else {
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
            index = end
        }
        return out[...]
    }

    /// The character a reference starting at `start` (an `&`) stands for, and the index after it.
    private static func reference(
        in bytes: ArraySlice<UInt8>, at start: Int, inAttribute: Bool
    ) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") { return numeric(in: bytes, after: index) }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < 32, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";"), let value = HTMLEntityTable.scalars[name] {
            return Unicode.Scalar(value).map { ($0, index + 1) }
        }
        guard HTMLEntityTable.withoutSemicolon.contains(name), let value = HTMLEntityTable.scalars[name] else {
            return nil
        }
        if inAttribute, index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") { return nil }
        return Unicode.Scalar(value).map { ($0, index) }
    }

    /// `&#8212;` or `&#x2014;` (the semicolon optional), from just after the `#`.
    private static func numeric(in bytes: ArraySlice<UInt8>, after hash: Int) -> (Unicode.Scalar, Int)? {
        var index = hash + 1
        var radix: UInt32 = 10
        if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "x") {
            radix = 16
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.endIndex, let digit = digit(bytes[index], radix: radix) {
            // Past Unicode's range the value no longer matters: it becomes U+FFFD.
            value = min(value * radix + digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return (scalar(forCodePoint: value), index)
    }

    /// What a numeric reference means in HTML: Windows-1252 for the C1 range, U+FFFD for
    /// NUL, surrogates and numbers past Unicode.
    static func scalar(forCodePoint value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return Unicode.Scalar(mapped)! }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// HTML's reading of `&#128;`–`&#159;`, which old Windows editors wrote for curly quotes and dashes.
    private static let windows1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]
}
