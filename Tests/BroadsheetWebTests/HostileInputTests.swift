import Broadsheet
import BroadsheetPostgres
import BroadsheetSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// Every registered route, asked with hostile values in each path segment, query parameter,
/// header and body field, on both stores: the server must answer each (a crash ends the test
/// process), and never with a 5xx for what is the client's mistake.
@Suite("Hostile input on every route", .timeLimit(.minutes(10)))
struct HostileInputTests {
    @Test(arguments: HostileStore.allCases)
    func pathSegmentsAndQueryParametersNeverStopTheServer(_ kind: HostileStore) async throws {
        try await kind.withApp { client, site, archive, newsroom in
            let routes = HostileRoutes(buildRouter(site: site, metrics: Telemetry.registry).routes, archive: archive)
            var asked = 0
            for route in routes.reads {
                for (index, _) in route.parameters.enumerated() {
                    for value in HostileValues.pathSegments {
                        let uri = route.path(replacing: index, with: value)
                        try await HostileRoutes.expectAnswered(client, route.method, uri, token: nil)
                        asked += 1
                    }
                }
                // Each name where the route reads it (a name it ignores changes nothing).
                for name in HostileValues.queryNames where HostileValues.reads(route.template, name) {
                    for value in HostileValues.queryValues {
                        try await HostileRoutes.expectAnswered(
                            client, route.method, route.path() + "?" + name + "=" + value, token: newsroom.token(.admin)
                        )
                        asked += 1
                    }
                }
            }
            #expect(asked > 3_000, "the table reached \(asked) requests")
        }
    }

    @Test(arguments: HostileStore.allCases)
    func headersNeverStopTheServer(_ kind: HostileStore) async throws {
        try await kind.withApp { client, site, archive, _ in
            let routes = HostileRoutes(buildRouter(site: site, metrics: Telemetry.registry).routes, archive: archive)
            for route in routes.reads {
                for (name, values) in HostileValues.headers {
                    for value in values {
                        var headers = HTTPFields()
                        headers[name] = value
                        let response = try await client.execute(
                            uri: route.path(), method: route.method, headers: headers)
                        #expect(
                            response.status.code < 500,
                            "\(route.method) \(route.path()) with \(name): \(value.prefix(60))")
                    }
                }
            }
        }
    }

    @Test(arguments: HostileStore.allCases)
    func writeBodiesNeverStopTheServer(_ kind: HostileStore) async throws {
        try await kind.withApp { client, site, archive, newsroom in
            let routes = HostileRoutes(buildRouter(site: site, metrics: Telemetry.registry).routes, archive: archive)
            for route in routes.writes {
                for body in HostileValues.bodies {
                    let response = try await client.send(
                        route.method, route.path(), token: newsroom.token(.admin), body: body.text,
                        contentType: body.contentType)
                    #expect(
                        response.status.code < 500,
                        "\(route.method) \(route.path()) with \(body.name): \(response.status) \(response.text.prefix(200))"
                    )
                }
            }
            for field in HostileValues.articleFields {
                let response = try await client.send(
                    .post, "/api/v1/articles", token: newsroom.token(.editor), json: field.json)
                #expect(
                    (400..<500).contains(response.status.code),
                    "POST /api/v1/articles with \(field.name): \(response.status) \(response.text.prefix(200))")
                let edit = try await client.send(
                    .patch, "/api/v1/articles/\(archive.bridge)", token: newsroom.token(.editor),
                    json: field.patch)
                #expect(
                    (400..<500).contains(edit.status.code),
                    "PATCH with \(field.name): \(edit.status) \(edit.text.prefix(200))")
            }
        }
    }

    /// The issue's three examples, each of which stopped the process.
    @Test(arguments: HostileStore.allCases)
    func theReportedCrashesAnswerInstead(_ kind: HostileStore) async throws {
        try await kind.withApp { client, _, _, newsroom in
            for listing in ["/sections/pakistan", "/topics/transport", "/authors/our-staff-reporter"] {
                let response = try await client.get(listing + "?page=9223372036854775807")
                #expect(response.status == .badRequest, "\(listing)")
            }
            let hugeCursor = Data("9223372036854775807.5".utf8).base64EncodedString()
            #expect(try await client.get("/api/v1/articles?cursor=\(hugeCursor)").status == .badRequest)
            let far = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.editor),
                json: #"{"headline": "Far future", "body": [], "published_at": "9999-12-31T23:00:00Z"}"#)
            #expect(far.status == .unprocessableContent, "\(far.text)")
            #expect(try far.apiError()["message"]?.contains("published") == true)
            // A NUL in an address, which PostgreSQL refused as a server error.
            #expect(try await client.get("/sections/%00").status == .badRequest)
            #expect(try await client.get("/api/v1/articles?section=a%00b").status == .badRequest)
            // A megabyte where a word or a name belongs.
            let megabyte = String(repeating: "x", count: 1 << 20)
            #expect(try await client.get("/search?q=" + megabyte).status == .badRequest)
            #expect(try await client.get("/api/v1/articles?section=" + megabyte).status == .badRequest)
            #expect(try await client.get("/sections/" + megabyte).status == .notFound)
            // The archive still lists: nothing of year 10000 reached the store.
            #expect(try await client.get("/api/v1/editions").status == .ok)
            #expect(try await client.get("/epaper").status == .ok)
        }
    }
}

