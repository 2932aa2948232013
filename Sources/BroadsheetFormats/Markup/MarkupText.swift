/// Escaping for the HTML and XML we write ourselves (feeds, sitemaps, the snippets of search
/// pages): text goes in escaped, then our own tags go around it.
public enum MarkupText {
    /// The five characters that matter in element content and attribute values.
    ///
    /// Works on the UTF-8 bytes: the five are ASCII, which never occurs inside a longer
    /// character's encoding, and text without them (most of it) comes back as it was. Walking
    /// `Character`s instead spent most of a feed's rendering on grapheme breaking.
    public static func escape(_ text: String) -> String {
        // Read on the string's own bytes: walking its `utf8` view by index was the most sampled
        // function of a repeat static export, for its books.
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: { added($0) > 0 }) else { return nil }
            // Measured first and written into a string of that size: appended a byte at a time to
            // an array, the feeds' story bodies (markup, so full of the five) were 3% of a repeat
            // export's CPU.
            var count = bytes.count
            for byte in bytes[first...] { count += added(byte) }
            return String(unsafeUninitializedCapacity: count) { output in
                var written = first
                _ = output.initialize(from: bytes[..<first])
                for byte in bytes[first...] {
                    switch byte {
                    case UInt8(ascii: "&"): written = put("&amp;", at: written, in: output)
                    case UInt8(ascii: "<"): written = put("&lt;", at: written, in: output)
                    case UInt8(ascii: ">"): written = put("&gt;", at: written, in: output)
                    case UInt8(ascii: "\""): written = put("&quot;", at: written, in: output)
                    case UInt8(ascii: "'"): written = put("&#39;", at: written, in: output)
                    default:
                        output[written] = byte
                        written += 1
                    }
                }
                return written
            }
        }
        return escaped ?? text
    }

    /// Writes `entity` (ASCII) into `output` from `offset`; where it ends.
    @inline(__always)
    private static func put(_ entity: StaticString, at offset: Int, in output: UnsafeMutableBufferPointer<UInt8>) -> Int
    {
        let count = entity.utf8CodeUnitCount
        UnsafeMutableRawPointer(output.baseAddress! + offset).copyMemory(from: entity.utf8Start, byteCount: count)
        return offset + count
    }

    /// How many bytes a byte's escape adds: 0 for all but the five. A comparison, not a table:
    /// a static table's lazy start was checked on every call, a percent of an export.
    @inline(__always)
    private static func added(_ byte: UInt8) -> Int {
        // The five lie between `"` and `>`; letters and spaces are outside, and leave at once.
        guard byte &- UInt8(ascii: "\"") <= UInt8(ascii: ">") - UInt8(ascii: "\"") else { return 0 }
        switch byte {
        case UInt8(ascii: "&"): return 4
        case UInt8(ascii: "<"), UInt8(ascii: ">"): return 3
        case UInt8(ascii: "\""): return 5
        case UInt8(ascii: "'"): return 4
        default: return 0
        }
    }

    /// Text fit for an XML 1.0 document: the characters XML forbids (most C0 controls, lone
    /// surrogates cannot occur in a Swift string) are dropped, then the rest is escaped.
    public static func escapeXML(_ text: String) -> String { escape(droppingForbiddenInXML(text)) }

    /// `text` without the characters XML 1.0 forbids; most text holds none and comes back as it was.
    public static func droppingForbiddenInXML(_ text: String) -> String {
        // Only a C0 control or a character from U+F000 (lead byte 0xEF) can be forbidden.
        var text = text
        let mayHoldForbidden = text.withUTF8 { bytes in
            bytes.contains { byte in (byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD) || byte == 0xEF }
        }
        guard mayHoldForbidden else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isAllowedInXML)))
    }

    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
