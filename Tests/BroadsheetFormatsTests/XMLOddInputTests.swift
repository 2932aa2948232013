import BroadsheetFormats
import Foundation
import Testing

/// Odd but possible markup: each is read or refused with an error, never a crash.
@Suite("Odd XML", .timeLimit(.minutes(10)))
struct XMLOddInputTests {
    @Test(arguments: [
        "<wp:post><wp:title>Unbound prefixes</wp:title></wp:post>",
        "<rss a:b=\"1\" xmlns:c=\"\"><c:x/></rss>",
        "<rss xmlns=\"\"><item xml:lang=\"ur\" xml:base=\"::\"/></rss>",
        "<rss>&#0;</rss>", "<rss>&#xD800;</rss>", "<rss>&#x110000;</rss>", "<rss a=\"&apos;&lt;&#x1F600;\"/>",
        "<rss><![CDATA[ unclosed </rss>", "<rss><!-- unclosed </rss>", "<rss><?pi data?></rss>",
        "<" + String(repeating: "n", count: 100_000) + "/>",
        "<rss " + (0..<2000).map { "a\($0)=\"\($0)\"" }.joined(separator: " ") + "/>",
        "<rss a=\"1\" a=\"2\"/>", "<rss>\u{1}</rss>", "<rss>\u{FFFE}</rss>", "\u{FEFF}\u{FEFF}<rss/>",
        "<?xml version=\"2.0\"?><rss/>", "<?xml version=\"1.0\" standalone=\"maybe\"?><rss/>",
        "<!DOCTYPE rss PUBLIC \"-//x\" \"http://127.0.0.1:9/x.dtd\"><rss>&x;</rss>",
        "<!DOCTYPE rss [<!ELEMENT rss ANY><!ATTLIST rss a CDATA \"dflt\">]><rss/>",
        "<rss xmlns:a=\"urn:a\" xmlns:b=\"urn:a\"><x a:y=\"1\" b:y=\"2\"/></rss>",
    ])
    func isReadOrRefusedWithoutACrash(text: String) {
        do {
            _ = try XMLTreeReader().read(Data(text.utf8), file: "odd.xml")
        } catch {
            #expect(error.file == "odd.xml")
            #expect(!error.message.isEmpty)
        }
    }
}
