import Broadsheet
import BroadsheetFormats
import BroadsheetTestSupport
import Foundation
import Testing

/// Hostile HTML: whatever comes in, no script, handler or script URL comes out, and the words stay.
@Suite(.timeLimit(.minutes(10))) struct HTMLSanitiserTests {
    static let reader = HTMLBodyReader(baseURL: URL(string: "https://wire.example/news/")!)

    /// Inputs and the blocks they must give.
    static let hostile: [(String, [BodyBlock])] = [
        ("<script>alert(1)</script><p>Kept</p>", [.paragraph("Kept")]),
        ("<SCRIPT type=text/javascript>alert('<p>x</p>')</SCRIPT >After", [.paragraph("After")]),
        ("<script>never closed <p>hidden", []),
        ("<style>body{background:url(javascript:x)}</style>Text", [.paragraph("Text")]),
        ("<p onclick=\"alert(1)\" style=\"x:expression(1)\">Click</p>", [.paragraph("Click")]),
        ("<img src=\"javascript:alert(1)\" alt=\"x\">", []),
        ("<img src=\"JaVaScRiPt:alert(1)\">", []),
        ("<img src=\"jav&#x61;script:alert(1)\">", []),
        ("<img src=\"jav&#97;script:alert(1)\">", []),
        ("<img src=\"java\tscript:alert(1)\">", []),
        ("<img src=\"java&#x09;script:alert(1)\">", []),
        ("<img src=\" \u{01}javascript:alert(1)\">", []),
        ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", []),
        ("<img src=\"javascript&colon;alert(1)\">", []),
        ("<img src=\"&Tab;javascript:alert(1)\">", []),
        ("<img src=\"&#0000106&#0000097&#0000118&#0000097script:alert(1)\">", []),
        ("<img src=\"jav&NewLine;ascript:alert(1)\">", []),
        ("<p><a href=\"JAVASCRIPT:alert(1)\">Shouted</a></p>", [.paragraph("Shouted")]),
        ("<img src=\"vbscript:msgbox(1)\">", []),
        ("<img src=x onerror=alert(1)>", [.image(BodyImage(url: "https://wire.example/news/x"))]),
        ("<p><a href=\"javascript:alert(1)\">Only link</a></p>", [.paragraph("Only link")]),
        ("<p><a href=\"&#106;avascript:alert(1)\">Encoded</a></p>", [.paragraph("Encoded")]),
        ("<iframe src=\"javascript:alert(1)\"></iframe>Rest", [.paragraph("Rest")]),
        ("<iframe src=\"data:text/html,<script>alert(1)</script>\">", []),
        ("<embed src=\"vbscript:x\">", []),
        ("<object data=\"data:text/html,x\">Fallback words</object>", [.paragraph("Fallback words")]),
        ("<svg><script>alert(1)</script><text>Chart</text></svg>", [.paragraph("Chart")]),
        ("<math><mi>x</mi></math>", [.paragraph("x")]),
        ("<p>Unclosed <b>bold <i>italic", [.paragraph("Unclosed bold italic")]),
        ("</div></p></li>Stray ends", [.paragraph("Stray ends")]),
        ("<p>a</b></i></p>b", [.paragraph("a"), .paragraph("b")]),
        ("<<p>>Double<</p>>", [.paragraph("<"), .paragraph(">Double<"), .paragraph(">")]),
        ("x < y and y > z", [.paragraph("x < y and y > z")]),
        ("Cut off <a href=\"https://x.example", [.paragraph("Cut off <a href=\"https://x.example")]),
        ("Cut off <p class='x", [.paragraph("Cut off <p class='x")]),
        ("<!-- <script>alert(1)</script> -->Visible", [.paragraph("Visible")]),
        ("<!-- unclosed comment> Still here", [.paragraph("Still here")]),
        ("<![CDATA[<script>raw</script>]]>", [.paragraph("<script>raw</script>")]),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", [.paragraph("<script>alert(1)</script>")]),
        ("<textarea><script>alert(1)</script></textarea>", [.paragraph("<script>alert(1)</script>")]),
        ("<template><p>Hidden</p></template>Shown", [.paragraph("Shown")]),
        ("<noscript><p>No script</p></noscript>", [.paragraph("No script")]),
        ("<p>Nul\u{0}byte and\u{7}bell</p>", [.paragraph("Nulbyte andbell")]),
        (
            "<a href=\"https://ok.example\" onmouseover=\"x\">Safe link</a>",
            [
                .embed(EmbedLink(url: "https://ok.example", title: "Safe link"))
            ]
        ),
        (
            "<p><a href=\"  https://ok.example/a b  \">Spaces</a></p>",
            [
                .embed(EmbedLink(url: "https://ok.example/a%20b", title: "Spaces"))
            ]
        ),
        (
            "<base href=\"javascript:alert(1)//\"><img src=\"a.jpg\">",
            [.image(BodyImage(url: "https://wire.example/news/a.jpg"))]
        ),
    ]

    @Test(arguments: hostile)
    func hostileInput(html: String, expected: [BodyBlock]) {
        let blocks = Self.reader.blocks(from: html)
        #expect(blocks == expected)
        Self.expectInert(blocks)
    }

    @Test func deepNestingKeepsItsText() {
        let html =
            String(repeating: "<div><span>", count: 5_000) + "Deep words"
            + String(repeating: "</span></div>", count: 5_000)
        #expect(Self.reader.blocks(from: html) == [.paragraph("Deep words")])
    }

    @Test func manyUnclosedCommentsAreReadInOnePass() {
        let html = String(repeating: "<!-- x ", count: 50_000) + ">End"
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!Self.reader.blocks(from: html).isEmpty) }
        #expect(elapsed < .seconds(10))
    }

    /// Random bytes from a fixed seed: whatever the mess, the blocks carry no script.
    @Test func randomMarkupNeverGivesAScriptAddress() {
        var generator = SeededGenerator(seed: 20_261_126)
        let pieces = [
            "<", ">", "/", "\"", "'", "=", "&", "#", ";", "x", "a", "p", "img", "src", "href", "javascript:",
            "data:", " ", "\n", "<script>", "</script>", "<p>", "<a href=", "<img src=", "&#x61;", "<!--", "-->",
            "<figure>", "<figcaption>", "<li>", "<ul>", "<pre>", "jav", "ascript", "alert(1)", "https://ok.example/",
        ]
        for _ in 0..<500 {
            let html = (0..<60).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            Self.expectInert(Self.reader.blocks(from: html))
        }
    }

    static func expectInert(_ blocks: [BodyBlock], sourceLocation: SourceLocation = #_sourceLocation) {
        for block in blocks {
            switch block {
            case .image(let image):
                #expect(LinkSafety.allows(image.url), "\(image.url)", sourceLocation: sourceLocation)
                #expect(image.url.hasPrefix("https://"), sourceLocation: sourceLocation)
            case .embed(let embed):
                #expect(LinkSafety.allows(embed.url), "\(embed.url)", sourceLocation: sourceLocation)
                #expect(embed.url.hasPrefix("https://"), sourceLocation: sourceLocation)
            default:
                break
            }
        }
    }
}
