/// JSON-LD written straight into its bytes, as `JSONEncoder` with sorted keys and unescaped
/// slashes writes it, and fit for a `<script>`: no `<`, `>` or `&` survives, nor a U+2028 or
/// U+2029 that older parsers end a line at.
///
/// `JSONEncoder` built a tree of every value and sorted each object's keys for each page, about
/// a fiftieth of a static export. Each `JSONLD` object writes its members here in the order
/// sorted keys give (`StructuredDataTests` checks every one against the encoder).
struct JSONLDText {
    private(set) var bytes: [UInt8] = []
    /// Whether the object being written has no member yet.
    private var empty = true

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func object(_ members: (inout JSONLDText) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let outer = empty
        empty = true
        members(&self)
        empty = outer
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        bytes += String(value).utf8
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes += (value ? "true" : "false").utf8
    }

    mutating func member(_ name: StaticString, _ value: (some JSONLDObject)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    mutating func member(_ name: StaticString, _ values: [String]?) {
        guard let values else { return }
        key(name)
        list(values) { $0.string($1) }
    }

    mutating func member(_ name: StaticString, _ values: [some JSONLDObject]) {
        key(name)
        list(values) { $1.write(to: &$0) }
    }

    private mutating func list<Element>(_ values: [Element], _ write: (inout JSONLDText, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func key(_ name: StaticString) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes += "\":".utf8
    }

    /// A string literal: the encoder's escapes (quote, backslash, control characters), then the
    /// script's (`<`, `>`, `&`, U+2028, U+2029).
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var index = 0
            while index < text.count {
                let byte = text[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""): bytes += "\\\"".utf8
                case UInt8(ascii: "\\"): bytes += "\\\\".utf8
                case 0x0A: bytes += "\\n".utf8
                case 0x0D: bytes += "\\r".utf8
                case 0x09: bytes += "\\t".utf8
                case 0x08: bytes += "\\b".utf8
                case 0x0C: bytes += "\\f".utf8
                case 0x00..<0x20: bytes += "\\u00".utf8 + Self.hex(byte >> 4) + Self.hex(byte & 0xF)
                case UInt8(ascii: "<"): bytes += "\\u003c".utf8
                case UInt8(ascii: ">"): bytes += "\\u003e".utf8
                case UInt8(ascii: "&"): bytes += "\\u0026".utf8
                // U+2028 and U+2029 in UTF-8: E2 80 A8 and E2 80 A9.
                case 0xE2 where Self.isLineOrParagraphSeparator(text, at: index):
                    bytes += (text[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8
                    index += 2
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether the bytes after an E2 at `index` make it U+2028 or U+2029.
    private static func isLineOrParagraphSeparator(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 1 < text.count && text[index] == 0x80 && (0xA8...0xA9).contains(text[index + 1])
    }

    private static func hex(_ digit: UInt8) -> [UInt8] {
        [digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10]
    }
}

/// A schema.org object that writes its own members, in sorted order.
protocol JSONLDObject: Encodable {
    func write(to json: inout JSONLDText)
}
