import Broadsheet

/// The desk's plain-text form of an article body, so a reporter edits every block in one text
/// box, with no JavaScript, and gets back exactly the blocks they wrote.
///
/// It is smaller and stricter than Markdown: each kind of block has one spelling, nothing is
/// guessed, and a line that cannot be read is an error naming it rather than text kept as it came.
///
/// - Blocks are separated by one or more blank lines; lines of one kind next to each other make
///   one block.
/// - A paragraph is plain lines, joined with a space.
/// - `## Heading text` is a heading.
/// - `> ` lines are a quotation; each line of it is kept as a line (a lone `>` is an empty one).
/// - `- item` or `* item` lines are a bulleted list, `1. item`, `2. item` a numbered one
///   (one item a line; the numbers themselves do not matter).
/// - `![alt text](URL)` is a picture, optionally followed by a `Caption: ...` and a
///   `Credit: ...` line. The URL is http, https or a path.
/// - `Embed: URL` is an embedded item kept as a link, optionally followed by `Title: ...`.
/// - Text between two lines of three backticks is kept exactly as typed, blank lines and
///   spacing included (preformatted: results tables, verse).
/// - A line that starts with a backslash is plain text, the backslash dropped: `\## Not a heading`.
///
/// Keywords (`Embed:`, `Caption:`, `Credit:`, `Title:`) are read in any case. Windows line
/// endings, trailing spaces and indentation outside preformatted text are accepted and dropped.
/// `example` shows every block and is what the desk's help can show under the text box.
///
/// `blocks(from: text(of: body)) == body` for a body in the form the reader gives: texts without
/// surrounding white space, paragraph, heading and item texts on one line, no empty text, alt
/// text, caption, credit or title. The writer brings any other body to that form (a line break
/// in a paragraph becomes a space; an empty paragraph or caption is left out), so saving a story
/// from the desk never moves text from one block into another.
public enum DeskBodyText {
    /// A body with one block of each kind, in this format: for the desk's help under the text box.
    public static let example = """
        A paragraph is plain text. Its lines are joined with a space,
        and a blank line starts the next block.

        ## A heading

        > A quotation, one line of it a line.

        - a bulleted item
        - another one

        1. a numbered item
        2. another one

        ![What the picture shows](https://example.org/harbour.jpg)
        Caption: The harbour at dawn
        Credit: Photo: Our Staff Photographer

        Embed: https://video.example.org/42
        Title: The ferry's first crossing

        ```
        Text kept exactly as typed:
        High   06:12
        Low    12:30
        ```

        \\## A line that starts with a backslash is plain text.
        """

    /// The body as the desk's text box shows it: blocks in order, a blank line between them.
    ///
    /// A paragraph that would read as something else (`## `, `> `, `- `, `1. `, `![`, `Embed:`,
    /// `Caption:`, a fence, a leading backslash) is written with a backslash before it.
    public static func text(of blocks: [BodyBlock]) -> String {
        blocks.compactMap(text(of:)).joined(separator: "\n\n")
    }

    /// The blocks a reporter typed, or the first line that could not be read.
    public static func blocks(from text: String) throws(DeskBodyTextError) -> [BodyBlock] {
        var reader = DeskBodyReader()
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
        for (index, line) in lines.enumerated() {
            try reader.read(line, number: index + 1)
        }
        return try reader.finish()
    }

    private static func text(of block: BodyBlock) -> String? {
        switch block {
        case .paragraph(let text):
            let line = oneLine(text)
            guard !line.isEmpty else { return nil }
            return DeskBodyLine(Substring(line)) == .text(Substring(line)) ? line : "\\" + line
        case .heading(let text):
            let line = oneLine(text)
            return line.isEmpty ? nil : "## " + line
        case .quote(let text):
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak).map {
                String($0.reversed().drop(while: \.isWhitespace).reversed())
            }
            guard lines.contains(where: { !$0.isEmpty }) else { return nil }
            return lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        case .list(let list):
            let items = list.items.map(oneLine).filter { !$0.isEmpty }
            guard !items.isEmpty else { return nil }
            return items.enumerated().map { (list.ordered ? "\($0.offset + 1). " : "- ") + $0.element }
                .joined(separator: "\n")
        case .image(let image):
            return
                (["![\(oneLine(image.alt ?? ""))](\(oneLine(image.url)))"]
                + attributeLine(.caption, image.caption) + attributeLine(.credit, image.credit))
                .joined(separator: "\n")
        case .preformatted(let text):
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isLineBreak)
            guard !text.isEmpty else { return nil }
            // A fence longer than any line of backticks in the text, so none of them closes it.
            let longest =
                lines.map(DeskBodyLine.trimmed).filter { !$0.isEmpty && $0.allSatisfy { $0 == "`" } }.map(\.count).max()
                ?? 0
            let fence = String(repeating: "`", count: max(3, longest + 1))
            return ([fence] + lines.map(String.init) + [fence]).joined(separator: "\n")
        case .embed(let embed):
            return (["Embed: " + oneLine(embed.url)] + attributeLine(.title, embed.title)).joined(separator: "\n")
        }
    }

    private static func attributeLine(_ attribute: DeskBodyAttribute, _ text: String?) -> [String] {
        let line = oneLine(text ?? "")
        return line.isEmpty ? [] : [attribute.keyword + " " + line]
    }

    /// A text as one line: line breaks made spaces, surrounding white space dropped.
    static func oneLine(_ text: String) -> String {
        String(DeskBodyLine.trimmed(Substring(String(text.map { $0.isLineBreak ? " " : $0 }))))
    }
}

extension Character {
    /// `\n`, `\r\n` or a lone `\r`: the line endings a browser's text box may send.
    fileprivate var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }
}
