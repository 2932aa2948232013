/// Story identifiers as URIs and as we keep them.
///
/// We keep identifiers as IRIs (an Urdu headline's slug stays readable); formats whose schema
/// asks for a URI get the same identifier with its non-ASCII characters percent-encoded, and
/// reading such a URI back decodes them again, so a story keeps one identity across the trip.
public enum ResourceIdentifier {
    /// Non-ASCII characters as `%XX` bytes of their UTF-8; everything else as it is.
    public static func uri(_ iri: String) -> String {
        var uri = ""
        for byte in iri.utf8 {
            if byte < 0x80 {
                uri.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                uri += "%" + String(byte, radix: 16, uppercase: true)
            }
        }
        return uri
    }

    /// `%XX` sequences that spell non-ASCII UTF-8 decoded; ASCII escapes (`%2F`, `%20`) kept,
    /// since decoding them would change what the URI says.
    public static func iri(_ uri: String) -> String {
        guard uri.contains("%") else { return uri }
        let bytes = Array(uri.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16),
                value >= 0x80
            {
                out.append(value)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        // Escapes that do not make valid UTF-8 stay as they were.
        return String(validating: out, as: UTF8.self) ?? uri
    }
}