/// The two stores the harness runs on.
enum HostileStore: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    func withApp(
        _ test: @Sendable (any TestClientProtocol, Site, WebFixture.Archive, Newsroom) async throws -> Void
    ) async throws {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "broadsheet-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try SQLiteStore(path: folder.appendingPathComponent("hostile.sqlite").path)
            try await run(store, test)
        case .postgres:
            let (store, other) = try await SharedDatabaseTests.twoStores()
            try await other.close()
            try await run(store, test)
        }
    }

    private func run(
        _ store: any ArticleStore,
        _ test: @Sendable (any TestClientProtocol, Site, WebFixture.Archive, Newsroom) async throws -> Void
    ) async throws {
        do {
            try await store.migrate()
            let archive = try await WebFixture.fill(store)
            let newsroom = try await Newsroom.accounts(in: store)
            let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
            let app = buildApplication(site: site, logger: WebFixture.quietLogger)
            try await app.test(.router) { client in try await test(client, site, archive, newsroom) }
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}

/// The registered routes, with a sound value for each path parameter.
struct HostileRoutes {
    struct Route {
        var method: HTTPRequest.Method
        var segments: [String]
        /// The indexes of `segments` that are parameters.
        var parameters: [Int]
        var sound: [Int: String]
        /// The path as registered: "/api/v1/articles/{id}".
        var template: String { "/" + segments.joined(separator: "/") }

        /// The path with sound values, or with `value` (already percent-encoded) in parameter `index`.
        func path(replacing index: Int? = nil, with value: String = "") -> String {
            var parts = segments
            for (position, segment) in parameters.enumerated() {
                parts[segment] = position == index ? value : sound[segment] ?? "1"
            }
            return "/" + parts.joined(separator: "/")
        }
    }

    var reads: [Route] = []
    var writes: [Route] = []

    init(_ descriptions: [Router<BroadsheetRequestContext>.RouteDescription], archive: WebFixture.Archive) {
        let soundValues: [String: String] = [
            "date": WebFixture.april29.iso, "page": "1", "id": String(archive.bridge), "slug": "pakistan",
            "number": "1", "name": "nobody", "file": "site.css",
        ]
        for description in descriptions {
            let segments = "\(description.path)".split(separator: "/").map(String.init)
            var parameters: [Int] = []
            var sound: [Int: String] = [:]
            for (index, segment) in segments.enumerated()
            where segment.hasPrefix("{") || segment.hasPrefix(":") || segment.contains("*") {
                parameters.append(index)
                let name = segment.trimmingCharacters(in: CharacterSet(charactersIn: "{}:*"))
                sound[index] = soundValues[name] ?? "1"
                if name == "id" && segments.contains("tokens") {
                    sound[index] = "999999"  // never the test's own tokens
                } else if name == "id" && description.method != .get {
                    sound[index] = String(archive.draft)  // the bridge stays editable for the field table
                }
            }
            let route = Route(method: description.method, segments: segments, parameters: parameters, sound: sound)
            switch description.method {
            case .get, .head: reads.append(route)
            default: writes.append(route)
            }
        }
        // The sign-in route spends bcrypt on every attempt: the write table asks it once per body.
        reads.sort { $0.path() < $1.path() }
    }

    static func expectAnswered(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let response = try await client.send(method, uri, token: token)
        #expect(
            response.status.code < 500, "\(method) \(uri.prefix(120)): \(response.status) \(response.text.prefix(200))",
            sourceLocation: sourceLocation)
    }
}

