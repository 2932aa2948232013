import Foundation

/// Looks at what stands before a document's root element for entity declarations, without parsing.
///
/// Entity bombs ("billion laughs") and external-entity reads (XXE) both need `<!ENTITY` in the
/// DOCTYPE's internal subset, which comes before the root element. Finding it there lets the reader
/// refuse the file with a clear message instead of trusting the parser's own limits.
enum XMLPrologScan {
    /// The 1-based line of the first `<!ENTITY` before the root element, or nil when there is none;
    /// `data` is UTF-8 (`XMLEncoding` has seen to it).
    static func entityDeclarationLine(in data: Data) -> Int? {
        let marker = Array("<!ENTITY".utf8)
        var line = 1
        var index = data.startIndex
        while index < data.endIndex {
            let byte = data[index]
            if byte == 0x0A { line += 1 }
            if byte == UInt8(ascii: "<") {
                let next = index + 1 < data.endIndex ? data[index + 1] : 0
                if isNameStart(next) { return nil }  // the root element: the prolog is over
                if data[index...].starts(with: marker) { return line }
            }
            index += 1
        }
        return nil
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A
            || byte >= 0x80
    }
}
