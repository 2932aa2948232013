import Broadsheet
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("The route table: every route comes from SiteURL, and every link is answered", .timeLimit(.minutes(10)))
struct SiteURLTests {
    /// One link of every route, with values the fixture archive holds, and the method it answers.
    static func samples(
        _ archive: WebFixture.Archive, printed: EditionDate, image: String = String(repeating: "ab", count: 32)
    ) -> [(SiteURL, HTTPRequest.Method)] {
        let id = archive.bridge
        let pakistan = Slug("Pakistan")
        let transport = Slug("Transport")
        let staff = Slug("Our Staff Reporter")
        var reads: [SiteURL] = [
            .front, .archive, .edition(.value(WebFixture.april29)), .printedPage(.value(printed), .value(3)),
            .clipping(.value(printed), .value(3), .value("0,0,100,100")),
            .editionBook(.value(WebFixture.april29)),
            .permalink(.value(id)), .article(.value(id), .value(Slug("Harbour bridge reopens after repairs"))),
            .section(.value(pakistan)), .topic(.value(transport)), .author(.value(staff)),
            .listingPage(.section(.value(pakistan)), .value(1)), .listingPage(.topic(.value(transport)), .value(1)),
            .listingPage(.author(.value(staff)), .value(1)), .search, .openSearch,
            .robots, .sitemapIndex, .sitemap(.value("2025-04.xml")), .newsSitemap, .staticFile(.value("style.css")),
            .health, .metrics, .imageService(.value(image)), .imageInfo(.value(image)),
            .image(.value(id: image, region: "full", size: "max")), .iiifCollection, .editionManifest(.value(printed)),
            .editionSearch(.value(printed)), .pageALTO(.value(printed), .value(3)),
        ]
        for format in FeedFormat.allCases {
            reads += [
                .feed(nil, format), .feed(.section(.value(pakistan)), format), .feed(.topic(.value(transport)), format),
                .feed(.author(.value(staff)), format),
            ]
        }
        reads += [
            .articles, .article(.value(id)), .revisions(.value(id)), .revision(.value(id), .value(1)),
            .revisionDiff(.value(id), .value(1)), .editions, .edition(.value(WebFixture.april29)),
            .printedPages(.value(printed)), .printedPage(.value(printed), .value(3)), .sections, .topics,
            .authors, .search, .openAPI, .users, .tokens, .audit,
        ].map(SiteURL.api)
        let writes: [(APIRoute, HTTPRequest.Method)] = [
            (.articles, .post), (.article(.value(archive.draft)), .patch), (.article(.value(archive.draft)), .delete),
            (.publish(.value(archive.draft)), .post), (.unpublish(.value(archive.draft)), .post),
            (.corrections(.value(archive.draft)), .post), (.session, .post), (.session, .delete),
            (.importBatch, .post), (.users, .post), (.user(.value("nobody")), .delete),
            (.user(.value("nobody")), .patch), (.tokens, .post),
            (.token(.value(999_999)), .delete),
        ]
        let desk: [(DeskRoute, HTTPRequest.Method)] =
            [
                (.home, .get), (.signIn, .get), (.signIn, .post), (.signOut, .post), (.articles, .post),
                (.newArticle, .get), (.importStory, .post), (.preview, .post), (.article(.value(id)), .get),
                (.article(.value(id)), .post), (.revisions(.value(id)), .get), (.compareRevisions(.value(id)), .get),
                (.restoreRevision(.value(id), .value(1)), .post), (.editions, .get),
                (.edition(.value(WebFixture.april29)), .get), (.moveStory(.value(WebFixture.april29)), .post),
                (.users, .get), (.users, .post), (.removeUser(.value("nobody")), .post),
                (.changeRole(.value("nobody")), .post), (.tokens, .post),
                (.revokeToken(.value(1)), .post), (.audit, .get),
            ] + DeskStep.allCases.map { (.step(.value(id), $0), .post) }
        return reads.map { ($0, .get) } + writes.map { (SiteURL.api($0), $1) } + desk.map { (SiteURL.desk($0), $1) }
    }

