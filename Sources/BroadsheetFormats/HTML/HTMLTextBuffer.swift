/// The words of the block being read, with whitespace as a browser would show it.
///
/// Runs of spaces, tabs, line ends and no-break spaces become one space; `<br>` is the only
/// line break. Inside `<pre>` spacing is kept as written. Control characters never get in.
struct HTMLTextBuffer {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ text: ArraySlice<UInt8>, preservingSpace: Bool) {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            if preservingSpace {
                if byte == 0x0D || (Self.isControl(byte) && byte != 0x09 && byte != 0x0A) { continue }
                bytes.append(byte)
                continue
            }
            if Self.isSpace(byte) {
                pendingSpace = true
            } else if byte == 0xC2, index < text.endIndex, text[index] == 0xA0 {
                // U+00A0: shown as a space, and `<p>&nbsp;</p>` is an empty paragraph.
                index += 1
                pendingSpace = true
            } else if !Self.isControl(byte) {
                if pendingSpace, let last = bytes.last, last != 0x0A { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
    }

    /// `<br>`: a line end, and no space on either side of it.
    mutating func lineBreak() {
        bytes.append(0x0A)
        pendingSpace = false
    }

    /// Puts `separator` between what is there and what comes next (table cells), if anything is there.
    mutating func separate(_ separator: String) {
        guard !bytes.isEmpty, bytes.last != 0x0A else { return }
        bytes.append(contentsOf: separator.utf8)
        pendingSpace = false
    }

    /// The text so far, trimmed, and an empty buffer; nil when there were no words.
    mutating func take(preservingSpace: Bool = false) -> String? {
        defer {
            bytes.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        var text = bytes[...]
        if preservingSpace {
            // `<pre>` drops the line end right after its tag; trailing space means nothing.
            while let first = text.first, first == 0x0A { text = text.dropFirst() }
            while let last = text.last, Self.isSpace(last) { text = text.dropLast() }
        } else {
            while let first = text.first, Self.isSpace(first) { text = text.dropFirst() }
            while let last = text.last, Self.isSpace(last) { text = text.dropLast() }
        }
        return text.isEmpty ? nil : String(decoding: text, as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func isControl(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F
    }
}
