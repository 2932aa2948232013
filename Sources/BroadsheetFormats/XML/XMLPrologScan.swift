import Foundation

/// Looks at what stands before a document's root element for entity declarations, without parsing.
///
/// Entity bombs ("billion laughs") and external-entity reads (XXE) both need `<!ENTITY` in the
/// DOCTYPE's internal subset, which comes before the root element. Finding it there lets the reader
/// refuse the file with a clear message instead of trusting the parser's own limits.
enum XMLPrologScan {
    /// The 1-based line of the first `<!ENTITY` before the root element, or nil when there is none.
    static func entityDeclarationLine(in data: Data) -> Int? {
        let bytes = utf8Bytes(of: data)
        let marker = Array("<!ENTITY".utf8)
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: "<") {
                let next = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
                if isNameStart(next) { return nil }  // the root element: the prolog is over
                if bytes[index...].starts(with: marker) { return line }
            }
            index += 1
        }
        return nil
    }

    /// The bytes as UTF-8: UTF-16 files (with a byte order mark or a leading `<` of two bytes) are
    /// converted so the scan sees the same markup libxml2 will.
    private static func utf8Bytes(of data: Data) -> Data {
        let head = Array(data.prefix(2))
        let isUTF16 = head == [0xFF, 0xFE] || head == [0xFE, 0xFF] || head == [0x3C, 0x00] || head == [0x00, 0x3C]
        if isUTF16,
            let text = String(data: data, encoding: .utf16) ?? String(data: data, encoding: .utf16LittleEndian)
        {
            return Data(text.utf8)
        }
        return data
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A
            || byte >= 0x80
    }
}
