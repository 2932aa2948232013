import Broadsheet
import BroadsheetFormats
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// `GET /api/v1/articles/{id}` as IPTC ninjs 2.0, asked for by query or by `Accept`.
@Suite("Articles as ninjs", .timeLimit(.minutes(10)))
struct APINinjsTests {
    @Test func formatNinjsGivesANinjsDocumentThatReadsBackAsTheArticle() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.get("/api/v1/articles/\(archive.bridge)?format=ninjs")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/ninjs+json; charset=utf-8")
            #expect(response.headers[.vary] == "Accept, Accept-Encoding, Authorization")
            let json = try response.json()
            #expect((json["standard"] as? [String: String])?["version"] == "2.0")
            #expect(json["pubstatus"] as? String == "usable")
            #expect(json["version"] as? String == "1")
            #expect(
                (json["headlines"] as? [[String: String]])?.first?["value"] == "Harbour bridge reopens after repairs")
            let plain = try await client.get("/api/v1/articles/\(archive.bridge)").json()
            #expect(
                plain["headline"] as? String == "Harbour bridge reopens after repairs", "the plain JSON is cached apart"
            )

            let reread = NinjsReader(publication: WebFixture.publication).read(
                Data(response.text.utf8), file: "api")
            var content = try #require(try reread.first?.get().content)
            content.source.format = "epaper"
            let stored = WebFixture.story(
                "Harbour bridge reopens after repairs", section: "Pakistan", topics: ["Transport", "Infrastructure"],
                byline: "Our Staff Reporter", date: WebFixture.april29, hour: 8, updatedMinutes: 10 * 60 + 32)
            #expect(content.headline == stored.headline)
            #expect(content.topics == stored.topics)
            #expect(content.section == stored.section)
            #expect(content.published == stored.published)
            #expect(content.updated == stored.updated)
            #expect(content.dateline == Dateline(places: ["KARACHI"]))
        }
    }

    @Test func anAcceptHeaderAsksForNinjs() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let response = try await client.execute(
                uri: "/api/v1/articles/\(archive.ferry)", method: .get,
                headers: [.accept: "application/ninjs+json"])
            #expect(response.headers[.contentType] == "application/ninjs+json; charset=utf-8")
            #expect(try response.json()["uri"] as? String != nil)
            let plain = try await client.get("/api/v1/articles/\(archive.ferry)")
            #expect(plain.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func anUnknownFormatAndADraftAreErrors() async throws {
        try await WebFixture.withApp { client, archive async throws in
            let bad = try await client.get("/api/v1/articles/\(archive.bridge)?format=xml")
            #expect(bad.status == .badRequest)
            let error = try #require(try bad.json()["error"] as? [String: String])
            #expect(error["message"]?.contains("expected 'json' or 'ninjs', found 'xml'") == true)
            let draft = try await client.get("/api/v1/articles/\(archive.draft)?format=ninjs")
            #expect(draft.status == .notFound)
        }
    }
}
