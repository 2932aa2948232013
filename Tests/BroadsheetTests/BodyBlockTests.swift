import Broadsheet
import Foundation
import Testing

@Suite("Body blocks and the links they may carry", .timeLimit(.minutes(10)))
struct BodyBlockTests {
    static let rich: [BodyBlock] = [
        .paragraph("The ferry sailed."), .heading("Timetable"), .quote("“On time,” she said."),
        .list(BodyList(ordered: true, items: ["Lantern Wharf", "Gull Island"])),
        .image(
            BodyImage(
                url: "https://cdn.example/ferry.jpg", alt: "The ferry", caption: "At dawn", credit: "Photo: A. Noor")),
        .image(BodyImage(url: "/img/gull.png")),
        .preformatted("High  06:12\nLow   12:30"),
        .embed(EmbedLink(url: "https://video.example/42", title: "Launch video")),
        .embed(EmbedLink(url: "https://video.example/43")),
    ]

    @Test func storedParagraphHeadingAndQuoteJSONStillDecodes() throws {
        let stored =
            #"[{"text":"One.","type":"paragraph"},{"type":"heading","text":"Two"},{"type":"quote","text":"Three"}]"#
        let blocks = try JSONDecoder().decode([BodyBlock].self, from: Data(stored.utf8))
        #expect(blocks == [.paragraph("One."), .heading("Two"), .quote("Three")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(blocks), as: UTF8.self)
                == #"[{"text":"One.","type":"paragraph"},{"text":"Two","type":"heading"},{"text":"Three","type":"quote"}]"#
        )
    }

    @Test func everyBlockSurvivesItsJSON() throws {
        let data = try JSONEncoder().encode(Self.rich)
        #expect(try JSONDecoder().decode([BodyBlock].self, from: data) == Self.rich)
    }

    @Test func newBlocksHaveTheirOwnFieldsAndAText() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try Self.rich[3...].map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        #expect(
            json == [
                #"{"items":["Lantern Wharf","Gull Island"],"ordered":true,"text":"Lantern Wharf\nGull Island","type":"list"}"#,
                #"{"alt":"The ferry","caption":"At dawn","credit":"Photo: A. Noor","text":"At dawn Photo: A. Noor","type":"image","url":"https://cdn.example/ferry.jpg"}"#,
                #"{"alt":null,"caption":null,"credit":null,"text":"","type":"image","url":"/img/gull.png"}"#,
                #"{"text":"High  06:12\nLow   12:30","type":"preformatted"}"#,
                #"{"text":"Launch video","title":"Launch video","type":"embed","url":"https://video.example/42"}"#,
                #"{"text":"https://video.example/43","title":null,"type":"embed","url":"https://video.example/43"}"#,
            ])
    }

    @Test func anUnknownTypeNamesTheKnownOnes() {
        #expect {
            try JSONDecoder().decode(BodyBlock.self, from: Data(#"{"type":"table","text":"x"}"#.utf8))
        } throws: { error in
            "\(error)".contains("expected one of paragraph, heading, quote, list, image, preformatted, embed")
        }
    }

    @Test func searchTextCoversListsAndCaptions() {
        #expect(BodyBlock.image(BodyImage(url: "/a.jpg", alt: "A gull")).text == "A gull")
        #expect(BodyBlock.list(BodyList(ordered: false, items: ["a", "b"])).text == "a\nb")
    }

    @Test(arguments: [
        ("https://example.org/a.jpg", true), ("HTTP://example.org", true), ("/img/a.jpg", true), ("a.jpg", true),
        ("//cdn.example/a.jpg", true), ("#notes", true), ("?page=2", true), ("a/b:c", true),
        ("javascript:alert(1)", false), ("JavaScript:alert(1)", false), (" javascript:x", false),
        ("java\tscript:x", false), ("java\nscript:x", false), ("\u{0}javascript:x", false), ("data:text/html,x", false),
        ("vbscript:x", false), ("file:///etc/passwd", false), ("mailto:desk@example.org", false), ("", false),
    ])
    func linkSafety(url: String, allowed: Bool) {
        #expect(LinkSafety.allows(url) == allowed)
    }
}
