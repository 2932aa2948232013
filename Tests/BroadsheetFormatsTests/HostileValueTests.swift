import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Every importer answers hostile values with a named error or an article, and never traps:
/// out-of-range and unreadable dates, numbers no integer holds, bytes that are not UTF-8,
/// control characters, megabyte lines, nesting a hundred thousand deep.
@Suite(.timeLimit(.minutes(10)))
struct HostileValueTests {
    /// One input for one reader and what must come of it: an error whose message holds
    /// `expected`, or (with `expected` nil) at least one article and no error.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reader: @Sendable (Publication) -> any ArticleReader
        var bytes: [UInt8]
        var expected: String?

        init(
            _ name: String, _ reader: @escaping @Sendable (Publication) -> any ArticleReader, _ text: String,
            _ expected: String?
        ) {
            self.init(name, reader, bytes: Array(text.utf8), expected)
        }

        init(
            _ name: String, _ reader: @escaping @Sendable (Publication) -> any ArticleReader, bytes: [UInt8],
            _ expected: String?
        ) {
            self.name = name
            self.reader = reader
            self.bytes = bytes
            self.expected = expected
        }

        var testDescription: String { name }
    }

    static func ninjs(_ fields: String) -> String {
        #"{"uri": "urn:tide", "headline": "Tide", "body_text": "The tide turned.", "# + fields + "}"
    }

    static func feed(_ fields: String) -> String {
        #"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "a", "title": "Tide", "#
            + #""content_text": "The tide turned.", "# + fields + "}]}"
    }

    static func ghost(_ post: String) -> String {
        #"{"db": [{"data": {"posts": [{"id": "p1", "title": "Tide", "# + post + "}]}}]}"
    }

    static func mobiledoc(_ sections: String) -> String {
        ghost(
            #""published_at": "2026-03-22T09:00:00Z", "mobiledoc": "{\"cards\": [[\"code\", {\"code\": \"x\"}]], "#
                + #"\"sections\": \#(sections)}""#)
    }

    static func markdown(_ matter: String, body: String = "The tide turned.") -> String {
        "---\ntitle: Tide\n" + matter + "\n---\n" + body + "\n"
    }

    static func rss(date: String, body: String = "The tide turned.") -> String {
        "<rss><channel><item><title>Tide</title><guid>g</guid><pubDate>\(date)</pubDate>"
            + "<description>\(body)</description></item></channel></rss>"
    }

    static func atom(date: String) -> String {
        #"<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>g</id><title>Tide</title>"#
            + "<updated>\(date)</updated><content>The tide turned.</content></entry></feed>"
    }

    static let megabyteLine = "tide ".times(200_000)
    static let notUTF8: [UInt8] =
        Array("{\"uri\": \"u\", \"headline\": \"".utf8) + [0xC3, 0x28, 0xFF] + Array("\"}".utf8)

    static let cases: [Case] = [
        // ninjs
        .init(
            "ninjs: year 999", NinjsReader.init, ninjs(#""versioncreated": "0999-03-14T08:15:00Z""#),
            "years 1000 to 9999"),
        .init(
            "ninjs: year 0", NinjsReader.init, ninjs(#""versioncreated": "0000-00-00T00:00:00Z""#), "years 1000 to 9999"
        ),
        .init(
            "ninjs: year 10000", NinjsReader.init, ninjs(#""versioncreated": "10000-01-01T00:00:00Z""#),
            "years 1000 to 9999"),
        .init(
            "ninjs: a day that is not", NinjsReader.init, ninjs(#""versioncreated": "2026-02-30""#),
            "expected a date-time"),
        .init("ninjs: NaN", NinjsReader.init, ninjs(#""versioncreated": NaN"#), "not valid JSON"),
        .init("ninjs: a number for a date", NinjsReader.init, ninjs(#""versioncreated": 1e400"#), "not valid JSON"),
        .init(
            "ninjs: a huge number for the uri", NinjsReader.init,
            #"{"uri": 123456789012345678901234567890, "headline": "T", "body_text": "x", "versioncreated": "2026-03-14"}"#,
            "uri"),
        .init("ninjs: bytes that are not UTF-8", NinjsReader.init, bytes: notUTF8, "UTF-8"),
        .init(
            "ninjs: control characters", NinjsReader.init,
            ninjs(#""versioncreated": "2026-03-14", "description_text": "a\u0001\u001Fb""#), nil),
        .init(
            "ninjs: a megabyte line", NinjsReader.init,
            ninjs(#""versioncreated": "2026-03-14", "description_text": ""# + megabyteLine + "\""), nil),
        .init(
            "ninjs: arrays nested 100,000 deep", NinjsReader.init, ninjs(#""subject": "# + "[".times(100_000)),
            "not valid JSON"),
        // JSON Feed
        .init(
            "JSON Feed: year 999", JSONFeedReader.init, feed(#""date_published": "0999-03-14T08:15:00Z""#),
            "years 1000 to 9999"),
        .init(
            "JSON Feed: year 10000", JSONFeedReader.init, feed(#""date_published": "10000-03-14T08:15:00Z""#),
            "years 1000 to 9999"),
        .init(
            "JSON Feed: a number for a date", JSONFeedReader.init, feed(#""date_published": -1e308"#), "date_published"),
        .init(
            "JSON Feed: a day that is not", JSONFeedReader.init, feed(#""date_published": "2026-13-01""#),
            "expected a date-time"),
        .init(
            "JSON Feed: objects nested 100,000 deep", JSONFeedReader.init, feed(#""x": "# + #"{"a":"#.times(100_000)),
            "not valid JSON"),
        // Ghost
        .init(
            "Ghost: year 0", GhostReader.init, ghost(#""html": "<p>x</p>", "published_at": "0000-01-01T00:00:00Z""#),
            "years 1000 to 9999"),
        .init(
            "Ghost: a section type no integer holds", GhostReader.init,
            mobiledoc("[[1e300, \\\"p\\\", []], [1, \\\"p\\\", [[0, [], 0, \\\"Words.\\\"]]]]"), nil),
        .init(
            "Ghost: a card index no integer holds", GhostReader.init,
            mobiledoc("[[10, 1e300], [10, -1e300], [10, 0.5], [10, 0]]"), nil),
        .init(
            "Ghost: lexical nested 100,000 deep", GhostReader.init,
            ghost(#""published_at": "2026-03-22T09:00:00Z", "lexical": ""# + #"{\"root\":"#.times(100_000) + "\""),
            "field 'posts[0].lexical'"),
        // Markdown front matter
        .init(
            "Markdown: year 0", { MarkdownReader(publication: $0) }, markdown("date: 0000-00-00"), "years 1000 to 9999"),
        .init(
            "Markdown: year 10000", { MarkdownReader(publication: $0) }, markdown("date: 10000-01-01"),
            "years 1000 to 9999"),
        .init(
            "Markdown: a number for a date", { MarkdownReader(publication: $0) },
            markdown("date: 99999999999999999999999"),
            "field 'date'"),
        .init("Markdown: NaN for a date", { MarkdownReader(publication: $0) }, markdown("date: .nan"), "field 'date'"),
        .init(
            "Markdown: flow nested 100,000 deep", { MarkdownReader(publication: $0) },
            markdown("date: 2026-03-14\ntags: " + "[".times(100_000)), "nests lists or mappings"),
        .init(
            "Markdown: bytes that are not UTF-8", { MarkdownReader(publication: $0) },
            bytes: Array(markdown("date: 2026-03-14").utf8) + [0xFF, 0xFE], "UTF-8"),
        .init(
            "Markdown: 200,000 escapes on a megabyte line", { MarkdownReader(publication: $0) },
            markdown("date: 2026-03-14", body: "\\*".times(200_000)), nil),
        .init(
            "Markdown: control characters", { MarkdownReader(publication: $0) },
            markdown("date: 2026-03-14", body: "a\u{1}\u{7}\u{1B}b"), nil),
        .init(
            "Markdown: private-use characters", { MarkdownReader(publication: $0) },
            markdown("date: 2026-03-14", body: "a\u{F0000}\u{10FFFD}\\*b"), nil),
        // RSS and Atom dates
        .init(
            "RSS: year 999", RSSReader.init, rss(date: "Tue, 29 Apr 0999 10:32:00 +0500"),
            "expected a publication date in the item's pubDate"),
        .init(
            "RSS: year 10000", RSSReader.init, rss(date: "Tue, 29 Apr 10000 10:32:00 +0500"),
            "expected a publication date"),
        .init(
            "RSS: huge numbers", RSSReader.init, rss(date: "99999999999999999999 Apr 2025 99999999999999999999:00"),
            "expected a publication date"),
        .init("RSS: NaN", RSSReader.init, rss(date: "NaN"), "expected a publication date"),
        .init(
            "RSS: a control character", RSSReader.init, rss(date: "Tue, 29 Apr 2025 10:32:00 +0500", body: "a&#1;b"),
            "not allowed in XML"),
        .init(
            "RSS: a megabyte line", RSSReader.init, rss(date: "Tue, 29 Apr 2025 10:32:00 +0500", body: megabyteLine),
            nil),
        .init("Atom: year 0", AtomReader.init, atom(date: "0000-01-01T00:00:00Z"), "expected a publication date"),
        .init("Atom: year 10000", AtomReader.init, atom(date: "10000-01-01T00:00:00Z"), "expected a publication date"),
        .init(
            "Atom: basic form, year 999", AtomReader.init, atom(date: "09990101T000000Z"), "expected a publication date"
        ),
        .init(
            "Atom: a day that is not", AtomReader.init, atom(date: "2025-02-29T00:00:00Z"),
            "expected a publication date"),
    ]

    @Test(arguments: cases)
    func answersWithAnErrorOrAnArticle(_ hostile: Case) {
        let results = hostile.reader(EPaper.publication).read(Data(hostile.bytes), file: "hostile.in")
        #expect(!results.isEmpty)
        let errors = results.compactMap { result -> FormatError? in
            if case .failure(let error) = result { return error }
            return nil
        }
        guard let expected = hostile.expected else {
            #expect(errors.isEmpty, "\(errors)")
            return
        }
        #expect(errors.contains { $0.message.contains(expected) }, "\(errors)")
        #expect(errors.allSatisfy { $0.file == "hostile.in" })
    }

    @Test(arguments: [
        (
            "E-Paper | April 29, 0999\nTide\nOur Staff Reporter Published April 29, 2025\n\nThe tide turned.\n",
            "after 'E-Paper |'"
        ),
        (
            "E-Paper | April 29, 2025\nTide\nOur Staff Reporter Published April 29, 0999\n\nThe tide turned.\n",
            "Published"
        ),
        ("Tide\n\nThe tide turned.\n\nPublished in Dawn, April 29th, 0999\n", "print line"),
    ])
    func ePaperDatesOutsideTheYearsAreRefused(text: String, expected: String) {
        let results = EPaperTextParser(publication: EPaper.publication).parse(text, file: "page.txt")
        guard case .failure(let error)? = results.first else {
            Issue.record("expected an error, got \(results)")
            return
        }
        #expect(error.message.contains(expected), "\(error)")
    }

    @Test func datesAtTheEdgesOfTheYearsAreRead() {
        let utc = TimeZone.gmt
        #expect(DateTimeText.timestamp("1000-01-01", in: utc) != nil)
        #expect(DateTimeText.timestamp("9999-12-31T23:59:59Z", in: utc) != nil)
        #expect(DateTimeText.timestamp("0999-12-31", in: utc) == nil)
        #expect(InternetDate.timestamp("Fri, 31 Dec 9999 23:59:59 GMT", zone: utc) != nil)
        #expect(InternetDate.timestamp("Thu, 31 Dec 0999 23:59:59 GMT", zone: utc) == nil)
        #expect(
            DateTimeText.rfc3339(Date(timeIntervalSince1970: 1e15)).isEmpty == false, "far instants write, not trap")
    }
}
