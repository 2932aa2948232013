import Broadsheet
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Operations: health, metrics, static files and themes", .timeLimit(.minutes(10)))
struct OperationsTests {
    @Test func healthAnswersWhenTheDatabaseDoes() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/healthz")
            #expect(response.status == .ok)
            #expect(response.text == "ok\n")
        }
    }

    @Test func metricsCountRequestsByRoute() async throws {
        try await WebFixture.withApp { client, archive async throws in
            _ = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            let response = try await client.get("/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(response.text.contains("/news/{id}/{slug}"), "requests are labelled by route, not by URL")
            #expect(response.text.contains("http_server_request_duration"))
        }
    }

    @Test func theStylesheetIsServed() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/static/style.css")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(response.text.contains("@media print"))
            #expect(response.headers[.cacheControl] == "public, max-age=3600")
            let tag = try #require(response.headers[.eTag])
            let again = try await client.execute(uri: "/static/style.css", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            let zipped = try await client.execute(
                uri: "/static/style.css", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(try await client.get("/static/nothing.css").status == .notFound)
        }
    }

    @Test func aThemeFolderReplacesTemplatesAndStaticFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("static"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{<layout}}{{$content}}<h1 class=\"themed\">{{headline}}</h1>{{/content}}{{/layout}}"
            .write(to: folder.appendingPathComponent("templates/article.mustache"), atomically: true, encoding: .utf8)
        try "body { color: rebeccapurple; }".write(
            to: folder.appendingPathComponent("static/style.css"), atomically: true, encoding: .utf8)
        let theme = try Theme.load(overridesFrom: folder.path)
        try await WebFixture.withApp(theme: theme) { client, archive async throws in
            let article = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs").text
            #expect(article.contains(#"<h1 class="themed">Harbour bridge reopens after repairs</h1>"#))
            #expect(
                article.contains("<title>Harbour bridge reopens after repairs"), "the bundled layout still wraps it")
            #expect(try await client.get("/static/style.css").text == "body { color: rebeccapurple; }")
            #expect(try await client.get("/").text.contains("E-Paper | April 29, 2025"), "other templates stay bundled")
        }
    }

    /// A theme's card is every list's card, the related box's and a section's alike, and it reads
    /// the site's names beside its own.
    @Test func aThemesCardIsEveryListsCard() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<div class=\"themed-card\">{{headline}} in {{site.name}}{{#summary}}: {{.}}{{/summary}}</div>"
            .write(to: folder.appendingPathComponent("templates/card.mustache"), atomically: true, encoding: .utf8)
        let theme = try Theme.load(overridesFrom: folder.path)
        let card = "<div class=\"themed-card\">Ferry timetable changes for the winter in \(WebFixture.publication.name)"
        try await WebFixture.withApp(theme: theme) { client, archive async throws in
            let article = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs").text
            #expect(article.contains(card), "the related box")
            #expect(!article.contains("class=\"card\""))
            let section = try await client.get("/sections/pakistan").text
            #expect(section.contains("<div class=\"themed-card\">"), "a section's listing")
        }
    }

    /// The masthead's sections, the feed links and each kind of body block are templates of their
    /// own, which a theme replaces one by one; what it leaves stays bundled.
    @Test func aThemeReplacesTheSharedFragmentsAndTheBodyBlocks() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fragments = [
            "nav":
                "{{#nav}}<i class=\"themed-nav\">{{name}}{{#current}} (here){{/current}} of {{site.name}}</i>{{/nav}}",
            "feed-links": "{{#feeds}}<link class=\"themed-feed\" href=\"{{href}}\">\n{{/feeds}}",
            "body-paragraph": "<p class=\"themed\">{{text}}</p>\n",
        ]
        for (name, text) in fragments {
            try text.write(to: templates.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
        let theme = try Theme.load(overridesFrom: folder.path)
        let name = WebFixture.publication.name
        try await WebFixture.withApp(theme: theme) { client, archive async throws in
            let article = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs").text
            #expect(article.contains("<i class=\"themed-nav\">Pakistan (here) of \(name)</i>"))
            #expect(article.contains("<link class=\"themed-feed\" href=\"/sections/pakistan/feed.xml\">"))
            #expect(!article.contains("rel=\"alternate\""))
            #expect(article.contains("<span class=\"dateline\">"), "the dateline's paragraph stays bundled")
            #expect(article.contains("<p class=\"themed\">"))
            let front = try await client.get("/").text
            #expect(front.contains("<i class=\"themed-nav\">Pakistan of \(name)</i>"), "no section is current")
        }
    }

    @Test func aBrokenThemeIsRejectedNamingTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{#unclosed}}".write(
            to: folder.appendingPathComponent("templates/article.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try Theme.load(overridesFrom: folder.path)
        } throws: { error in
            (error as? ThemeError)?.file.hasSuffix("templates/article.mustache") == true
        }
        #expect(throws: ThemeError.self) { try Theme.load(overridesFrom: "/no/such/theme") }
    }

    @Test func anEmptyArchiveHasAFrontPageThatSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("empty.sqlite").path)
        try await store.migrate()
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        try await buildApplication(site: site, logger: WebFixture.quietLogger).test(.router) { client in
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.text.contains("The archive has no editions yet."))
            #expect(try await client.get("/epaper").text.contains("No editions have been imported yet."))
        }
        try await store.close()
    }
}