/// The hostile tables: what a careless or malicious client sends.
enum HostileValues {
    /// Raw text, percent-encoded for a URL unless it is a deliberately broken encoding.
    static let raw: [String] = [
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "99999999999999999999999999",
        "-1", "0", "NaN", "nan", "inf", "-inf", "1e308", "1e-400", "0x7fffffff", " 1", "1.5", "+1", "",
        "9999-12-31", "10000-01-01", "0000-00-00", "0999-12-31", "2025-02-30", "-001-01-01", "2025-4-29",
        "../../../etc/passwd", "..", ".", "a/b", "\u{0}", "\u{1}\u{1F}\u{7F}", "line\r\nInjected: yes",
        "e" + String(repeating: "\u{301}", count: 500), "\u{600}\u{601}123", "\u{202E}evil\u{202C}", "\u{200F}\u{200E}",
        "🧑‍🚀📰", "💩" + String(repeating: "\u{FE0F}", count: 100), "<script>alert(1)</script>", "' OR 1=1 --",
        "\"phrase", "*", "-", "OR", "headline:", "author:\"", "\"\"\"", "-\"a b\"*",
        // Just under and over the longest search a person types, and far over it.
        String(repeating: "a* ", count: 333), String(repeating: "(", count: 1_000),
        String(repeating: "a*", count: 2_000),
        String(repeating: "e OR ", count: 199), String(repeating: "x", count: 1 << 16),
        Data("9223372036854775807.5".utf8).base64EncodedString(),
        Data("999999999999.1".utf8).base64EncodedString(), Data("-99999999999.1".utf8).base64EncodedString(),
        Data("1.-5".utf8).base64EncodedString(), Data("s:9223372036854775807".utf8).base64EncodedString(),
        Data("s:-1".utf8).base64EncodedString(),
    ]

    /// Percent-encodings no decoder can read: a lone `%`, bad hex, invalid UTF-8, an encoded NUL.
    static let brokenEncodings = ["%", "%zz", "%FF%FE%FD", "%C0%AF", "%ED%A0%80", "%00", "abc%", "%%%%"]

    static let pathSegments: [String] = raw.map(encoded) + brokenEncodings
    static let queryValues: [String] = raw.map(encoded) + brokenEncodings

    /// Which query parameters a route reads, beyond those every page may carry.
    static func reads(_ route: String, _ name: String) -> Bool {
        switch route {
        case "/search": ["q", "section", "topic", "author", "from", "to", "sort", "page"].contains(name)
        case "/api/v1/search":
            ["q", "section", "topic", "author", "from", "to", "sort", "limit", "cursor"].contains(name)
        case "/api/v1/articles":
            ["q", "section", "topic", "author", "edition", "from", "to", "status", "sort", "limit", "cursor"]
                .contains(name)
        case "/sections/{slug}", "/topics/{slug}", "/authors/{slug}": name == "page"
        case "/api/v1/articles/{id}": name == "format"
        case "/api/v1/articles/{id}/revisions/{number}/diff": name == "against"
        case "/api/v1/audit": ["limit", "before"].contains(name)
        default: false
        }
    }

    static let queryNames = [
        "q", "section", "topic", "author", "from", "to", "sort", "page", "limit", "cursor", "edition", "status",
        "format", "words", "against", "before", "n",
    ]

    static let headers: [(HTTPField.Name, [String])] = [
        (.ifNoneMatch, ["*", "\"\"", "W/", String(repeating: "\"a\",", count: 20_000), "\u{7F}", "\"x"]),
        (
            .ifModifiedSince,
            [
                "Sat, 01 Jan 10000 00:00:00 GMT", "Mon, 99 Foo 2025 99:99:99 GMT", "0", "-1",
                "9223372036854775807", String(repeating: "x", count: 1 << 20),
            ]
        ),
        (.ifMatch, ["*", "\"", String(repeating: "\"a\",", count: 20_000)]),
        (
            .acceptEncoding,
            [
                "gzip;q=NaN", "gzip;q=1e400", "*;q=-1", "br, gzip;q=0.5, deflate;q=2",
                String(repeating: "gzip,", count: 50_000),
            ]
        ),
        (
            .authorization,
            ["Bearer", "Bearer ", "Bearer " + String(repeating: "a", count: 1 << 20), "Basic ???", "Bearer \u{7F}"]
        ),
        (
            HTTPField.Name("X-Forwarded-For")!,
            ["", ",,,", "999.999.999.999", "::::::", String(repeating: "1.2.3.4, ", count: 50_000)]
        ),
        (.accept, ["application/ninjs+json;q=NaN", "*/*;q=1e400", String(repeating: "text/html,", count: 50_000)]),
        (.contentType, ["application/json; charset=\u{7F}", "multipart/form-data; boundary="]),
        (.origin, ["null", "https://evil.example", String(repeating: "o", count: 1 << 20)]),
    ]

