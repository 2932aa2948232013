import Broadsheet
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("Structured data: JSON-LD, OpenGraph, Twitter cards, breadcrumbs", .timeLimit(.minutes(10)))
struct StructuredDataTests {
    /// Every JSON-LD block of a page, parsed.
    static func jsonLD(in html: String) throws -> [[String: Any]] {
        let pattern = try NSRegularExpression(
            pattern: #"<script type="application/ld\+json">(.*?)</script>"#, options: [.dotMatchesLineSeparators])
        let range = NSRange(html.startIndex..., in: html)
        return try pattern.matches(in: html, range: range).map { match in
            let text = String(html[Range(match.range(at: 1), in: html)!])
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            return try #require(object as? [String: Any], "a JSON object: \(text)")
        }
    }

    static func meta(_ key: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(
            pattern: #"<meta (?:property|name)="\#(NSRegularExpression.escapedPattern(for: key))" content="([^"]*)">"#)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    @Test func anArticleIsANewsArticleWithEveryProperty() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let url = "https://gazette.example/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs"
            let html = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs").text
            #expect(html.contains(#"<link rel="canonical" href="\#(url)">"#))
            let blocks = try Self.jsonLD(in: html)
            let article = try #require(blocks.first { $0["@type"] as? String == "NewsArticle" })
            #expect(article["@context"] as? String == "https://schema.org")
            #expect(article["headline"] as? String == "Harbour bridge reopens after repairs")
            #expect(article["url"] as? String == url)
            #expect((article["mainEntityOfPage"] as? [String: Any])?["@id"] as? String == url)
            #expect(article["datePublished"] as? String == "2025-04-29T03:00:00Z")
            #expect(article["dateModified"] as? String == "2025-04-29T05:32:00Z")
            #expect(article["articleSection"] as? String == "Pakistan")
            #expect(article["keywords"] as? [String] == ["Transport", "Infrastructure"])
            #expect(article["isAccessibleForFree"] as? Bool == true)
            #expect(article["inLanguage"] as? String == "en")
            #expect(article["description"] as? String == "Traffic returns to the old crossing after six months.")
            let place = try #require(article["locationCreated"] as? [String: Any])
            #expect(place["@type"] as? String == "Place")
            #expect(place["name"] as? String == "KARACHI")
            let authors = try #require(article["author"] as? [[String: Any]])
            #expect(authors.first?["name"] as? String == "Our Staff Reporter")
            #expect(authors.first?["url"] as? String == "https://gazette.example/authors/our-staff-reporter")
            let publisher = try #require(article["publisher"] as? [String: Any])
            #expect(publisher["name"] as? String == "The Test Gazette")
            #expect(
                (publisher["logo"] as? [String: Any])?["url"] as? String == "https://gazette.example/static/logo.svg")

            let crumbs = try #require(blocks.first { $0["@type"] as? String == "BreadcrumbList" })
            let items = try #require(crumbs["itemListElement"] as? [[String: Any]])
            #expect(
                items.compactMap { $0["name"] as? String } == [
                    "The Test Gazette", "Pakistan", "Harbour bridge reopens after repairs",
                ])
            #expect(items.compactMap { $0["position"] as? Int } == [1, 2, 3])
            #expect(items[1]["item"] as? String == "https://gazette.example/sections/pakistan")
            #expect(html.contains(#"<nav class="breadcrumbs" aria-label="Breadcrumbs""#))

            #expect(Self.meta("og:type", in: html) == ["article"])
            #expect(Self.meta("og:url", in: html) == [url])
            #expect(Self.meta("article:published_time", in: html) == ["2025-04-29T03:00:00Z"])
            #expect(Self.meta("article:modified_time", in: html) == ["2025-04-29T05:32:00Z"])
            #expect(Self.meta("article:section", in: html) == ["Pakistan"])
            #expect(Self.meta("article:tag", in: html) == ["Transport", "Infrastructure"])
            #expect(Self.meta("twitter:card", in: html) == ["summary"])
            #expect(Self.meta("twitter:title", in: html) == ["Harbour bridge reopens after repairs"])
            #expect(html.contains(#"<meta name="twitter:card" content="summary">"#))
        }
    }

    @Test func anAgencyIsAnOrganizationAndAPersonAPerson() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let markets = try await client.get("/news/\(archive.markets)/markets-close-higher-on-export-hopes").text
            let agencies = try #require(
                try Self.jsonLD(in: markets).first { $0["@type"] as? String == "NewsArticle" }?["author"]
                    as? [[String: Any]])
            #expect(agencies.map { $0["@type"] as? String } == ["Organization", "Organization"])
            #expect(agencies.compactMap { $0["name"] as? String } == ["Reuters", "AFP"])

            let poetry = try await client.get("/news/\(archive.poetry)").headers[.location] ?? ""
            let page = try await client.get(poetry).text
            let people = try #require(
                try Self.jsonLD(in: page).first { $0["@type"] as? String == "NewsArticle" }?["author"]
                    as? [[String: Any]])
            #expect(people.first?["@type"] as? String == "Person")
            #expect(people.first?["name"] as? String == "Sana Mirza")
        }
    }

    @Test func aHeadlineCannotEndTheScript() async throws {
        let headline = "Council rejects </script><script>alert(1)</script> & the <b>plan</b>"
        try await WebFixture.withApp(extra: { store in
            var content = WebFixture.story(
                headline, section: "Pakistan", topics: [], byline: "APP", date: WebFixture.april29, hour: 12)
            content.source = ArticleSource(format: "test", uri: "test:hostile")
            _ = try await store.save(content, status: .published)
        }) { client, _ async throws in
            let search = try await client.get("/api/v1/articles?limit=100").json()
            let id = try #require(
                (search["items"] as? [[String: Any]])?.first { $0["headline"] as? String == headline }?["id"] as? Int)
            let location = try #require(try await client.get("/news/\(id)").headers[.location])
            let html = try await client.get(location).text
            #expect(!html.contains("<script>alert(1)"), "nothing the copy says becomes markup")
            let article = try #require(try Self.jsonLD(in: html).first { $0["@type"] as? String == "NewsArticle" })
            #expect(article["headline"] as? String == headline, "and the JSON still says exactly what the copy says")
        }
    }

    @Test func theFrontPageIsAWebSiteWithASearchAndTheEditionACollection() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let front = try Self.jsonLD(in: try await client.get("/").text)
            let site = try #require(front.first { $0["@type"] as? String == "WebSite" })
            #expect(site["url"] as? String == "https://gazette.example/")
            let action = try #require(site["potentialAction"] as? [String: Any])
            #expect(action["@type"] as? String == "SearchAction")
            #expect(
                (action["target"] as? [String: Any])?["urlTemplate"] as? String
                    == "https://gazette.example/search?q={search_term_string}")
            #expect(action["query-input"] as? String == "required name=search_term_string")

            let edition = try Self.jsonLD(in: try await client.get("/epaper/2025-04-28").text)
            let collection = try #require(edition.first { $0["@type"] as? String == "CollectionPage" })
            #expect(collection["name"] as? String == "E-Paper | April 28, 2025")
            #expect(collection["url"] as? String == "https://gazette.example/epaper/2025-04-28")
            let list = try #require(
                (collection["mainEntity"] as? [String: Any])?["itemListElement"] as? [[String: Any]])
            #expect(
                Set(list.compactMap { $0["name"] as? String }) == [
                    "Ferry timetable changes for the winter", "Markets close higher on export hopes",
                ])
            #expect(edition.contains { $0["@type"] as? String == "BreadcrumbList" })
        }
    }

    @Test func theLogoIsServed() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let logo = try await client.get("/static/logo.svg")
            #expect(logo.status == .ok)
            #expect(logo.headers[.contentType] == "image/svg+xml")
        }
    }

    @Test func aStoryWithAPictureShowsItToSearchEnginesAndPreviews() async throws {
        try await WebFixture.withApp(extra: { store in
            var content = WebFixture.story(
                "Lighthouse repainted", section: "Pakistan", topics: [], byline: "APP", date: WebFixture.april29,
                hour: 13)
            content.body.insert(
                .image(BodyImage(url: "/img/lighthouse.jpg", alt: "A striped lighthouse", caption: "Fresh paint")),
                at: 0)
            content.source = ArticleSource(format: "test", uri: "test:lighthouse")
            _ = try await store.save(content, status: .published)
        }) { client, _ async throws in
            let list = try await client.get("/api/v1/articles?limit=100").json()
            let id = try #require(
                (list["items"] as? [[String: Any]])?.first { $0["headline"] as? String == "Lighthouse repainted" }?[
                    "id"]
                    as? Int)
            let html = try await client.get("/news/\(id)/lighthouse-repainted").text
            let article = try #require(try Self.jsonLD(in: html).first { $0["@type"] as? String == "NewsArticle" })
            #expect(article["image"] as? [String] == ["https://gazette.example/img/lighthouse.jpg"])
            #expect(Self.meta("og:image", in: html) == ["https://gazette.example/img/lighthouse.jpg"])
            #expect(Self.meta("og:image:alt", in: html) == ["A striped lighthouse"])
            #expect(Self.meta("twitter:card", in: html) == ["summary_large_image"])
        }
    }
}

