import Broadsheet
import BroadsheetFormats
import BroadsheetTestSupport
import Testing

@Suite("The desk's plain-text body", .timeLimit(.minutes(10)))
struct DeskBodyTextTests {
    static let everyKind: [BodyBlock] = [
        .paragraph("The ferry left Lantern Wharf at dawn with forty passengers aboard."),
        .heading("What the harbour master said"),
        .quote("“We waited for the tide,” she said.\n\nThen it turned."),
        .list(BodyList(ordered: false, items: ["Lantern Wharf", "Gull Island", "Saltmarsh"])),
        .list(BodyList(ordered: true, items: ["Board at the north gate", "Keep tickets ready"])),
        .image(
            BodyImage(
                url: "https://cdn.example.org/ferry.jpg", alt: "The ferry at the quay", caption: "Loading at dawn",
                credit: "Photo: Our Staff Photographer")),
        .image(BodyImage(url: "/images/gull-island.png")),
        .image(BodyImage(url: "map (old).png", alt: "A map [1910]", caption: nil, credit: "Archive")),
        .preformatted("Tide      Time\nHigh      06:12\n\n  Low     12:30  "),
        .embed(EmbedLink(url: "https://video.example.org/42", title: "The first crossing")),
        .embed(EmbedLink(url: "https://video.example.org/43")),
    ]

    @Test func everyKindOfBlockSurvivesTheRoundTrip() throws {
        let text = DeskBodyText.text(of: Self.everyKind)
        #expect(try DeskBodyText.blocks(from: text) == Self.everyKind)
    }

