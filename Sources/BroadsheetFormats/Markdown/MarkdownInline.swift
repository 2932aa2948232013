/// Markdown's inline markup reduced to the text a reader sees: emphasis marks, code ticks and
/// link syntax removed (a link keeps its words, an image its alt text), escapes and HTML
/// references resolved, inline HTML tags dropped with their text kept.
enum MarkdownInline {
    static func text(_ markdown: String) -> String {
        // Escaped characters are set aside so no rule below takes them for markup.
        var escaped: [Character] = []
        var text = ""
        var iterator = markdown.makeIterator()
        while let character = iterator.next() {
            if character == "\\", let next = iterator.next() {
                if next.isPunctuation || next.isSymbol {
                    text.unicodeScalars.append(Unicode.Scalar(0xF0000 + UInt32(escaped.count))!)
                    escaped.append(next)
                } else {
                    text.append(character)
                    text.append(next)
                }
            } else {
                text.append(character)
            }
        }
        text = codeSpans(text)
        text = links(text)
        text = emphasis(text)
        text = HTMLBodyReader.plainText(text)
        guard !escaped.isEmpty else { return text }
        var restored = ""
        for scalar in text.unicodeScalars {
            let index = Int(scalar.value) - 0xF0000
            if index >= 0, index < escaped.count {
                restored.append(escaped[index])
            } else {
                restored.unicodeScalars.append(scalar)
            }
        }
        return restored
    }

    /// `` `code` `` → code, its content taken literally (escaped so later rules leave it alone).
    private static func codeSpans(_ text: String) -> String {
        guard text.contains("`") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`") {
            out += rest[..<open]
            let ticks = rest[open...].prefix(while: { $0 == "`" })
            let afterTicks = rest[ticks.endIndex...]
            guard let close = afterTicks.range(of: String(ticks)) else {
                out += ticks
                rest = afterTicks
                continue
            }
            let code = afterTicks[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += HTMLBodyWriter.escape(code).replacingOccurrences(of: "*", with: "&#42;")
                .replacingOccurrences(of: "_", with: "&#95;").replacingOccurrences(of: "[", with: "&#91;")
            rest = afterTicks[close.upperBound...]
        }
        return out + rest
    }

    /// `[words](url "title")`, `[words][ref]`, `![alt](src)`, `<https://...>` → their words.
    private static func links(_ text: String) -> String {
        guard text.contains("[") || text.contains("<http") else { return text }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<", let close = text[index...].firstIndex(of: ">"),
                text[text.index(after: index)..<close].hasPrefix("http"),
                !text[index..<close].contains(" ")
            {
                out += text[text.index(after: index)..<close]
                index = text.index(after: close)
                continue
            }
            let isImage = character == "!" && text[index...].dropFirst().first == "["
            let bracket = isImage ? text.index(after: index) : index
            if text[bracket] == "[", let (words, end) = link(in: text, at: bracket) {
                out += words
                index = end
                continue
            }
            out.append(character)
            index = text.index(after: index)
        }
        return out
    }

    /// The words of a link starting at `[`, and where it ends; nil when `[` starts no link.
    static func link(in text: String, at bracket: String.Index) -> (words: String, end: String.Index)? {
        var depth = 0
        var close: String.Index?
        for position in text[bracket...].indices {
            if text[position] == "[" { depth += 1 }
            if text[position] == "]" {
                depth -= 1
                if depth == 0 {
                    close = position
                    break
                }
            }
        }
        guard let close else { return nil }
        let words = String(text[text.index(after: bracket)..<close])
        let after = text.index(after: close)
        guard after < text.endIndex else { return (words, after) }
        if text[after] == "(" {
            // The destination may hold balanced parentheses: `(https://x.example/a_(b))`.
            var depth = 0
            for position in text[after...].indices {
                if text[position] == "(" { depth += 1 }
                if text[position] == ")" {
                    depth -= 1
                    if depth == 0 { return (words, text.index(after: position)) }
                }
            }
            return nil
        }
        if text[after] == "[", let end = text[after...].firstIndex(of: "]") {
            return (words, text.index(after: end))
        }
        return nil
    }

    /// `**strong**`, `__strong__`, `*em*`, `_em_`, `~~struck~~` → their words. A `_` inside a
    /// word (`snake_case`) and a lone `*` between spaces (`2 * 3`) are text.
    private static func emphasis(_ text: String) -> String {
        guard text.contains(where: { $0 == "*" || $0 == "_" || $0 == "~" }) else { return text }
        let characters = Array(text)
        var out = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "*" || character == "_" || character == "~" else {
                out.append(character)
                index += 1
                continue
            }
            var run = index
            while run < characters.count, characters[run] == character { run += 1 }
            let before = index > 0 ? characters[index - 1] : " "
            let after = run < characters.count ? characters[run] : " "
            let flanking = !(before.isWhitespace && after.isWhitespace)
            let insideWord = (before.isLetter || before.isNumber) && (after.isLetter || after.isNumber)
            let isMark = flanking && !(character == "_" && insideWord) && !(character == "~" && run - index < 2)
            if !isMark { out += String(characters[index..<run]) }
            index = run
        }
        return out
    }
}
