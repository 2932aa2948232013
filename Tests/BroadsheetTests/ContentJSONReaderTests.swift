import BroadsheetTestSupport
import Foundation
import Testing

@testable import Broadsheet

/// `ContentJSONReader` must give what `JSONDecoder` gives, or nothing: what it answers is what
/// every page shows of a story.
@Suite("Reading stored content without JSONDecoder", .timeLimit(.minutes(10)))
struct ContentJSONReaderTests {
    static func foundation(_ json: String) throws -> ArticleContent {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(ArticleContent.self, from: Data(json.utf8))
    }

    /// Words that JSON has to escape, or that are more than one byte of UTF-8.
    static let words = [
        "ferry", "\"quoted\"", "back\\slash", "a/b", "tab\there", "line\nbreak", "bell\u{07}", "\u{1F}",
        "مشاعرہ", "—", "🦀", "e\u{301}", "", " ", "\u{7F}", "\u{2028}",
    ]

    static func text(_ generator: inout SeededGenerator, _ count: Int) -> String {
        (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    static func maybe<T>(_ generator: inout SeededGenerator, _ value: (inout SeededGenerator) -> T) -> T? {
        generator.next() % 2 == 0 ? value(&generator) : nil
    }

    static func block(_ generator: inout SeededGenerator) -> BodyBlock {
        switch generator.next() % 7 {
        case 0: .paragraph(text(&generator, 6))
        case 1: .heading(text(&generator, 2))
        case 2: .quote(text(&generator, 4))
        case 3:
            .list(
                BodyList(
                    ordered: generator.next() % 2 == 0,
                    items: (0..<Int(generator.next() % 3)).map { _ in text(&generator, 2) }))
        case 4:
            .image(
                BodyImage(
                    url: "https://cdn.example/" + text(&generator, 1), alt: maybe(&generator) { text(&$0, 2) },
                    caption: maybe(&generator) { text(&$0, 3) },
                    credit: maybe(&generator) { text(&$0, 1) }))
        case 5: .preformatted(text(&generator, 3))
        default: .embed(EmbedLink(url: "/video/" + text(&generator, 1), title: maybe(&generator) { text(&$0, 2) }))
        }
    }

    static func content(_ generator: inout SeededGenerator) -> ArticleContent {
        // Whole seconds, fractions of one, and instants before 1970.
        let seconds = Double(Int64(generator.next() % 4_000_000_000) - 1_000_000_000)
        let instant = Date(timeIntervalSince1970: seconds + Double(generator.next() % 1000) / 997)
        let kinds = Author.Kind.allCases
        return ArticleContent(
            headline: text(&generator, 5), summary: maybe(&generator) { text(&$0, 8) },
            byline: maybe(&generator) { text(&$0, 2) },
            authors: (0..<Int(generator.next() % 3)).map { _ in
                Author(name: text(&generator, 2), kind: kinds[Int(generator.next() % UInt64(kinds.count))])
            },
            dateline: maybe(&generator) {
                $0.next() % 2 == 0
                    ? Dateline(places: [text(&$0, 1), text(&$0, 1)])
                    : Dateline(
                        places: [text(&$0, 1)], date: maybe(&$0) { _ in "April 28" },
                        agency: maybe(&$0) { text(&$0, 1) }, style: .wire)
            },
            body: (0..<Int(generator.next() % 9)).map { _ in block(&generator) },
            section: Section(name: text(&generator, 1)),
            topics: (0..<Int(generator.next() % 3)).map { _ in Topic(name: text(&generator, 2)) },
            language: generator.next() % 2 == 0 ? "en" : "ur",
            published: Timestamp(instant, precision: generator.next() % 2 == 0 ? .day : .minute),
            updated: maybe(&generator) { _ in Timestamp(instant.addingTimeInterval(5400.25)) },
            edition: EditionReference(
                publication: text(&generator, 2),
                date: EditionDate(instant, in: TimeZone(identifier: "Asia/Karachi") ?? .gmt),
                region: maybe(&generator) { text(&$0, 1) }, supplement: maybe(&generator) { text(&$0, 2) },
                page: maybe(&generator) {
                    PageReference(number: 1 + Int($0.next() % 40), name: maybe(&$0) { text(&$0, 1) })
                }),
            source: ArticleSource(format: "ninjs", uri: "urn:desk.example:" + text(&generator, 1)))
    }

    @Test func storedContentReadsAsJSONDecoderReadsIt() throws {
        var generator = SeededGenerator(seed: 7_12_2026)
        for _ in 0..<600 {
            let stored = try ContentCoding.encode(Self.content(&generator))
            let read = try #require(ContentJSONReader.content(stored), "left to JSONDecoder: \(stored)")
            #expect(read == (try Self.foundation(stored)), "\(stored)")
        }
    }

    /// Canonical JSON is what the stores write; these are what another writer of the same content
    /// could have written, which it reads too.
    static let written: [String] = [
        // Spaces between everything, fields in another order, optional fields missing.
        #" { "source" : { "uri" : "urn:a" , "format" : "epaper" } , "body" : [ ] , "authors" : [ ] , "topics" : [ ] , "headline" : "Ferry" , "language" : "en" , "section" : { "slug" : "city" , "name" : "City" } , "published" : { "precision" : "day" , "instant" : 0 } , "edition" : { "publication" : "The Harbour Times" , "date" : "2026-03-01" } } "#,
        // Every escape JSON has, a pair of surrogates among them, and `null` for optional fields.
        #"{"authors":[{"kind":"agency","name":"Gull \u0050ress","slug":"gull-press"}],"body":[{"text":"\"Q\" \\ \/ \b\f\n\r\t \u00e9 \ud83e\udd80 \u0645","type":"paragraph"}],"byline":null,"dateline":null,"edition":{"date":"2026-03-01","page":null,"publication":"P","region":null,"supplement":null},"headline":"H","language":"ur","published":{"instant":1.7143584e9,"precision":"minute"},"section":{"name":"S","slug":"s"},"source":{"format":"f","uri":"u"},"summary":null,"topics":[],"updated":null}"#,
        // Fields no part of the content has, of every shape, are stepped over.
        #"{"authors":[],"body":[{"type":"list","items":["one","two"],"extra":{"a":[1,-2.5e-3,true,false,null,{"b":"c"}]}},{"type":"image","url":"/a.jpg","alt":null,"text":"x"}],"edition":{"date":"2026-03-01","publication":"P","page":{"number":-0,"name":"Front"}},"headline":"H","language":"en","published":{"instant":-86400.5,"precision":"day"},"section":{"name":"S","slug":"s"},"source":{"format":"f","uri":"u"},"topics":[{"name":"T","slug":"t","count":3}],"version":2,"dateline":{"places":["A","B"],"style":"wire","future":[[]]}}"#,
    ]

    @Test(arguments: written)
    func writtenContentReadsAsJSONDecoderReadsIt(json: String) throws {
        let read = try #require(ContentJSONReader.content(json))
        #expect(read == (try Self.foundation(json)))
    }

    /// A stored content the reader reads, for `unsure` to spoil one part of.
    static let stored =
        #"{"authors":[{"kind":"staff","name":"N","slug":"n"}],"body":[{"text":"T","type":"paragraph"}],"edition":{"date":"2026-03-01","page":{"number":3},"publication":"P"},"headline":"H","language":"en","published":{"instant":0,"precision":"day"},"section":{"name":"S","slug":"s"},"source":{"format":"f","uri":"u"},"topics":[]}"#

    /// What the reader would have to guess at, or what is not JSON or not content, each put in
    /// place of a part of `stored`: `JSONDecoder` answers for it.
    static let unsure: [(part: String, spoilt: String)] = [
        (#""headline":"H""#, #""headline":"A","headline":"B""#),
        (#""type":"paragraph""#, #""type":"sidebar""#),
        (#""kind":"staff""#, #""kind":"robot""#),
        (#""headline":"H""#, #""headline":"\ud83e""#),
        (#""headline":"H""#, #""headline":"\udd80\ud83e""#),
        (#""headline":"H""#, "\"headline\":\"tab\tinside\""),
        (#""headline":"H""#, #""headline":"\x""#),
        (#""headline":"H""#, #""headline":7"#),
        (#""number":3"#, #""number":3.0"#),
        (#""number":3"#, #""number":03"#),
        (#""instant":0"#, #""instant":01"#),
        (#""instant":0"#, #""instant":1e999"#),
        (#""date":"2026-03-01""#, #""date":"2026-02-30""#),
        (#"{"text":"T","type":"paragraph"}"#, #"{"type":"paragraph"}"#),
        (#""topics":[]}"#, #""topics":[],}"#),
        (#""topics":[]}"#, #""topics":[1,]}"#),
        (#""topics":[]}"#, #""topics":[]} x"#),
        (#""topics":[]}"#, #""topics":[]"#),
    ]

    @Test func theStoredContentToSpoilReads() {
        #expect(ContentJSONReader.content(Self.stored) != nil)
    }

    @Test(arguments: unsure)
    func whatItIsUnsureOfIsLeftToJSONDecoder(part: String, spoilt: String) throws {
        #expect(Self.stored.contains(part))
        let json = Self.stored.replacingOccurrences(of: part, with: spoilt)
        #expect(ContentJSONReader.content(json) == nil, "\(json)")
    }

    /// An unknown field is stepped over by recursion: nested past `deepestSkipped`, the content is
    /// left to `JSONDecoder` rather than run the stack out.
    @Test func deeplyNestedFieldsAreLeftToJSONDecoder() throws {
        func nested(_ depth: Int) -> String {
            Self.stored.replacingOccurrences(
                of: #""topics":[]}"#,
                with: #""topics":[],"notes":"# + String(repeating: "[", count: depth)
                    + String(repeating: "]", count: depth) + "}")
        }
        let deepest = nested(ContentJSONReader.deepestSkipped)
        #expect(ContentJSONReader.content(deepest) == (try Self.foundation(deepest)))
        #expect(ContentJSONReader.content(nested(ContentJSONReader.deepestSkipped + 1)) == nil)
        #expect(ContentJSONReader.content(nested(200_000)) == nil)
    }

    @Test func contentCodingStillSaysWhatIsWrong() {
        #expect(throws: DecodingError.self) { try ContentCoding.decode(#"{"headline":7}"#) }
    }
}
