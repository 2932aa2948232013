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
        let escaped: [UInt8]? = text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: isSpecial) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + bytes.count / 8)
            escaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for byte in UnsafeBufferPointer(rebasing: bytes[first...]) {
                switch byte {
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return escaped
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
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
