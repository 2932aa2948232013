import Broadsheet
import Foundation

/// Markdown's blocks as body blocks: paragraphs, `#` and underlined headings, `>` quotes,
/// lists (nested items flattened), fenced and indented code as preformatted text, a paragraph
/// that is only a picture (`![alt](src "title")`) as an image, and HTML blocks through
/// `HTMLBodyReader`. Thematic breaks separate blocks and are not kept.
struct MarkdownBlocks {
    let links: HTMLLinkPolicy
    private let meter = WorkMeter.current

    init(links: HTMLLinkPolicy) {
        self.links = links
    }

    func blocks(_ lines: [Substring]) -> [BodyBlock] {
        var blocks: [BodyBlock] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            meter?.count(1 + line.utf8.count)
            if Self.isBlank(line) {
                index += 1
            } else if let fence = Self.fence(line) {
                index = fenced(lines, from: index, fence: fence, into: &blocks)
            } else if Self.indentation(line) >= 4 {
                index = indented(lines, from: index, into: &blocks)
            } else if let heading = Self.atxHeading(line) {
                if !heading.isEmpty { blocks.append(.heading(MarkdownInline.text(heading))) }
                index += 1
            } else if Self.isThematicBreak(line) {
                index += 1
            } else if Self.quoteContent(line) != nil {
                index = quote(lines, from: index, into: &blocks)
            } else if Self.listMarker(line) != nil {
                index = list(lines, from: index, into: &blocks)
            } else if let shortcode = MarkdownShortcode.blocks(line, links: links) {
                blocks += shortcode
                index += 1
            } else if Self.isLinkDefinition(line) {
                // `[ref]: https://...` only gives a link its address; links are read as their words.
                index += 1
            } else if Self.isTableRow(line) {
                index = table(lines, from: index, into: &blocks)
            } else if Self.startsHTMLBlock(line) {
                var end = index
                while end < lines.count, !Self.isBlank(lines[end]) { end += 1 }
                blocks += HTMLBodyReader(baseURL: links.baseURL).blocks(
                    from: lines[index..<end].joined(separator: "\n"))
                index = end
            } else {
                index = paragraph(lines, from: index, into: &blocks)
            }
        }
        return blocks
    }

    // MARK: - Blocks

    private func fenced(_ lines: [Substring], from start: Int, fence: Substring, into blocks: inout [BodyBlock]) -> Int
    {
        let indent = Self.indentation(lines[start])
        var code: [Substring] = []
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            meter?.count(1 + line.utf8.count)
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix(fence), trimmed.allSatisfy({ $0 == fence.first || $0 == " " }) {
                index += 1
                break
            }
            code.append(Self.dropIndentation(line, upTo: indent))
            index += 1
        }
        let text = code.joined(separator: "\n")
        if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { blocks.append(.preformatted(text)) }
        return index
    }

    private func indented(_ lines: [Substring], from start: Int, into blocks: inout [BodyBlock]) -> Int {
        var code: [Substring] = []
        var index = start
        while index < lines.count, Self.isBlank(lines[index]) || Self.indentation(lines[index]) >= 4 {
            code.append(Self.dropIndentation(lines[index], upTo: 4))
            index += 1
        }
        while let last = code.last, Self.isBlank(last) { code.removeLast() }
        blocks.append(.preformatted(code.joined(separator: "\n")))
        return index
    }

    private func quote(_ lines: [Substring], from start: Int, into blocks: inout [BodyBlock]) -> Int {
        var inner: [Substring] = []
        var index = start
        while index < lines.count {
            let line = lines[index]
            meter?.count(1 + line.utf8.count)
            if let content = Self.quoteContent(line) {
                inner.append(content)
            } else if !Self.isBlank(line), !inner.isEmpty, !Self.isBlank(inner.last!), !startsBlock(line) {
                inner.append(line)  // a lazy continuation of the quoted paragraph
            } else {
                break
            }
            index += 1
        }
        let text = self.blocks(inner).map(\.text).filter { !$0.isEmpty }.joined(separator: "\n")
        if !text.isEmpty { blocks.append(.quote(text)) }
        return index
    }

    private func list(_ lines: [Substring], from start: Int, into blocks: inout [BodyBlock]) -> Int {
        let ordered = Self.listMarker(lines[start])!.ordered
        var items: [String] = []
        var current: [Substring] = []
        func finish() {
            let text = MarkdownInline.text(current.joined(separator: " "))
            if !text.isEmpty { items.append(text) }
            current.removeAll()
        }
        var index = start
        while index < lines.count {
            let line = lines[index]
            meter?.count(1 + line.utf8.count)
            if let marker = Self.listMarker(line) {
                finish()
                current.append(marker.content)
            } else if Self.isBlank(line) {
                // A blank line ends the list unless an item or an indented line follows; the
                // blank lines between are passed over at once, so each is looked at once.
                var next = index + 1
                while next < lines.count, Self.isBlank(lines[next]) { next += 1 }
                meter?.count(next - index)
                guard next < lines.count, Self.listMarker(lines[next]) != nil || Self.indentation(lines[next]) >= 2
                else { break }
                index = next
                continue
            } else if Self.indentation(line) >= 2 || !startsBlock(line) {
                current.append(line.drop(while: { $0 == " " || $0 == "\t" }))
            } else {
                break
            }
            index += 1
        }
        finish()
        if !items.isEmpty { blocks.append(.list(BodyList(ordered: ordered, items: items))) }
        return index
    }

    /// A pipe table: each row a paragraph, its cells separated by ` | `; the `|---|` rule dropped.
    private func table(_ lines: [Substring], from start: Int, into blocks: inout [BodyBlock]) -> Int {
        var index = start
        while index < lines.count, Self.isTableRow(lines[index]) {
            let row = lines[index].trimmingCharacters(in: .whitespaces)
            index += 1
            if row.allSatisfy({ "|-: \t".contains($0) }) { continue }
            var cells = row.split(separator: "|", omittingEmptySubsequences: false).map {
                MarkdownInline.text(String($0))
            }
            if cells.first?.isEmpty == true { cells.removeFirst() }
            if cells.last?.isEmpty == true { cells.removeLast() }
            let text = cells.joined(separator: " | ")
            if !text.isEmpty { blocks.append(.paragraph(text)) }
        }
        return index
    }

    private func paragraph(_ lines: [Substring], from start: Int, into blocks: inout [BodyBlock]) -> Int {
        var text: [Substring] = [lines[start]]
        var index = start + 1
        while index < lines.count {
            let line = lines[index]
            meter?.count(1 + line.utf8.count)
            if Self.isBlank(line) { break }
            if Self.isSetextUnderline(line) {
                blocks.append(
                    .heading(
                        MarkdownInline.text(text.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
                    ))
                return index + 1
            }
            if startsBlock(line) { break }
            text.append(line)
            index += 1
        }
        if let images = pictures(text) {
            blocks += images
            return index
        }
        // Two spaces or a backslash at a line's end are a line break; other line ends are spaces.
        var segments: [String] = []
        var segment: [Substring] = []
        for (position, line) in text.enumerated() {
            let isLast = position == text.count - 1
            if !isLast, line.hasSuffix("  ") || line.hasSuffix("\\") {
                segment.append(line.hasSuffix("\\") ? line.dropLast() : line)
                segments.append(MarkdownInline.text(segment.joined(separator: " ")))
                segment.removeAll()
            } else {
                segment.append(line)
            }
        }
        segments.append(MarkdownInline.text(segment.joined(separator: " ")))
        let paragraph = segments.filter { !$0.isEmpty }.joined(separator: "\n")
        if !paragraph.isEmpty { blocks.append(.paragraph(paragraph)) }
        return index
    }

    /// A paragraph made only of pictures (`![alt](src "title")`, perhaps inside a link) as image blocks.
    private func pictures(_ lines: [Substring]) -> [BodyBlock]? {
        var images: [BodyBlock] = []
        for line in lines {
            var text = line.trimmingCharacters(in: .whitespaces)
            // `[![alt](src)](href)`: the picture is what counts.
            if text.hasPrefix("[!["), text.hasSuffix(")"), let inner = text.range(of: "](", options: .backwards) {
                text = String(text[text.index(after: text.startIndex)..<inner.lowerBound])
            }
            guard text.hasPrefix("!["), text.hasSuffix(")"), let middle = text.range(of: "](") else { return nil }
            let alt = MarkdownInline.text(String(text[text.index(text.startIndex, offsetBy: 2)..<middle.lowerBound]))
            let target = text[middle.upperBound..<text.index(before: text.endIndex)].trimmingCharacters(
                in: .whitespaces)
            var source = Substring(target)
            var title: String?
            if let space = target.firstIndex(of: " ") {
                source = target[..<space]
                let rest = target[space...].trimmingCharacters(in: .whitespaces)
                if rest.count >= 2, let quote = rest.first, "\"'(".contains(quote) {
                    title = String(rest.dropFirst().dropLast())
                }
            }
            let url = source.hasPrefix("<") && source.hasSuffix(">") ? source.dropFirst().dropLast() : source
            guard !url.contains("]("), !alt.contains("](") else { return nil }
            if let safe = links.resolve(String(url)) {
                images.append(
                    .image(BodyImage(url: safe, alt: alt.isEmpty ? nil : alt, caption: title.map(MarkdownInline.text))))
            } else if !alt.isEmpty {
                images.append(.paragraph(alt))
            }
        }
        return images
    }

    /// A line that ends a paragraph by starting another block.
    private func startsBlock(_ line: Substring) -> Bool {
        if Self.fence(line) != nil || Self.atxHeading(line) != nil || Self.isThematicBreak(line)
            || Self.quoteContent(line) != nil || Self.startsHTMLBlock(line) || Self.isTableRow(line)
            || MarkdownShortcode.blocks(line, links: links) != nil
        {
            return true
        }
        // An ordered list interrupts a paragraph only when it starts at 1, as in CommonMark.
        guard let marker = Self.listMarker(line), !marker.content.isEmpty else { return false }
        return !marker.ordered || marker.start == 1
    }

    // MARK: - Lines

    static func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    static func indentation(_ line: Substring) -> Int {
        var width = 0
        for character in line {
            if character == " " { width += 1 } else if character == "\t" { width += 4 } else { break }
        }
        return width
    }

    static func dropIndentation(_ line: Substring, upTo width: Int) -> Substring {
        var dropped = 0
        var rest = line
        while dropped < width, let first = rest.first, first == " " || first == "\t" {
            dropped += first == "\t" ? 4 : 1
            rest = rest.dropFirst()
        }
        return rest
    }

    /// "```" or "~~~" (three or more) opening a fenced block.
    static func fence(_ line: Substring) -> Substring? {
        guard indentation(line) < 4 else { return nil }
        let trimmed = line.drop(while: { $0 == " " })
        for mark in ["`", "~"] {
            let run = trimmed.prefix(while: { String($0) == mark })
            if run.count >= 3 { return run }
        }
        return nil
    }

    static func atxHeading(_ line: Substring) -> String? {
        guard indentation(line) < 4 else { return nil }
        let trimmed = line.drop(while: { $0 == " " })
        let hashes = trimmed.prefix(while: { $0 == "#" })
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = trimmed.dropFirst(hashes.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        // `## Heading {#anchor .class}`: Hugo's heading attributes are not words.
        if text.hasSuffix("}"), let open = text.range(of: " {", options: .backwards),
            let first = text[open.upperBound...].first, first == "#" || first == "."
        {
            text = String(text[..<open.lowerBound])
        }
        while text.hasSuffix("#") { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    static func isThematicBreak(_ line: Substring) -> Bool {
        guard indentation(line) < 4 else { return false }
        let marks = line.filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    static func isSetextUnderline(_ line: Substring) -> Bool {
        guard indentation(line) < 4 else { return false }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first == "=" || first == "-" else { return false }
        return trimmed.allSatisfy { $0 == first }
    }

    /// The text of a `>` line. Nested quotes (`> > text`) are one quote: their markers are all
    /// dropped, so no depth of nesting makes the reader recurse.
    static func quoteContent(_ line: Substring) -> Substring? {
        guard indentation(line) < 4 else { return nil }
        var content = line.drop(while: { $0 == " " })
        guard content.first == ">" else { return nil }
        while content.first == ">" { content = content.dropFirst().drop(while: { $0 == " " }) }
        return content
    }

    static func listMarker(_ line: Substring) -> (ordered: Bool, start: Int, content: Substring)? {
        guard indentation(line) < 8 else { return nil }
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if let first = trimmed.first, "-+*".contains(first) {
            let rest = trimmed.dropFirst()
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
            guard !isThematicBreak(line) else { return nil }
            return (false, 1, rest.drop(while: { $0 == " " || $0 == "\t" }))
        }
        let digits = trimmed.prefix(while: \.isASCIIDigit)
        guard (1...9).contains(digits.count), let start = Int(digits) else { return nil }
        let rest = trimmed.dropFirst(digits.count)
        guard let delimiter = rest.first, delimiter == "." || delimiter == ")" else { return nil }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        return (true, start, after.drop(while: { $0 == " " || $0 == "\t" }))
    }

    /// `[ref]: https://example.org "title"` (not a footnote, `[^1]: ...`, which is text).
    static func isLinkDefinition(_ line: Substring) -> Bool {
        guard indentation(line) < 4 else { return false }
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.first == "[", trimmed.dropFirst().first != "^", let close = trimmed.firstIndex(of: "]") else {
            return false
        }
        let after = trimmed[trimmed.index(after: close)...]
        guard after.first == ":" else { return false }
        return !after.dropFirst().trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// `| a | b |`: a row of a pipe table.
    static func isTableRow(_ line: Substring) -> Bool {
        guard indentation(line) < 4 else { return false }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("|") && trimmed.count > 1
    }

    static func startsHTMLBlock(_ line: Substring) -> Bool {
        guard indentation(line) < 4 else { return false }
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.first == "<", let next = trimmed.dropFirst().first else { return false }
        if next == "!" { return true }
        // `<p>`, `</div>`, `<figure class=...>`; not an autolink like `<https://...>`.
        let name = trimmed.dropFirst(next == "/" ? 2 : 1).prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" })
        guard let first = name.first, first.isLetter else { return false }
        let after = trimmed.dropFirst((next == "/" ? 2 : 1) + name.count).first
        return after == nil || after == " " || after == ">" || after == "/" || after == "\t"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
