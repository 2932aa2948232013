/// A JSON document written straight into its bytes, as `JSONEncoder` with sorted keys and unescaped
/// slashes writes it: the caller writes each object's members in their keys' sorted order.
///
/// The encoder builds a tree of every value and sorts each object's keys each time: for a page's
/// JSON-LD that was about a fiftieth of a static export, and most of a JSON feed's writing.
/// `forScript` makes the text fit for a `<script>` as well: no `<`, `>` or `&` survives, nor a
/// U+2028 or U+2029 that older parsers end a line at. Tests hold both uses to the encoder's bytes.
public struct JSONText {
    public private(set) var bytes: [UInt8] = []
    private let forScript: Bool
    /// Whether the object being written has no member yet.
    private var empty = true

    public init(capacity: Int = 1024, forScript: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.forScript = forScript
    }

    public mutating func object(_ members: (inout JSONText) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        let outer = empty
        empty = true
        members(&self)
        empty = outer
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    public mutating func member(_ name: StaticString, _ value: String?) {
        if let value { member(name, value) }
    }

    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name)
        bytes += String(value).utf8
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes += (value ? "true" : "false").utf8
    }

    /// A member whose value `write` writes: an object or an array.
    public mutating func member(_ name: StaticString, _ write: (inout JSONText) -> Void) {
        key(name)
        write(&self)
    }

    public mutating func array<Element>(_ values: [Element], _ write: (inout JSONText, Element) -> Void) {
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
    /// script's when asked. Runs that need none are copied whole.
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var start = 0
            var index = 0
            while index < text.count {
                let byte = text[index]
                let escape: String? =
                    switch byte {
                    case UInt8(ascii: "\""): "\\\""
                    case UInt8(ascii: "\\"): "\\\\"
                    case 0x0A: "\\n"
                    case 0x0D: "\\r"
                    case 0x09: "\\t"
                    case 0x08: "\\b"
                    case 0x0C: "\\f"
                    case 0x00..<0x20: "\\u00" + String(byte, radix: 16).leftPadded(to: 2)
                    case UInt8(ascii: "<") where forScript: "\\u003c"
                    case UInt8(ascii: ">") where forScript: "\\u003e"
                    case UInt8(ascii: "&") where forScript: "\\u0026"
                    // U+2028 and U+2029 in UTF-8: E2 80 A8 and E2 80 A9.
                    case 0xE2 where forScript && Self.isLineOrParagraphSeparator(text, at: index + 1):
                        text[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    default: nil
                    }
                guard let escape else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
                bytes += escape.utf8
                index += byte == 0xE2 ? 3 : 1
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether the bytes after an E2 at `index` make it U+2028 or U+2029.
    private static func isLineOrParagraphSeparator(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 1 < text.count && text[index] == 0x80 && (0xA8...0xA9).contains(text[index + 1])
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
