import BroadsheetFormats
import Foundation
import Testing

@Suite("Telling the XML formats apart", .timeLimit(.minutes(10)))
struct XMLRootSnifferTests {
    @Test(arguments: [
        ("<nitf><head/></nitf>", XMLRootSniffer.Kind.nitf),
        (
            "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- wire --><newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">",
            .newsMLG2
        ),
        ("<?xml version=\"1.0\"?><!DOCTYPE NewsML [<!ELEMENT x (y)>]><NewsML Version=\"1.2\">", .newsML1),
        ("<g2:packageItem xmlns:g2=\"http://iptc.org/std/nar/2006-10-01/\">", .newsMLG2),
        ("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">", .rss),
        ("<rss version=\"2.0\"\n  xmlns:wp=\"http://wordpress.org/export/1.2/\">", .wordPress),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\">", .atom),
        ("<svg/>", .other(root: "svg")),
    ])
    func knowsTheRootElement(text: String, kind: XMLRootSniffer.Kind) {
        #expect(XMLRootSniffer.kind(of: Data(text.utf8)) == kind)
    }

    @Test(arguments: [
        "E-Paper | April 29, 2025\nHeadline", "{\"headline\": \"x\"}", "", "<?xml version=\"1.0\"", "<<not markup",
        "< rss>",
    ])
    func textThatIsNotXMLIsNoKind(text: String) {
        #expect(XMLRootSniffer.kind(of: Data(text.utf8)) == nil)
    }

    @Test func utf16IsRecognisedAndRead() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<nitf><head><title>Tide</title></head></nitf>"
        var data = Data([0xFF, 0xFE])
        data += text.data(using: .utf16LittleEndian)!
        #expect(XMLRootSniffer.kind(of: data) == .nitf)
        let root = try XMLTreeReader().read(data, file: "utf16.xml")
        #expect(root.path("head", "title")?.text == "Tide")
    }

    @Test func theFixturesAreRecognised() throws {
        #expect(XMLRootSniffer.kind(of: try XMLFixtures.data("nitf/ferry-timetable.xml")) == .nitf)
        #expect(XMLRootSniffer.kind(of: try XMLFixtures.data("newsml/newsml-1.2.xml")) == .newsML1)
        #expect(XMLRootSniffer.kind(of: try XMLFixtures.data("xml/billion-laughs.xml")) == .nitf)
    }
}
