import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading XML safely", .timeLimit(.minutes(10)))
struct XMLTreeReaderTests {
    func read(_ text: String, file: String = "doc.xml") throws(FormatError) -> XMLTreeElement {
        try XMLTreeReader().read(Data(text.utf8), file: file)
    }

    func error(_ data: Data, file: String = "doc.xml") -> FormatError? {
        do {
            _ = try XMLTreeReader().read(data, file: file)
            return nil
        } catch {
            return error
        }
    }

    @Test func keepsNamespacesLinesTextAndCDATA() throws {
        let root = try read(
            """
            <?xml version="1.0"?>
            <rss xmlns:content="http://purl.org/rss/1.0/modules/content/" xml:base="https://saltmarsh.example/">
              <item><title>Tide &amp; time</title>
                <content:encoded><![CDATA[<p>High water at noon.</p>]]></content:encoded>
              </item>
            </rss>
            """)
        #expect(root.name == "rss")
        #expect(root[attribute: "xml:base"] == "https://saltmarsh.example/")
        let item = try #require(root.child("item"))
        #expect(item.line == 3)
        #expect(item.child("title", in: .unqualified)?.text == "Tide & time")
        #expect(item.child("encoded", in: .content)?.text == "<p>High water at noon.</p>")
        #expect(item.child("encoded", in: .unqualified) == nil, "the namespace tells content:encoded apart")
    }

    @Test func detachedElementsArriveOneByOneWithTheirAncestorsAndLeaveTheTree() throws {
        let text = """
            <rss><channel><title>Wire</title>
            <item><title>One</title></item>
            <link>https://wire.example/</link>
            <item><title>Two</title></item>
            </channel></rss>
            """
        var seen: [(title: String, ancestors: [String], channelChildren: [String])] = []
        let items = XMLTreeReader.Detaching(["item"]) { item, ancestors in
            seen.append(
                (item.child("title")?.text ?? "", ancestors.map(\.name), ancestors.last?.elements.map(\.name) ?? []))
        }
        let root = try XMLTreeReader().read(Data(text.utf8), file: "wire.xml", detaching: items)
        #expect(seen.map(\.title) == ["One", "Two"])
        #expect(seen.map(\.ancestors) == [["rss", "channel"], ["rss", "channel"]])
        #expect(seen.map(\.channelChildren) == [["title"], ["title", "link"]], "what was read so far, items left out")
        #expect(root.child("channel")?.children("item").isEmpty == true)
    }

    @Test func theLineBreaksBetweenDetachedItemsDoNotPileUp() throws {
        let text =
            "<rss><channel><title>Wire</title>\n" + String(repeating: "<item><title>x</title></item>\n", count: 1000)
            + "</channel></rss>"
        var largest = 0
        let items = XMLTreeReader.Detaching(["item"]) { _, ancestors in
            largest = max(largest, ancestors.last?.children.count ?? 0)
        }
        _ = try XMLTreeReader().read(Data(text.utf8), file: "wire.xml", detaching: items)
        #expect(largest <= 2, "the title and at most one line break, not a thousand")
    }

