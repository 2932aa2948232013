import Foundation

/// Hands libxml2 nothing but UTF-8: a document in another encoding (its byte order mark or its
/// declaration says which) is decoded here and re-encoded, and one that does not decode is refused.
///
/// FoundationXML traps on element and attribute names that are not valid UTF-8, and libxml2 lets
/// such names through for some declared encodings (`US-ASCII` with bytes over 127, a damaged
/// UTF-8 file), so one bad byte would stop a whole import or a server. Decoding first turns that
/// into an ordinary error with a line.
enum XMLEncoding {
    /// The encodings news systems declare, by their lowercased IANA names.
    static let known: [String: String.Encoding] = [
        "us-ascii": .ascii, "ascii": .ascii, "iso-8859-1": .isoLatin1, "latin1": .isoLatin1,
        "iso-8859-2": .isoLatin2, "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251,
        "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252, "cp1250": .windowsCP1250, "cp1251": .windowsCP1251,
        "windows-1253": .windowsCP1253,
        "windows-1254": .windowsCP1254, "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP,
        "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    ]

    /// How the bytes of a named encoding become text: by Foundation, or by one of our tables.
    enum Decoder {
        case foundation(String.Encoding)
        case table([UInt16])

        /// The decoder for an encoding's name (any case), if Broadsheet reads it.
        init?(named name: String) {
            let name = name.lowercased()
            if let encoding = XMLEncoding.known[name] {
                self = .foundation(encoding)
            } else if let table = SingleByteCodePage.named(name) {
                self = .table(table)
            } else {
                return nil
            }
        }

        /// Whether every byte is one character, so any byte sequence decodes.
        var isSingleByte: Bool {
            switch self {
            case .table: true
            case .foundation(let encoding): XMLEncoding.singleByte.contains(encoding)
            }
        }

        func decode(_ bytes: Data) -> String? {
            switch self {
            case .foundation(let encoding): String(data: bytes, encoding: encoding)
            case .table(let table): SingleByteCodePage.decode(bytes, with: table)
            }
        }
    }

    private static let singleByte: Set<String.Encoding> = [
        .isoLatin1, .isoLatin2, .windowsCP1250, .windowsCP1251, .windowsCP1252, .windowsCP1253, .windowsCP1254,
    ]

    /// `data` as a UTF-8 document (the same bytes when it already is one), or why it cannot be.
    static func utf8Document(_ data: Data, file: String) throws(FormatError) -> Data {
        let head = Array(data.prefix(2))
        var decoder: Decoder?
        var name: String?
        switch head {
        case [0xFF, 0xFE], [0x3C, 0x00]: (decoder, name) = (.foundation(.utf16LittleEndian), "UTF-16")
        case [0xFE, 0xFF], [0x00, 0x3C]: (decoder, name) = (.foundation(.utf16BigEndian), "UTF-16")
        default:
            if let declared = declaredEncoding(data), !isUTF8(declared) {
                guard let known = Decoder(named: declared) else {
                    throw FormatError(
                        file: file, line: 1,
                        message: "the document declares the encoding '\(declared)', which Broadsheet does not read; "
                            + "save it as UTF-8")
                }
                (decoder, name) = (known, declared)
            }
        }
        guard let decoder, let name else {
            if case .failure(let error) = FormatError.utf8Text(data, file: file) { throw error }
            return data
        }
        var bytes = data
        if head == [0xFF, 0xFE] || head == [0xFE, 0xFF] { bytes = bytes.dropFirst(2) }
        guard let text = decoder.decode(bytes) else {
            throw FormatError(
                file: file, line: nil,
                message: "the document is not valid \(name) as it declares; save it as UTF-8 and import it again")
        }
        return Data(withoutEncodingDeclaration(text).utf8)
    }

    static func isUTF8(_ name: String) -> Bool { ["utf-8", "utf8"].contains(name.lowercased()) }

    /// The `encoding` of an XML declaration at the start of a byte-oriented document.
    static func declaredEncoding(_ data: Data) -> String? {
        var prefix = data.prefix(200)
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { prefix = prefix.dropFirst(3) }
        guard prefix.starts(with: Array("<?xml".utf8)) else { return nil }
        let declaration = String(decoding: prefix.prefix(while: { $0 != UInt8(ascii: ">") }), as: UTF8.self)
        return encodingValue(in: declaration).map(String.init)
    }

    /// The declaration's `encoding="…"` value, if it has one.
    private static func encodingValue(in declaration: some StringProtocol) -> Substring? {
        guard let range = declaration.range(of: "encoding") else { return nil }
        let value = declaration[range.upperBound...].drop(while: { $0 == " " || $0 == "=" })
        guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
        return Substring(value.dropFirst().prefix(while: { $0 != quote }))
    }

    /// The text with its declaration's encoding made UTF-8, so libxml2 reads the re-encoded bytes
    /// as what they now are. Line breaks are untouched, so errors keep their lines.
    static func withoutEncodingDeclaration(_ text: String) -> String {
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>"),
            let value = encodingValue(in: text[..<end.lowerBound])
        else { return String(text) }
        return String(text[..<value.startIndex]) + "UTF-8" + String(text[value.endIndex...])
    }
}
