import BroadsheetFormats
import Foundation
import Testing

/// `--format auto`: the content decides, the name only when the content cannot.
@Suite(.timeLimit(.minutes(10))) struct FormatSnifferTests {
    @Test(arguments: [
        (
            #"{"version": "https://jsonfeed.org/version/1.1", "title": "Gazette", "items": []}"#, "feed.json",
            ArticleFormat.jsonfeed
        ),
        (#"{"title": "Gazette", "items": [], "version":"https://jsonfeed.org/version/1"}"#, "-", .jsonfeed),
        (#"{"db": [{"meta": {}, "data": {"posts": []}}]}"#, "export.json", .ghost),
        (#"{"uri": "urn:x", "headline": "H"}"#, "story.json", .ninjs),
        ("\u{FEFF}\n  {\"headlines\": [{\"value\": \"H\"}]}", "-", .ninjs),
        (#"[{"versionCreated": "2026-03-14T08:15:00Z"}]"#, "-", .ninjs),
        ("{\"uri\": \"a\"}\n{\"uri\": \"b\"}\n", "wire.jsonl", .ninjs),
        ("{\"something\": \"else\"}", "notes.jsonl", .ninjs),
        ("---\ntitle: Ferry\n---\nText", "-", .markdown),
        ("+++\ntitle = 'Ferry'\n+++\n", "page.md", .markdown),
        ("# Just a heading\n\nText.", "page.md", .markdown),
        ("E-Paper | April 29, 2025\nHeadline\n", "copy.json", .epaper),
        ("KARACHI: A body with no headline.", "copy.txt", .epaper),
        ("Some words.", "-", .epaper),
    ])
    func contentDecides(text: String, file: String, format: ArticleFormat) {
        #expect(FormatSniffer.format(of: Data(text.utf8), file: file) == format)
    }

    @Test func xmlIsToldApartByItsRootWhateverTheName() {
        #expect(FormatSniffer.format(of: Data("<?xml version=\"1.0\"?><rss/>".utf8), file: "feed.xml") == .rss)
        #expect(FormatSniffer.format(of: Data("<rss/>".utf8), file: "feed.txt") == .rss)
        #expect(FormatSniffer.format(of: Data("<nitf/>".utf8), file: "story.json") == .nitf)
        #expect(FormatSniffer.format(of: Data("<svg/>".utf8), file: "picture.xml") == nil)
    }
}
