import Broadsheet
@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// The Markdown reader does work in step with its input, however the input is built.
@Suite(.timeLimit(.minutes(10)))
struct MarkdownLinearWorkTests {
    static let reader = MarkdownReader(publication: EPaper.publication)

    static let cases: [LinearWorkCase] = [
        .init("emphasis runs") { "*".times($0) + "x" + "_".times($0) },
        .init("unclosed brackets") { "[".times($0) + "x" },
        .init("closed brackets") { "[".times($0) + "x" + "]".times($0) },
        .init("unclosed link destinations") { "[a](".times($0) },
        .init("unclosed autolinks") { "<http".times($0) },
        .init("autolinks sharing one close") { "<http".times($0) + ">" },
        .init("unclosed backtick runs") { (1...$0).map { _ in "``" }.joined(separator: " ` ") },
        .init("backtick runs of falling length") { n in
            // Runs of k, k-1, ..., 1 ticks: each searched for in vain by a reader that scans ahead.
            let k = Int(Double(2 * n).squareRoot())
            return stride(from: k, to: 0, by: -1).map { "`".times($0) }.joined(separator: "a")
        },
        .init("escapes") { "\\*".times($0) },
        .init("nested quote markers") { "> ".times($0) + "x" },
        .init("quoted lines") { "> line\n".times($0) },
        .init("blank lines inside a list") { "- a\n" + "\n".times($0) + "- b\n" },
        .init("list items") { "- item\n".times($0) },
        .init("indented list items") { n in (0..<n).map { " ".times($0 % 7) + "- x" }.joined(separator: "\n") },
        .init("shortcode parameters") { "{{< figure " + "a ".times($0) + ">}}" },
        .init("paragraph lines") { "word\n".times($0) },
        .init("paragraphs") { "word\n\n".times($0) },
        .init("table rows") { "| a | b |\n".times($0) },
        .init("fenced lines") { "```\n" + "code\n".times($0) },
        .init("one long line of links") { "[a](b) ".times($0) },
    ]

    @Test(arguments: cases)
    func page(_ body: LinearWorkCase) {
        body.expectLinear {
            _ = Self.reader.read(Data(("---\ntitle: Tides\ndate: 2026-03-14\n---\n" + $0).utf8), file: "tides.md")
        }
    }

    @Test func inlineMarkupStillReadsAsBefore() throws {
        let page =
            "---\ntitle: T\ndate: 2026-03-14\n---\n"
            + #"See [the *pier*](https://x.example/a_(b)) and <https://y.example>, `a*b` \*not em\*, [ref][r]."#
        let article = try FormatFixtures.article(Self.reader, Data(page.utf8))
        #expect(article.content.body == [.paragraph("See the pier and https://y.example, a*b *not em*, ref.")])
    }

    /// Characters set aside while the rules run never mix with the text's own private-use ones.
    @Test func privateUseCharactersAndEscapesComeBackAsWritten() throws {
        let page = "---\ntitle: T\ndate: 2026-03-14\n---\n" + "a\u{F0000}\u{10FFFD}\\*b \\_c\u{F0001}"
        let article = try FormatFixtures.article(Self.reader, Data(page.utf8))
        #expect(article.content.body == [.paragraph("a\u{F0000}\u{10FFFD}*b _c\u{F0001}")])
    }
}
