import Broadsheet
import BroadsheetFormats
import BroadsheetSQLite
import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import BroadsheetWeb

@Suite("HTTP caching: validators, conditional requests, CDN headers, compression", .timeLimit(.minutes(10)))
struct HTTPCachingTests {
    static let validated = [
        "/", "/epaper", "/epaper/2025-04-29", "/sections/pakistan", "/topics/transport", "/search?q=bridge",
        "/api/v1/articles", "/api/v1/editions/2025-04-29", "/api/v1/search?q=bridge",
    ]

    @Test(arguments: validated)
    func everyAnswerCarriesValidatorsAndAnswersConditionalRequests(path: String) async throws {
        try await WebFixture.withApp { client, _ async throws in
            let first = try await client.get(path)
            #expect(first.status == .ok)
            let tag = try #require(first.headers[.eTag], "\(path) has an ETag")
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""), "a strong tag, quoted, without W/")
            let lastModified = try #require(first.headers[.lastModified])
            #expect(
                InternetDate.parseIMFFixdate(lastModified) != nil, "Last-Modified is an IMF-fixdate: \(lastModified)")
            #expect(first.headers[.cacheControl]?.contains("stale-while-revalidate") == true)
            #expect(first.headers[.cacheControl]?.contains("public, max-age=60") == true)

            let byTag = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag])
            #expect(byTag.status == .notModified)
            #expect(byTag.body.readableBytes == 0)
            #expect(byTag.headers[.eTag] == tag)

            let byDate = try await client.execute(uri: path, method: .get, headers: [.ifModifiedSince: lastModified])
            #expect(byDate.status == .notModified)

            let otherTag = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "\"0000\""])
            #expect(otherTag.status == .ok)
            #expect(otherTag.body == first.body)
        }
    }

    @Test func anArticleIsLastModifiedWhenItsCopyWasAndNamesWhatAPurgeTargets() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs")
            #expect(response.status == .ok)
            // Updated 10:32 in Karachi on April 29, 2025: 05:32 GMT.
            #expect(response.headers[.lastModified] == "Tue, 29 Apr 2025 05:32:00 GMT")
            let keys = Set(
                (response.headers[HTTPField.Name("Surrogate-Key")!] ?? "").split(separator: " ").map(String.init))
            #expect(
                keys.isSuperset(of: [
                    "site", "article-\(archive.bridge)", "section-pakistan", "topic-transport",
                    "topic-infrastructure", "author-our-staff-reporter", "edition-2025-04-29",
                ]), "\(keys)")

            let older = try await client.execute(
                uri: "/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs", method: .get,
                headers: [.ifModifiedSince: "Tue, 29 Apr 2025 05:31:59 GMT"])
            #expect(older.status == .ok, "a copy from before the update is not current")
        }
    }

    @Test(arguments: ["/sections/pakistan", "/epaper/2025-04-29", "/feed.xml", "/topics/transport/atom.xml"])
    func listsNameEveryArticleTheyShowSoAPurgeOfOneReachesThem(path: String) async throws {
        try await WebFixture.withApp { client, archive async throws in
            let keys = (try await client.get(path).headers[HTTPField.Name("Surrogate-Key")!] ?? "").split(
                separator: " ")
            #expect(keys.contains("article-\(archive.bridge)"), "\(path): \(keys)")
        }
    }

    @Test func anUpdatedArticleIsSentAgain() async throws {
        let cache = PageCache()
        let stored = Mutex<SQLiteStore?>(nil)
        try await WebFixture.withApp(cache: cache, extra: { store in stored.withLock { $0 = store } }) {
            client, archive async throws in
            let path = "/news/\(archive.ferry)/ferry-timetable-changes-for-the-winter"
            let first = try await client.get(path)
            let tag = try #require(first.headers[.eTag])
            let lastModified = try #require(first.headers[.lastModified])
            #expect(
                try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag]).status == .notModified)

            let store = try #require(stored.withLock { $0 })
            var content = WebFixture.story(
                "Ferry timetable changes for the winter", section: "Pakistan", topics: ["Transport"],
                byline: "Our Staff Reporter", date: WebFixture.april28, hour: 7, updatedMinutes: 12 * 60)
            content.body.append(.paragraph("The harbour office added a late crossing on Fridays."))
            _ = try await store.save(content, status: .published)
            cache.invalidateAll()

            let byTag = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag])
            #expect(byTag.status == .ok)
            #expect(byTag.headers[.eTag] != tag)
            #expect(byTag.text.contains("a late crossing on Fridays"))
            let byDate = try await client.execute(uri: path, method: .get, headers: [.ifModifiedSince: lastModified])
            #expect(byDate.status == .ok)
        }
    }

    @Test func pagesAreGzippedWhenTheClientAsks() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let path = "/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs"
            let plain = try await client.get(path)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")

            let zipped = try await client.execute(
                uri: path, method: .get, headers: [.acceptEncoding: "br;q=1.0, gzip;q=0.8, *;q=0.1"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(zipped.body.readableBytes < plain.body.readableBytes)
            var body = zipped.body
            let unzipped = try body.decompress(with: .gzip())
            #expect(unzipped == plain.body, "the same page")
            let zippedTag = try #require(zipped.headers[.eTag])
            #expect(zippedTag != plain.headers[.eTag], "another representation, another strong tag")
            let again = try await client.execute(
                uri: path, method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: zippedTag])
            #expect(again.status == .notModified)

            let refused = try await client.execute(uri: path, method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func headAnswersWithTheHeadersOfGet() async throws {
        try await WebFixture.withApp { client, _ async throws in
            let get = try await client.get("/feed.xml")
            let head = try await client.execute(uri: "/feed.xml", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.eTag] == get.headers[.eTag])
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(try await client.execute(uri: "/no/such/page", method: .head).status == .notFound)
        }
    }

    @Test func errorsAndRedirectsSayHowLongToKeepThem() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let missing = try await client.get("/news/999999")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.cacheControl] == "public, max-age=30")
            #expect(missing.headers[.eTag] == nil)
            let redirect = try await client.get("/news/\(archive.bridge)")
            #expect(redirect.status == .movedPermanently)
            #expect(redirect.headers[.cacheControl] == "public, max-age=3600")
            let bad = try await client.get("/sections/pakistan?page=zero")
            #expect(bad.status == .badRequest)
            #expect(bad.headers[.cacheControl] == "no-store")
        }
    }

    @Test(arguments: [
        ("gzip", true), ("gzip, deflate, br", true), ("*", true), ("identity", false), ("gzip;q=0", false),
        ("deflate, gzip;q=0.0", false), ("GZIP;Q=0.5", true), ("", false),
    ])
    func acceptEncodingIsReadWithItsQualities(header: String, allowed: Bool) {
        #expect(AcceptEncoding.allowsGzip(header) == allowed)
    }

    @Test func httpDatesRoundTrip() throws {
        let instant = Date(timeIntervalSince1970: 1_745_904_720)  // 2025-04-29 05:32:00 UTC, a Tuesday
        #expect(InternetDate.imfFixdate(instant) == "Tue, 29 Apr 2025 05:32:00 GMT")
        #expect(InternetDate.rfc3339(instant) == "2025-04-29T05:32:00Z")
        #expect(InternetDate.parseIMFFixdate("Tue, 29 Apr 2025 05:32:00 GMT") == instant)
        #expect(InternetDate.imfFixdate(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(InternetDate.imfFixdate(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
        for bad in ["yesterday", "Tue, 29 Apr 2025 05:32:00 PKT", "Tue, 32 Apr 2025 05:32:00 GMT", ""] {
            #expect(InternetDate.parseIMFFixdate(bad) == nil, "\(bad)")
        }
    }
}
