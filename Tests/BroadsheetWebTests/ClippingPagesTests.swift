import Broadsheet
import BroadsheetImages
import Foundation
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// A reader's clipping: the cut part of the page as the page's picture and its link preview
/// (`og:image`), the stories it holds, and the article's way to share its own clipping.
@Suite("Clippings of printed pages", .timeLimit(.minutes(10)))
struct ClippingPagesTests {
    @Test func anArticleSharesItsClippingWhosePreviewIsThatPartOfThePage() async throws {
        try await ReplicaFixture.withApp { client, filed in
            let ids = await filed.ids
            let pages = await filed.pages
            let regions = await filed.regions
            let leadID = try #require(ids[ReplicaFixture.lead])
            let front = try #require(pages.first)
            let digest = try #require(front.image.flatMap(ImageAddress.init)?.digest)
            let bounds = try #require(PageBox.union(regions[leadID]?.regions(on: 1).map(\.bounds) ?? []))
            let clipping = Clipping(around: bounds, on: front)

            let article = try await client.get("/news/\(leadID)/lantern-wharf-bridge-reopens").text
            let path = "/epaper/2026-11-24/1/clip/\(clipping)"
            #expect(article.contains(#"<a class="printed-places__clip" href="\#(path)">Share this clipping</a>"#))

            let response = try await client.get(path)
            #expect(response.status == .ok)
            let html = response.text
            let picture = "/iiif/3/\(digest)/\(clipping)/\(min(1200, clipping.width)),/0/default.jpg"
            #expect(
                html.contains(#"<meta property="og:image" content="https://gazette.example\#(picture)">"#), "\(html)")
            #expect(html.contains(#"<meta property="og:title" content="\#(ReplicaFixture.lead)">"#))
            #expect(html.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
            #expect(html.contains(#"<img src="\#(picture)""#))
            #expect(html.contains(#"<a href="/news/\#(leadID)/lantern-wharf-bridge-reopens">"#), "read it as text")
            #expect(html.contains(#"<link rel="canonical" href="https://gazette.example\#(path)">"#))
            let image = try await client.get(picture)
            #expect(image.status == .ok, "the preview is an image the service makes")
        }
    }

    @Test(arguments: [
        ("/epaper/2026-11-24/1/clip/0,0,5,5", 400),
        ("/epaper/2026-11-24/1/clip/0,0,99999,100", 400),
        ("/epaper/2026-11-24/1/clip/a,b,c,d", 400),
        ("/epaper/2026-11-24/9/clip/0,0,100,100", 404),
        ("/epaper/2020-01-01/1/clip/0,0,100,100", 404),
    ])
    func aClippingOffThePageIsRefused(path: String, status: Int) async throws {
        try await ReplicaFixture.withApp { client, _ in
            let response = try await client.get(path)
            #expect(response.status.code == status, "\(path)")
        }
    }
}
