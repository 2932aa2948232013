import Broadsheet
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Search on the site and in the API", .timeLimit(.minutes(10)))
struct SearchPagesTests {
    /// The fixture archive plus one story whose body carries markup that must stay text.
    static let withScript: @Sendable (SQLiteStore) async throws -> Void = { store in
        var story = WebFixture.story(
            "Web page defacement trial opens", section: "Pakistan", topics: ["Courts"], byline: "APP",
            date: WebFixture.april29, hour: 11)
        story.body = [.paragraph("Prosecutors showed the <script>alert('defaced')</script> tag the accused planted.")]
        _ = try await store.save(story, status: .published)
    }

    @Test func resultsHighlightMatchesAndEscapeTheRest() async throws {
        try await WebFixture.withApp(extra: Self.withScript) { client, _ async throws in
            let response = try await client.get("/search?q=script")
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("Web page defacement trial opens"))
            #expect(html.contains("&lt;<mark>script</mark>&gt;"), "the markup in the copy shows as text")
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("1 result for “script”"))
        }
    }

    /// Pages' words are searched too: a page's hits show beside the articles (or alone, when no
    /// article matches), each linking to the page with the search marked.
    @Test func printedPagesWhoseWordsMatchAreListedAndOpenWithTheHitsMarked() async throws {
        try await WebFixture.withApp(extra: { try await WebFixture.printPages($0) }) { client, _ in
            let html = try await client.get("/search?q=repairs%20ended").text
            #expect(html.contains("On the printed pages"))
            #expect(html.contains("<a href=\"/epaper/2025-04-29/2?q=repairs%20ended\">"), "\(html)")
            #expect(html.contains("<mark>repairs</mark> <mark>ended</mark>"))
            #expect(html.contains("April 29, 2025, page 2"))
            #expect(html.contains("/iiif/3/\(String(WebFixture.pageImage.prefix(64)))/full/256,384/0/default.jpg"))
            #expect(!html.contains("page A1"), "only pages holding every word")

            let onlyPages = try await client.get("/search?q=ended").text
            #expect(onlyPages.contains("No articles match") && onlyPages.contains("On the printed pages"))
            let narrowed = try await client.get("/search?q=ended&section=pakistan").text
            #expect(!narrowed.contains("On the printed pages"), "pages have no section")
            let nothing = try await client.get("/search?q=tramway").text
            #expect(!nothing.contains("On the printed pages"))
        }
    }

    @Test func aPrefixOfManyWordsSaysItWasNarrowed() async throws {
        let words: @Sendable (SQLiteStore) async throws -> Void = { store in
            var story = WebFixture.story(
                "Glossary of tide words", section: "Pakistan", topics: [], byline: "APP", date: WebFixture.april29,
                hour: 10)
            let many = (0...SearchVocabulary.wordsPerPrefix).map { "tidal\(String(UnicodeScalar(97 + $0 % 26)!))\($0)" }
            story.body = [.paragraph(many.joined(separator: " "))]
            _ = try await store.save(story, status: .published)
        }
        try await WebFixture.withApp(extra: words) { client, _ async throws in
            let html = try await client.get("/search?q=tidal*").text
            #expect(html.contains("Glossary of tide words"))
            #expect(html.contains("Many words begin with “tidal”: this search used the 64 commonest."))
            #expect(!(try await client.get("/search?q=tidala*").text).contains("Many words begin"))
        }
    }

    @Test func aSearchSaysHowManyMatchesItCounted() async throws {
        let tides: @Sendable (SQLiteStore) async throws -> Void = { store in
            let stories = (1...260).map { number in
                var story = WebFixture.story(
                    "Tide table for the week, part \(number)", section: "Pakistan", topics: [], byline: "APP",
                    date: WebFixture.april29, hour: number % 24)
                story.body = [.paragraph("The tide table shows high water at noon.")]
                return story
            }
            _ = try await store.save(stories, status: .published)
        }
        try await WebFixture.withApp(extra: tides) { client, _ async throws in
            let phrase = try await client.get("/search?q=%22tide+table%22").text
            #expect(phrase.contains("More than 250 results for “&quot;tide table&quot;”"), "a phrase's window is 250")
            #expect(phrase.contains("Counts cover the newest 250 matches."))
            let words = try await client.get("/search?q=tide+table").text
            #expect(words.contains("260 results for “tide table”"))
            #expect(!words.contains("Counts cover"))
        }
    }

    @Test func facetsNarrowAndFiltersCanBeRemoved() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let html = try await client.get("/search?q=paragraph").text
            #expect(
                html.contains(
                    #"<a href="/search?q=paragraph&amp;section=pakistan">Pakistan</a> <span class="facets__count">2</span>"#
                ))
            let narrowed = try await client.get("/search?q=paragraph&section=pakistan").text
            #expect(narrowed.contains("2 results"))
            #expect(narrowed.contains(#"<a href="/search?q=paragraph" aria-label="Remove Section: pakistan">✕</a>"#))
        }
    }

    @Test func noResultsSaysWhatWasSearchedAndSuggests() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let plain = try await client.get("/search?q=zeppelin").text
            #expect(plain.contains("No articles match “zeppelin”"))
            #expect(plain.contains("fewer words"))
            let filtered = try await client.get("/search?q=zeppelin&topic=markets").text
            #expect(filtered.contains("Try removing a filter"))
        }
    }

    @Test func urduIsSearchableAsWritten() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let query = "مشاعرہ".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let json = try await client.get("/api/v1/search?q=\(query)").json()
            let ids = (json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(ids == [Int(archive.poetry)])
            let html = try await client.get("/search?q=\(query)").text
            #expect(html.contains(#"<article class="card" lang="ur" dir="rtl">"#))
        }
    }

    @Test func draftsNeverAppear() async throws {
        try await WebFixture.withApp { client, _ async throws in
            #expect(try await client.get("/search?q=budget").text.contains("No articles match"))
            let json = try await client.get("/api/v1/search?q=budget").json()
            #expect(json["total"] as? Int == 0)
        }
    }

    @Test(arguments: ["\"", "NEAR(", "*", "-", "🙂", "'; DROP TABLE articles; --", String(repeating: "(", count: 300)])
    func hostileQueriesGetAPage(text: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await client.get("/search?q=\(encoded)").status == .ok)
            let api = try await client.get("/api/v1/search?q=\(encoded)")
            #expect(api.status == .ok || api.status == .badRequest)
        }
    }

    @Test func theAPIAnswersWithHitsTotalAndCursor() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let json = try await client.get("/api/v1/search?q=paragraph&limit=2").json()
            #expect(json["total"] as? Int == 3, "the three English stories; the Urdu one has no such word")
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(
                Set(items.first?.keys ?? [:].keys) == ["id", "headline", "url", "published_at", "snippet", "score"])
            let cursor = try #require(json["next_cursor"] as? String)
            let next = try await client.get("/api/v1/search?q=paragraph&limit=2&cursor=\(cursor)").json()
            #expect((next["items"] as? [[String: Any]])?.count == 1)
            #expect(next["next_cursor"] is NSNull)
            let ids = (items + (next["items"] as? [[String: Any]] ?? [])).compactMap { $0["id"] as? Int }
            #expect(Set(ids).count == 3)
            _ = archive
        }
    }

    @Test(arguments: [
        ("q=", "q"), ("q=bridge&limit=500", "limit"), ("q=bridge&cursor=nope", "cursor"),
        ("q=bridge&sort=oldest", "sort"), ("q=bridge&from=last-week", "from"),
    ])
    func badAPIParametersAreNamed(query: String, parameter: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let response = try await client.get("/api/v1/search?\(query)")
            #expect(response.status == .badRequest)
            #expect((try response.json()["error"] as? [String: String])?["message"]?.hasPrefix(parameter + ":") == true)
        }
    }

    @Test func everyPageHasASearchBoxAndBrowsersFindTheSearch() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let front = try await client.get("/").text
            #expect(front.contains(#"<form class="masthead__search" action="/search" method="get" role="search">"#))
            #expect(front.contains(#"<link rel="search" type="application/opensearchdescription+xml""#))
            let description = try await client.get("/opensearch.xml")
            #expect(description.headers[.contentType] == "application/opensearchdescription+xml; charset=utf-8")
            #expect(description.text.contains(#"template="https://gazette.example/search?q={searchTerms}""#))
            #expect(try await client.get("/search").text.contains("Every word must match."))
        }
    }

    @Test func theSearchBoxsPlusSignsAreSpaces() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let html = try await client.get("/search?q=harbour+bridge").text
            #expect(html.contains("Harbour bridge reopens after repairs"))
            #expect(html.contains(#"value="harbour bridge""#), "the box shows what was typed: \(html)")
            let api = try await client.get("/api/v1/search?q=harbour+bridge").json()
            #expect((api["items"] as? [Any])?.count == 1)
        }
    }
}