    @Test func everyRegisteredRouteIsASiteURLAndEverySiteURLIsRegistered() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routes-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteStore(path: folder)
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        let registered = Set(
            buildRouter(site: site, metrics: Telemetry.registry).routes
                .filter { $0.method != .head }
                .map { "\($0.method) \($0.path)" })
        let archive = WebFixture.Archive(bridge: 1, markets: 2, poetry: 3, ferry: 4, draft: 5)
        let sampled = Set(Self.samples(archive, printed: WebFixture.april29).map { "\($1) \($0.route)" })
        #expect(
            registered.subtracting(sampled).isEmpty,
            "routes without a SiteURL sample: \(registered.subtracting(sampled))")
        #expect(
            sampled.subtracting(registered).isEmpty, "SiteURLs no route answers: \(sampled.subtracting(registered))")
        try await store.close()
    }

    @Test func everySiteURLLinkIsAnsweredByItsRoute() async throws {
        let printed = EditionDate(year: 2025, month: 4, day: 30)!
        let (images, image, root) = try await IIIFImageTests.folderWithPicture()
        defer { try? FileManager.default.removeItem(at: root) }
        try await WebFixture.withApp(
            images: images,
            extra: { store in
                var content = WebFixture.story(
                    "Tide tables for the week", section: "Pakistan", topics: ["Transport"],
                    byline: "Our Staff Reporter",
                    date: printed, hour: 6)
                content.edition.page = PageReference(number: 3, name: "Coast")
                _ = try await store.save(content, status: .published)
                // Enough for a numbered page of the section, topic and author.
                for number in 1...40 {
                    _ = try await store.save(
                        WebFixture.story(
                            "Tide table number \(number)", section: "Pakistan", topics: ["Transport"],
                            byline: "Our Staff Reporter", date: printed, hour: number),
                        status: .published)
                }
                let page = try PrintedPage(date: printed, number: 3, width: 400, height: 300, image: "\(image).ppm")
                try await store.savePrintedPages(
                    [PrintedPageWords(page: page, words: [])], publication: WebFixture.publication.name)
            }
        ) { client, archive in
            for (address, method) in Self.samples(archive, printed: printed, image: image) {
                let response = try await client.execute(uri: address.path, method: method)
                #expect(
                    response.status != .notFound && response.status != .methodNotAllowed,
                    "\(method) \(address.path) (\(address.route)): \(response.status)")
            }
        }
    }

    /// What a path segment becomes, in HTTP (`path`) and in a page's `href`.
    @Test(arguments: [
        ("pakistan", "/sections/pakistan", "/sections/pakistan"),
        ("front page", "/sections/front%20page", "/sections/front%20page"),
        ("a/b?c#d%e", "/sections/a%2Fb%3Fc%23d%25e", "/sections/a%2Fb%3Fc%23d%25e"),
        ("café", "/sections/caf%C3%A9", "/sections/café"),
        ("مشاعرہ", "/sections/%D9%85%D8%B4%D8%A7%D8%B9%D8%B1%DB%81", "/sections/مشاعرہ"),
        ("it's-(new)", "/sections/it's-(new)", "/sections/it's-(new)"),
    ])
    func segmentsAreEncoded(slug: String, path: String, href: String) {
        let address = SiteURL.section(.value(Slug(verbatim: slug)))
        #expect(address.path == path)
        #expect(address.href == href)
        #expect(address.route == "/sections/{slug}")
    }

    @Test func routesAndLinksOfEachShape() {
        #expect(SiteURL.front.path == "/")
        #expect(SiteURL.article(.key, .key).route == "/news/{id}/{slug}")
        #expect(SiteURL.article(.value(42), .value(Slug("Harbour bridge"))).path == "/news/42/harbour-bridge")
        #expect(SiteURL.feed(.topic(.key), .atom).route == "/topics/{slug}/atom.xml")
        #expect(SiteURL.feed(nil, .json).path == "/feed.json")
        #expect(SiteURL.api(.revisionDiff(.value(7), .value(2))).path == "/api/v1/articles/7/revisions/2/diff")
        #expect(SiteURL.desk(.home).path == "/desk")
        #expect(SiteURL.desk(.step(.key, .publish)).route == "/desk/articles/{id}/publish")
        #expect(SiteURL.desk(.restoreRevision(.value(7), .value(2))).path == "/desk/articles/7/revisions/2/restore")
        #expect(SiteURL.section(.value(Slug("World"))).path(page: nil) == "/sections/world")
        #expect(SiteURL.section(.value(Slug("World"))).path(page: 1) == "/sections/world/page/1")
        #expect(SiteURL.section(.value(Slug("World"))).path(page: 3) == "/sections/world/page/3")
    }

    @Test func slugsWithSpacesAndOtherScriptsReachTheirPages() async throws {
        try await WebFixture.withApp(extra: { store in
            var content = WebFixture.story(
                "Desk notes", section: "Front Page", topics: [], byline: "Our Staff Reporter",
                date: WebFixture.april29, hour: 5)
            content.section = Section(name: "Front Page", slug: "front page")
            _ = try await store.save(content, status: .published)
        }) { client, archive in
            let spaced = SiteURL.section(.value(Slug(verbatim: "front page")))
            let section = try await client.get(spaced.path)
            #expect(section.status == .ok, "\(spaced.path)")
            #expect(section.text.contains("Desk notes"))
            for format in FeedFormat.allCases {
                let feed = try await client.get(
                    SiteURL.feed(.section(.value(Slug(verbatim: "front page"))), format).path)
                #expect(feed.status == .ok)
            }
            let poetry = try await client.get("/news/\(archive.poetry)")
            let location = try #require(poetry.headers[.location])
            let page = try await client.get(location)
            #expect(page.status == .ok, "the Urdu article's own link: \(location)")
        }
    }

    /// Follows every link of the site's pages, two steps from the front page: none is dead.
    @Test func noPageLinksToAnAddressNoRouteAnswers() async throws {
        try await WebFixture.withApp { client, archive in
            var seen: Set<String> = []
            var queue = ["/", "/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs", "/search?q=harbour"]
            for _ in 0..<2 {
                var next: [String] = []
                for page in queue where seen.insert(page).inserted {
                    let response = try await client.get(page)
                    #expect(response.status == .ok, "\(page)")
                    for link in Self.localLinks(in: response.text) where !seen.contains(link) {
                        next.append(link)
                    }
                }
                queue = next
            }
            for link in queue where seen.insert(link).inserted {
                let response = try await client.get(link)
                #expect(response.status == .ok, "a dead link: \(link)")
            }
            #expect(seen.count > 40, "the crawl reached \(seen.count) addresses")
        }
    }

    /// The site-relative `href`s and `action`s of a page, as a browser would request them.
    static func localLinks(in html: String) -> [String] {
        let pattern = /(?:href|action)="(\/[^"]*)"/
        return html.matches(of: pattern).map { match in
            let link = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
            return link.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.union(["%"])) ?? link
        }
    }
}
