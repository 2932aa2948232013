import Foundation

/// Reads an XML document's encoding the way feed readers do, before the strict reader sees it:
/// the byte order mark, then the declaration, then the HTTP charset, then Windows-1252, the
/// superset of Latin-1 that legacy systems really send.
///
/// Where the declaration and the bytes disagree (a UTF-8 file declaring ISO-8859-1, a file with
/// no declaration that is not UTF-8) the document is re-encoded as UTF-8 and the repair
/// returned for the import summary, so it is never read as mojibake and never mended silently.
public enum XMLCharsetRepair {
    /// What is read when nothing else says: the common legacy encoding of news systems.
    static let fallback = "Windows-1252"

    /// `data` as the strict reader should see it, and the repair made, if any. `httpCharset` is
    /// the `charset` of the response that brought the document, when it came over HTTP.
    public static func repaired(_ data: Data, httpCharset: String? = nil) -> (data: Data, repair: IngestRepair?) {
        let head = Array(data.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) || head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
            || head.starts(with: [0x3C, 0x00]) || head.starts(with: [0x00, 0x3C])
        {
            return (data, nil)
        }
        let declared = XMLEncoding.declaredEncoding(data)
        let isUTF8 = String(validating: data, as: UTF8.self) != nil
        if let declared, !XMLEncoding.isUTF8(declared) {
            // A single-byte declaration over bytes that are UTF-8 beyond ASCII is a UTF-8 file
            // whose prolog is wrong: no real Latin text is also valid multi-byte UTF-8.
            guard let decoder = XMLEncoding.Decoder(named: declared), decoder.isSingleByte, isUTF8,
                data.contains(where: { $0 >= 0x80 })
            else { return (data, nil) }
            return (rewritten(String(decoding: data, as: UTF8.self)), .encoding(declared: declared, used: "UTF-8"))
        }
        guard !isUTF8 else { return (data, nil) }
        if let httpCharset, !XMLEncoding.isUTF8(httpCharset), let decoder = XMLEncoding.Decoder(named: httpCharset),
            let text = decoder.decode(data)
        {
            // The response's charset is the next authority; contradicting a declaration is a repair.
            return (rewritten(text), declared.map { .encoding(declared: $0, used: httpCharset) })
        }
        // Windows-1252 leaves five bytes undefined; ISO-8859-1 reads every byte.
        for used in [fallback, "ISO-8859-1"] {
            if let text = XMLEncoding.Decoder(named: used)?.decode(data) {
                return (rewritten(text), .encoding(declared: declared, used: used))
            }
        }
        return (data, nil)
    }

    /// The `charset` parameter of a `Content-Type` value (`application/rss+xml; charset=KOI8-R`).
    public static func charset(inContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func rewritten(_ text: String) -> Data {
        let text = XMLEncoding.withoutEncodingDeclaration(text)
        return Data(text.utf8)
    }
}