/// How structured data writes its text, against what it replaced.
@Suite(.timeLimit(.minutes(10))) struct StructuredDataTextTests {
    /// Text that needs every escape: JSON's (quote, backslash, control characters) and the
    /// script's (`</script>`, `&`, U+2028, U+2029), beside slashes and other scripts left alone.
    static let hostile =
        "\"Quoted\" \\ back</script> & <b> \u{01}\u{1F}\u{7F}\n\r\t\u{08}\u{0C} line\u{2028}para\u{2029}"
        + "\u{2027}\u{202A} https://a.example/b?c=d کراچی 👩‍👩‍👧 €"

    /// What the page held before: `JSONEncoder` with sorted keys and unescaped slashes, then the
    /// script's escapes (the encoder leaves those five characters only inside strings).
    static func encoded(_ object: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(object), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }

    /// Every schema.org object, with each optional member present and absent, is written as the
    /// encoder wrote it, byte for byte.
    @Test func scriptsAreWhatTheEncoderWroteThenEscaped() throws {
        let text = Self.hostile
        let publisher = JSONLD.Agent(
            type: "NewsMediaOrganization", name: text, url: "https://a.example/",
            logo: JSONLD.ImageObject(url: "https://a.example/static/logo.svg"))
        let author = JSONLD.Agent(type: "Person", name: "Ayesha \"Ash\" Noor", url: "https://a.example/authors/a")
        let full = JSONLD.NewsArticle(
            headline: text, url: "https://a.example/news/1/a", mainEntityOfPage: JSONLD.WebPage(id: text),
            datePublished: "2025-04-29T03:00:00Z", dateModified: "2025-04-29T05:32:00Z", inLanguage: "ur",
            articleSection: text, publisher: publisher, author: [author, publisher], wordCount: 725,
            keywords: [text, "Transport"], description: text, locationCreated: JSONLD.Place(name: text),
            image: ["https://a.example/a.jpg", text])
        var bare = full
        (bare.keywords, bare.description, bare.locationCreated, bare.image, bare.author) = (nil, nil, nil, nil, [])
        let list = JSONLD.ItemList(
            context: JSONLD.context, type: "BreadcrumbList",
            itemListElement: [
                JSONLD.ListItem(position: 1, name: text, item: "https://a.example/"),
                JSONLD.ListItem(position: 2, name: "Sport", url: "https://a.example/sport"),
                JSONLD.ListItem(position: 3, name: ""),
            ])
        let page = JSONLD.CollectionPage(
            name: text, url: "https://a.example/epaper/2025-04-29", datePublished: "2025-04-29",
            isPartOf: JSONLD.WebSiteReference(name: text, url: "https://a.example/"), publisher: publisher,
            mainEntity: JSONLD.ItemList(type: "ItemList", itemListElement: []))
        let site = JSONLD.WebSite(
            name: text, url: "https://a.example/", inLanguage: "en", publisher: publisher,
            potentialAction: JSONLD.SearchAction(
                target: JSONLD.EntryPoint(urlTemplate: "https://a.example/search?q={search_term_string}")))
        #expect(StructuredData.script(full) == (try Self.encoded(full)))
        #expect(StructuredData.script(bare) == (try Self.encoded(bare)))
        #expect(StructuredData.script(list) == (try Self.encoded(list)))
        #expect(StructuredData.script(page) == (try Self.encoded(page)))
        #expect(StructuredData.script(site) == (try Self.encoded(site)))
        #expect(!StructuredData.script(full).contains("<"), "no tag can start inside the script")
    }

    /// Every control character is escaped as the encoder escapes it.
    @Test func everyControlCharacterIsEscapedAsTheEncoderDid() throws {
        let place = JSONLD.Place(name: String(decoding: (0..<0x20).map { UInt8($0) } + [0x20, 0x7F], as: UTF8.self))
        #expect(StructuredData.script(place) == (try Self.encoded(place)))
    }

    @Test func wordsAreCountedAsTheWhiteSpaceSplitCountsThem() {
        let texts = [
            "", "  ", "one", " two  words ", "tabs\tand\nlines\r\nand\u{0B}more\u{0C}", "non\u{A0}breaking space",
            "ideographic\u{3000}space", "کراچی میں بارش", "e\u{301}te\u{301} cafe\u{301}", "line\u{2028}separator",
            // White space of two and three bytes at the ends and side by side: none is a word.
            "trailing\u{3000}", "\u{A0}\u{A0}leading", "em\u{2003}\u{2003}spaces", "\u{85}",
            "curly \u{2019}quotes\u{2019}",
        ]
        for text in texts {
            #expect(StructuredData.wordCount(text) == text.split(whereSeparator: \.isWhitespace).count, "\(text)")
        }
    }
}
