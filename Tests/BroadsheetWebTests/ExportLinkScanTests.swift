import Foundation
import Testing

@testable import BroadsheetWeb

/// The static export reads each page's links on its bytes; it must find what the regular
/// expression it replaced found, ` (href|src|srcset|data-info)="…"`, in the same order.
@Suite(.timeLimit(.minutes(10)))
struct ExportLinkScanTests {
    private static func byExpression(_ html: String) -> [String] {
        html.matches(of: #/\s(href|src|srcset|data-info)="([^"]*)"/#).map { "\($0.output.1)=\($0.output.2)" }
    }

    private static func byScan(_ html: String) -> [String] {
        ExportRun.linkAttributes(in: Data(html.utf8)).map { "\($0.name)=\($0.value)" }
    }

    @Test func aPageGivesItsLinksInOrder() {
        let page = """
            <a class="x" href="/news/1/ferry.html">Ferry</a><img
            src="/pages/1.jpg" srcset="/pages/1.jpg 1x, /pages/1@2x.jpg 2x" data-src="/no.jpg">
            <div data-info="/iiif/p1/info.json" title="say href=&quot;/no&quot;"></div><a href="">x</a>
            """
        #expect(
            Self.byScan(page) == [
                "href=/news/1/ferry.html", "src=/pages/1.jpg", "srcset=/pages/1.jpg 1x, /pages/1@2x.jpg 2x",
                "data-info=/iiif/p1/info.json", "href=",
            ])
        #expect(Self.byScan(page) == Self.byExpression(page))
        #expect(
            ExportRun.fileLinks(inPage: Data(page.utf8)) == [
                "/news/1/ferry.html", "/pages/1.jpg", "/pages/1.jpg", "/pages/1@2x.jpg", "/iiif/p1/info.json",
            ])
    }

    @Test func randomMarkupReadsAsTheExpressionReadsIt() {
        let pieces = [
            " href=\"", " src=\"", " srcset=\"", " data-info=\"", "href=\"", "-src=\"", "\"", " ", "\n", "\t", "=",
            "\"", "/a.html", "x", "é", "<a", ">", "setsrc=\"", "/news/7/ferry", ".", "/b.jpg 2x, ", "?v=1",
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let html = (0..<Int.random(in: 0..<30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                .joined()
            #expect(Self.byScan(html) == Self.byExpression(html), "\(html.debugDescription)")
            #expect(
                ExportRun.fileLinks(inPage: Data(html.utf8)) == Self.fileLinksOfEveryAttribute(html),
                "\(html.debugDescription)")
        }
    }

    /// The file links of every attribute the scan finds, looked at one by one: what the scan's own
    /// filter, which makes no String of a value with no `/` or no `.`, must agree with.
    private static func fileLinksOfEveryAttribute(_ html: String) -> [String] {
        ExportRun.linkAttributes(in: Data(html.utf8)).flatMap { attribute, value -> [String] in
            let value = value.replacingOccurrences(of: "&amp;", with: "&")
            let links =
                attribute == "srcset"
                ? value.components(separatedBy: ", ").compactMap { $0.split(separator: " ").first.map(String.init) }
                : [value]
            return links.filter { $0.hasPrefix("/") && !$0.hasPrefix("//") }
                .map { String($0.prefix { $0 != "?" && $0 != "#" }) }.filter(StaticLayout.namesFile)
        }
    }
}