    struct Body {
        var name: String
        var text: String
        var contentType: String
    }

    static let bodies: [Body] = [
        Body(name: "empty JSON", text: "", contentType: "application/json"),
        Body(name: "null", text: "null", contentType: "application/json"),
        Body(name: "a number too big", text: "1e400", contentType: "application/json"),
        Body(name: "deep arrays", text: String(repeating: "[", count: 100_000), contentType: "application/json"),
        Body(
            name: "deep objects",
            text: String(repeating: #"{"a":"#, count: 50_000) + "1"
                + String(repeating: "}", count: 50_000), contentType: "application/json"),
        Body(
            name: "invalid UTF-8", text: String(decoding: [0x7B, 0xFF, 0xFE, 0x7D], as: UTF8.self),
            contentType: "application/json"),
        Body(
            name: "huge numbers",
            text: #"{"publish_at": "99999-01-01T00:00:00Z", "expires": 9223372036854775807, "text": 1e308, "kind": -1,"#
                + #" "name": "\u0000", "role": "admin", "password": "", "note": ""}"#,
            contentType: "application/json"),
        Body(name: "far schedule", text: #"{"publish_at": "9999-12-31T23:59:59Z"}"#, contentType: "application/json"),
        Body(
            name: "zero-year schedule", text: #"{"publish_at": "0000-01-01T00:00:00Z"}"#,
            contentType: "application/json"),
        Body(name: "e-paper with no headline", text: "\n\n\n", contentType: "text/plain; charset=utf-8"),
        Body(
            name: "e-paper of year 10000",
            text:
                "E-Paper | December 31, 9999\nA headline\nAFP Published December 31, 9999 Updated December 31, 9999 11:59pm\n\nBody.\n",
            contentType: "text/plain; charset=utf-8"),
        Body(name: "not a ZIP", text: "PK\u{3}\u{4}garbage", contentType: "application/zip"),
        Body(
            name: "XML bomb", text: #"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bb">]><a>&b;</a>"#,
            contentType: "application/xml"),
        Body(name: "deep XML", text: String(repeating: "<a>", count: 100_000), contentType: "application/xml"),
        Body(name: "RSS of year 9999", text: rssOfYear9999, contentType: "application/rss+xml"),
    ]

    static let rssOfYear9999 = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Far</title><link>https://far.example/</link>
        <item><title>A story from the far future</title><guid>far-1</guid>
        <pubDate>Fri, 31 Dec 9999 23:00:00 GMT</pubDate><description>Text.</description></item>
        <item><title>A story from before time</title><guid>far-2</guid>
        <pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>Text.</description></item>
        </channel></rss>
        """

    struct ArticleField {
        var name: String
        var value: String

        var json: String { #"{"headline": "A hostile field", "body": [], "# + "\"\(name)\": \(value)}" }
        var patch: String { "{\"\(name)\": \(value)}" }
    }

    /// Values of the article JSON's fields that must be refused with a 4xx.
    static let articleFields: [ArticleField] = [
        ArticleField(name: "published_at", value: #""9999-12-31T23:00:00Z""#),
        ArticleField(name: "published_at", value: #""0001-01-01T00:00:00Z""#),
        ArticleField(name: "published_at", value: #""+99999-01-01T00:00:00Z""#),
        ArticleField(name: "updated_at", value: #""9999-12-31T23:59:59Z""#),
        ArticleField(name: "published_at", value: "1e400"),
        ArticleField(name: "edition", value: #"{"date": "10000-01-01"}"#),
        ArticleField(name: "edition", value: #"{"date": "2025-04-29", "page": 9223372036854775807}"#),
        ArticleField(name: "edition", value: #"{"date": "2025-04-29", "page": -1}"#),
        ArticleField(name: "edition", value: #"{"date": "2025-04-29", "page": 1e300}"#),
        ArticleField(name: "headline", value: "9223372036854775807"),
        ArticleField(name: "headline", value: #""\u0000\u0001""#),
        ArticleField(name: "headline", value: #""Bridge\u0000 reopens""#),
        ArticleField(name: "body", value: #"[{"type": "paragraph", "text": "A\u0000B"}]"#),
        ArticleField(
            name: "body", value: String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)),
        ArticleField(name: "body", value: #"[{"type": "list", "items": 5}]"#),
        ArticleField(name: "topics", value: #"[{"name": "\u202E\u202E"}]"#),
        ArticleField(name: "authors", value: #"[{"name": "A", "kind": 1e400}]"#),
    ]

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#&=+%;")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