    @Test func aWrongRootStopsBeforeAnythingIsDetached() throws {
        var detached = 0
        let items = XMLTreeReader.Detaching(["item"]) { _, _ in detached += 1 }
        let error = #expect(throws: FormatError.self) {
            try XMLTreeReader().root(
                of: Data("<feed>\n<item/></feed>".utf8), file: "f.xml", oneOf: ["rss"], format: "an RSS feed",
                detaching: items)
        }
        #expect(error?.description == "f.xml:1: expected an RSS feed (<rss>), found <feed>")
        #expect(detached == 0)
    }

    @Test func aBillionLaughsIsRefusedBeforeParsing() throws {
        let data = try XMLFixtures.data("xml/billion-laughs.xml")
        let clock = ContinuousClock()
        var found: FormatError?
        let took = clock.measure { found = error(data, file: "lol.xml") }
        let refusal = try #require(found)
        #expect(refusal.file == "lol.xml")
        #expect(refusal.line == 3, "the first <!ENTITY line")
        #expect(refusal.message.contains("never expands"))
        #expect(took < .seconds(1))
    }

    @Test func anExternalEntityIsNeverRead() throws {
        let secret = FileManager.default.temporaryDirectory.appending(path: "broadsheet-secret-\(UUID()).txt")
        try "TOPSECRET-PEBBLE".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let internalSubset = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "\(secret.absoluteString)">]>
            <rss><channel><title>&secret;</title></channel></rss>
            """
        let refusal = try #require(error(Data(internalSubset.utf8)))
        #expect(refusal.line == 2)
        #expect(!refusal.message.contains("TOPSECRET"))

        // An external DTD is not loaded either: its entity stays undefined.
        let dtd = FileManager.default.temporaryDirectory.appending(path: "broadsheet-secret-\(UUID()).dtd")
        try "<!ENTITY secret \"TOPSECRET-PEBBLE\">".write(to: dtd, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: dtd) }
        let externalDTD = """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "\(dtd.absoluteString)">
            <rss><channel><title>&secret;</title></channel></rss>
            """
        let undefined = try #require(error(Data(externalDTD.utf8)))
        #expect(undefined.line == 3)
        #expect(undefined.message.contains("'&secret;' is not defined"))
    }

    @Test func theExternalEntityFixtureIsRefused() throws {
        let refusal = try #require(error(try XMLFixtures.data("xml/external-entity.xml"), file: "xxe.xml"))
        #expect(refusal.description.hasPrefix("xxe.xml:3: the document declares its own entities"))
    }

    @Test func deepNestingIsRefusedWithItsLine() throws {
        let depth = XMLTreeReader.defaultMaximumDepth + 10
        let text = String(repeating: "<a>\n", count: depth) + String(repeating: "</a>", count: depth)
        let refusal = try #require(error(Data(text.utf8)))
        #expect(refusal.line == XMLTreeReader.defaultMaximumDepth + 1)
        #expect(refusal.message.contains("nest more than 256 deep"))
    }

    @Test(
        arguments: [
            ("", nil, "the file is empty"),
            ("  \n ", nil, "the file is empty"),
            ("<rss><channel><title>Cut", 1, "ends before its elements are closed"),
            ("<rss>\n<channel>\n</rss>", 3, "closing tag does not match"),
            ("<rss><title>Tide&nbsp;times</title></rss>", 1, "'&nbsp;' is not defined"),
            ("<rss></rss>\n<rss></rss>", 2, "content after the document's root element"),
            ("just some words", 1, "found no root element"),
            ("<rss><item a=1/></rss>", 1, "a tag or attribute is malformed"),
        ] as [(String, Int?, String)])
    func brokenInputNamesTheLineAndTheProblem(text: String, line: Int?, message: String) throws {
        let problem = try #require(error(Data(text.utf8), file: "broken.xml"))
        #expect(problem.file == "broken.xml")
        #expect(problem.line == line)
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    @Test func invalidUTF8IsReportedNotGuessed() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss><title>Caf".utf8)
        data += [0xE9, 0xFF]
        data += Data("</title></rss>".utf8)
        let problem = try #require(error(data))
        #expect(problem.line == 2)
        #expect(problem.message.hasPrefix("not UTF-8 text at byte 55"), "\(problem.message)")
    }

    @Test func aTruncatedFixtureNamesItsLastLine() throws {
        let problem = try #require(error(try XMLFixtures.data("nitf/truncated.xml"), file: "truncated.xml"))
        #expect(problem.line == 11)
        #expect(problem.message.contains("truncated"))
    }
}

@Suite("Reading large and differently encoded XML", .timeLimit(.minutes(10)))
struct XMLTreeReaderSizeTests {
    @Test func aFiftyMegabyteBodyInParagraphsIsReadWhole() throws {
        let paragraph = "<p>" + String(repeating: "The tide turned at the quay. ", count: 34) + "</p>\n"
        let count = 50 * 1024 * 1024 / paragraph.utf8.count + 1
        var text = "<nitf><head><docdata><doc-id id-string=\"long\"/><date.issue norm=\"20251104\"/></docdata>"
        text += "</head><body><body.head><hedline><hl1>Long</hl1></hedline></body.head><body.content>\n"
        text += String(repeating: paragraph, count: count)
        text += "</body.content></body></nitf>"
        let data = Data(text.utf8)
        #expect(data.count > 50 * 1024 * 1024)
        let results = NITFReader(publication: XMLFixtures.publication).read(data, file: "long.xml")
        let story = try #require(try XMLFixtures.articles(results).first)
        #expect(story.content.body.count == count)
    }

    @Test func aFiftyMegabyteEscapedDescriptionIsReadWhole() throws {
        let paragraph = "&lt;p&gt;" + String(repeating: "The tide turned at the quay. ", count: 34) + "&lt;/p&gt;\n"
        let count = 50 * 1024 * 1024 / paragraph.utf8.count + 1
        let text =
            "<rss><channel><item><title>Long</title><guid>long</guid><pubDate>04 Nov 2025 09:30 Z</pubDate>"
            + "<description>" + String(repeating: paragraph, count: count) + "</description></item></channel></rss>"
        let results = RSSReader(publication: XMLFixtures.publication).read(Data(text.utf8), file: "long.xml")
        let story = try #require(try XMLFixtures.articles(results).first)
        #expect(story.content.body.count == count)
    }

    /// Bytes that are not text in the declared encoding, inside element names: FoundationXML
    /// would trap on them, so they must be refused before parsing.
    @Test(arguments: ["US-ASCII", "UTF-8", "Shift_JIS", "UTF-16"])
    func badBytesInNamesAreAnErrorNotACrash(encoding: String) throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"\(encoding)\"?>\n<a".utf8)
        data += [0xFE, 0x82, 0xA0]
        data += Data("><b".utf8)
        data += [0x81, 0xFF]
        data += Data("/></a>".utf8)
        #expect(throws: FormatError.self) { try XMLTreeReader().read(data, file: "bad.xml") }
    }

    @Test func anEncodingWeDoNotReadIsNamed() throws {
        let data = Data("<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>".utf8)
        let error = #expect(throws: FormatError.self) { try XMLTreeReader().read(data, file: "k.xml") }
        #expect(error?.message.contains("declares the encoding 'x-klingon'") == true)
    }

    @Test func aDeclaredWindows1252FeedIsDecoded() throws {
        var data = Data("<?xml version='1.0' encoding='windows-1252'?>\n<rss><channel><title>".utf8)
        data += [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94]  // “Café” in windows-1252
        data += Data("</title></channel></rss>".utf8)
        let root = try XMLTreeReader().read(data, file: "cp1252.xml")
        #expect(root.child("channel")?.child("title")?.text == "\u{201C}Caf\u{E9}\u{201D}")
    }

    @Test func aDeclaredLatin1FeedIsDecoded() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Caf".utf8)
        data += [0xE9]
        data += Data("</title></channel></rss>".utf8)
        let root = try XMLTreeReader().read(data, file: "latin1.xml")
        #expect(root.child("channel")?.child("title")?.text == "Café")
    }
}