    @Test func theWriterUsesTheDocumentedSpelling() {
        let body: [BodyBlock] = [
            .heading("Timetable"), .quote("On time.\n\nEvery day."),
            .list(BodyList(ordered: true, items: ["North", "South"])),
            .image(BodyImage(url: "/a.jpg", alt: "Quay", caption: "At dawn", credit: "Photo: A. Noor")),
            .embed(EmbedLink(url: "https://video.example.org/7", title: "Launch")),
            .preformatted("a\n```\nb"),
        ]
        #expect(
            DeskBodyText.text(of: body) == """
                ## Timetable

                > On time.
                >
                > Every day.

                1. North
                2. South

                ![Quay](/a.jpg)
                Caption: At dawn
                Credit: Photo: A. Noor

                Embed: https://video.example.org/7
                Title: Launch

                ````
                a
                ```
                b
                ````
                """)
    }

    @Test(arguments: [
        "## Not a heading", "##", "> not a quote", ">", "- not an item", "-", "* not an item either",
        "1. not a numbered item", "12.", "![not](an-image.jpg)", "Embed: https://video.example.org/1",
        "embed: lower case", "Caption: a sentence that starts like a caption", "CREDIT: shouted",
        "Title: The Road", "```", "`````", "\\ a backslash first", "\\",
    ])
    func aParagraphThatLooksLikeSyntaxIsEscaped(text: String) throws {
        let written = DeskBodyText.text(of: [.paragraph(text)])
        #expect(written == "\\" + text)
        #expect(try DeskBodyText.blocks(from: written) == [.paragraph(text)])
    }

    @Test(arguments: [
        "#hashtag and ### three", "-5 degrees at the pass", "1.5 million passengers", ">50 boats",
        "Embedded reporters filed late", "Captions were missing", "**bold** is not ours", "`code` in a line",
        "!important", "a \\ backslash inside",
    ])
    func plainTextIsWrittenAsItIs(text: String) throws {
        #expect(DeskBodyText.text(of: [.paragraph(text)]) == text)
        #expect(try DeskBodyText.blocks(from: text) == [.paragraph(text)])
    }

    @Test func syntaxInsideABlockNeedsNoEscape() throws {
        let body: [BodyBlock] = [
            .heading("## two hashes"), .quote("- a dash\n1. a number\n![x](y)"),
            .list(BodyList(ordered: false, items: ["> arrow", "Caption: inside an item", "\\ slash"])),
            .image(BodyImage(url: "/x.png", alt: "Embed: inside alt", caption: "Credit: inside", credit: "## x")),
        ]
        #expect(try DeskBodyText.blocks(from: DeskBodyText.text(of: body)) == body)
    }

    @Test func readsWhatAReporterTypes() throws {
        let typed =
            "  The council met on Tuesday   \r\nand voted to reopen the bridge.\r\n\r\n\r\n"
            + "##   The vote  \r\n* yes: 9\r\n* no: 2\r\n\r\n7. first\r\n3. second\r\n"
            + "> “At last,”\r\n>\r\n>  said a ferryman.\r\n"
            + "![ The bridge ]( https://cdn.example.org/bridge.jpg )\r\ncaption:  Reopened  \r\nCREDIT: Photo: Staff\r\n"
            + "EMBED:   https://video.example.org/9  \r\ntitle: The vote\r\n   \r\n"
            + "Last paragraph, one line\nand another.\n"
        #expect(
            try DeskBodyText.blocks(from: typed) == [
                .paragraph("The council met on Tuesday and voted to reopen the bridge."),
                .heading("The vote"),
                .list(BodyList(ordered: false, items: ["yes: 9", "no: 2"])),
                .list(BodyList(ordered: true, items: ["first", "second"])),
                .quote("“At last,”\n\n said a ferryman."),
                .image(
                    BodyImage(
                        url: "https://cdn.example.org/bridge.jpg", alt: "The bridge", caption: "Reopened",
                        credit: "Photo: Staff")),
                .embed(EmbedLink(url: "https://video.example.org/9", title: "The vote")),
                .paragraph("Last paragraph, one line and another."),
            ])
    }

    @Test func preformattedTextKeepsBlankLinesSpacingAndWindowsEndings() throws {
        let typed = "```\r\n  Ward   Votes  \r\n\r\n  North  1,204\r\n```  \r\n"
        #expect(try DeskBodyText.blocks(from: typed) == [.preformatted("  Ward   Votes  \n\n  North  1,204")])
    }

    @Test func preformattedTextHoldingFencesGetsALongerFence() throws {
        let body: [BodyBlock] = [.preformatted("```\ncode\n  ````  \n```")]
        let text = DeskBodyText.text(of: body)
        #expect(text.hasPrefix("`````\n"))
        #expect(try DeskBodyText.blocks(from: text) == body)
    }

    @Test func rightToLeftTextRoundTrips() throws {
        let body: [BodyBlock] = [
            .heading("بندرگاہ کا پل دوبارہ کھل گیا"),
            .paragraph("کراچی کے بندرگاہ کا پل مرمت کے بعد پیر کو دوبارہ کھول دیا گیا۔"),
            .quote("«انتظار طويل»، قال أحد الصيادين."),
            .list(BodyList(ordered: true, items: ["پہلا مرحلہ", "المرحلة الثانية"])),
            .image(
                BodyImage(url: "/images/pul.jpg", alt: "پل کا منظر", caption: "صبح کے وقت", credit: "تصوير: فريقنا")),
            .paragraph("## عنوان نہیں"),
        ]
        #expect(try DeskBodyText.blocks(from: DeskBodyText.text(of: body)) == body)
    }

    @Test func theWriterBringsOtherBodiesToTheReadersForm() throws {
        let body: [BodyBlock] = [
            .paragraph("  A paragraph\nthat a feed\r\nbroke.  "), .paragraph(""), .paragraph(" \n "), .heading(""),
            .quote("  kept indent  \n   "), .quote("\n"),
            .list(BodyList(ordered: false, items: ["", " one ", "two\nlines"])),
            .list(BodyList(ordered: true, items: [" "])),
            .image(BodyImage(url: " /a.jpg ", alt: "", caption: " ", credit: "Photo:\nStaff")),
            .embed(EmbedLink(url: "https://video.example.org/5", title: "")), .preformatted(""),
            .preformatted("one\r\ntwo\rthree"),
        ]
        #expect(
            try DeskBodyText.blocks(from: DeskBodyText.text(of: body)) == [
                .paragraph("A paragraph that a feed broke."), .quote("  kept indent\n"),
                .list(BodyList(ordered: false, items: ["one", "two lines"])),
                .image(BodyImage(url: "/a.jpg", credit: "Photo: Staff")),
                .embed(EmbedLink(url: "https://video.example.org/5")), .preformatted("one\ntwo\nthree"),
            ])
    }

    @Test func theExampleHasOneBlockOfEachKindAndReads() throws {
        let blocks = try DeskBodyText.blocks(from: DeskBodyText.example)
        #expect(Set(blocks.map(\.type)) == Set(BodyBlock.types))
        #expect(blocks.last == .paragraph("## A line that starts with a backslash is plain text."))
        #expect(blocks.contains(.preformatted("Text kept exactly as typed:\nHigh   06:12\nLow    12:30")))
    }

    /// Long blocks are gathered in one pass: copying the lines gathered so far at each new line
    /// would take billions of steps here.
    @Test func aVeryLongBodyIsReadInOnePass() throws {
        let count = 50_000
        let text =
            (0..<count).map { "Line \($0) of the council's minutes" }.joined(separator: "\n") + "\n\n```\n"
            + (0..<count).map { "row \($0)" }.joined(separator: "\n") + "\n```\n\n"
            + (0..<count).map { "- item \($0)" }.joined(separator: "\n") + "\n\n"
            + (0..<count).map { "> said \($0)" }.joined(separator: "\n")
        let blocks = try DeskBodyText.blocks(from: text)
        #expect(blocks.count == 4)
        #expect(blocks.first?.text.hasSuffix("Line 49999 of the council's minutes") == true)
        #expect(blocks[1].text.hasSuffix("row 49998\nrow 49999"))
        guard case .list(let list) = blocks[2] else {
            Issue.record("expected a list, found \(blocks[2].type)")
            return
        }
        #expect(list.items.count == count)
        #expect(blocks[3].text.hasSuffix("said 49999"))
        #expect(try DeskBodyText.blocks(from: DeskBodyText.text(of: blocks)) == blocks)
    }

    static let mistakes: [(String, DeskBodyTextError)] = [
        ("", .emptyBody),
        (" \r\n\n\t\n", .emptyBody),
        ("Intro.\n\n![The quay]()", .imageWithoutURL(line: 3)),
        ("![The quay]( )\nCaption: At dawn", .imageWithoutURL(line: 1)),
        ("![The quay]", .malformedImage(line: 1)),
        ("![The quay](/a.jpg) and more", .malformedImage(line: 1)),
        ("One.\n\n![x](javascript:alert(1))", .unsafeURL(line: 3, url: "javascript:alert(1)")),
        ("![x](data:image/png;base64,AAAA)", .unsafeURL(line: 1, url: "data:image/png;base64,AAAA")),
        ("Embed: java\tscript:alert(1)", .unsafeURL(line: 1, url: "java\tscript:alert(1)")),
        ("Embed:", .embedWithoutURL(line: 1)),
        ("One.\n\n```\ncode\n\nmore", .unterminatedFence(line: 3, fence: "```")),
        ("````\ncode\n```", .unterminatedFence(line: 1, fence: "````")),
        (
            "A paragraph.\nCaption: under a paragraph",
            .misplacedLine(line: 2, keyword: "Caption:", belongsUnder: "an image line (![alt text](URL))")
        ),
        (
            "![x](/a.jpg)\n\nCredit: after a blank line",
            .misplacedLine(line: 3, keyword: "Credit:", belongsUnder: "an image line (![alt text](URL))")
        ),
        (
            "Embed: https://video.example.org/1\nCaption: wrong block",
            .misplacedLine(line: 2, keyword: "Caption:", belongsUnder: "an image line (![alt text](URL))")
        ),
        (
            "![x](/a.jpg)\nTitle: wrong block",
            .misplacedLine(line: 2, keyword: "Title:", belongsUnder: "an 'Embed: URL' line")
        ),
        ("![x](/a.jpg)\nCaption: one\nCaption: two", .repeatedLine(line: 3, keyword: "Caption:")),
        ("Embed: /v/1\nTitle: one\ntitle: two", .repeatedLine(line: 3, keyword: "Title:")),
        ("Intro.\n##   ", .emptyMarker(line: 2, marker: "##", expected: "the heading's text")),
        ("- one\n-\n- three", .emptyMarker(line: 2, marker: "-", expected: "the list item's text")),
        ("1. one\n2.", .emptyMarker(line: 2, marker: "2.", expected: "the list item's text")),
    ]

    @Test(arguments: mistakes)
    func aMistakeNamesItsLine(text: String, error: DeskBodyTextError) {
        #expect(throws: error) { try DeskBodyText.blocks(from: text) }
    }

    @Test func errorsSayWhatWasExpected() {
        #expect(
            DeskBodyTextError.imageWithoutURL(line: 4).description
                == "line 4: the image has no address; expected ![alt text](URL) with the picture's URL between the parentheses"
        )
        #expect(
            DeskBodyTextError.unterminatedFence(line: 9, fence: "```").description
                == "line 9: the preformatted text opened here with ``` is never closed; expected a line of ``` after it"
        )
        #expect(
            DeskBodyTextError.misplacedLine(
                line: 2, keyword: "Caption:", belongsUnder: "an image line (![alt text](URL))"
            )
            .description
                == "line 2: a 'Caption:' line belongs right under an image line (![alt text](URL)); "
                + "start the line with a backslash (\\Caption:) to keep it as text")
        #expect(DeskBodyTextError.emptyBody.description == "the body is empty; expected at least one paragraph")
        #expect(DeskBodyTextError.emptyBody.line == nil)
        #expect(DeskBodyTextError.unsafeURL(line: 3, url: "javascript:x").line == 3)
    }

    /// Bodies built from pieces that stress the syntax, in both scripts, written and read again.
    @Test func generatedBodiesRoundTrip() throws {
        var random = SeededGenerator(seed: 18)
        for _ in 0..<400 {
            let body = (0..<random.next(upTo: 8) + 1).map { _ in Self.block(&random) }
            let text = DeskBodyText.text(of: body)
            #expect(try DeskBodyText.blocks(from: text) == body, "\(text)")
        }
    }

    static let openings = [
        "##", "## ", ">", "> ", "-", "- ", "*", "* ", "1.", "2. ", "![", "![a](b)", "Embed:", "caption:", "Credit:",
        "TITLE:", "```", "\\", "#", "", "",
    ]
    static let words = [
        "ferry", "quay", "tide", "council", "vote", "پل", "بندرگاہ", "کراچی", "الميناء", "قال", "“quoted”", "(aside)",
        "[note]", "](", "`", "12:30", "–",
    ]

    static func phrase(_ random: inout SeededGenerator) -> String {
        let opening = openings[random.next(upTo: openings.count)]
        let rest = (0..<random.next(upTo: 5) + 1).map { _ in words[random.next(upTo: words.count)] }
        return String((opening + rest.joined(separator: " ")).drop(while: \.isWhitespace))
    }

    static func block(_ random: inout SeededGenerator) -> BodyBlock {
        func optional(_ random: inout SeededGenerator) -> String? { random.next(upTo: 2) == 0 ? nil : phrase(&random) }
        switch random.next(upTo: 8) {
        case 0: return .heading(phrase(&random))
        case 1: return .quote((0..<random.next(upTo: 3) + 1).map { _ in phrase(&random) }.joined(separator: "\n"))
        case 2:
            return .list(
                BodyList(
                    ordered: random.next(upTo: 2) == 0,
                    items: (0..<random.next(upTo: 4) + 1).map { _ in phrase(&random) }))
        case 3:
            return .image(
                BodyImage(
                    url: "/img/\(random.next(upTo: 100)).jpg", alt: optional(&random), caption: optional(&random),
                    credit: optional(&random)))
        case 4:
            return .preformatted((0..<random.next(upTo: 4) + 1).map { _ in phrase(&random) }.joined(separator: "\n"))
        case 5:
            return .embed(
                EmbedLink(url: "https://video.example.org/\(random.next(upTo: 100))", title: optional(&random)))
        default: return .paragraph(phrase(&random))
        }
    }
}

extension SeededGenerator {
    /// A number in `0..<bound`.
    fileprivate mutating func next(upTo bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }
}
