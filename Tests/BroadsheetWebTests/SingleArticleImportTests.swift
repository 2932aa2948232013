import Broadsheet
import Foundation
import Testing

/// `POST /api/v1/articles` with one story in an import format, from a contributor: it is read
/// like an import and filed as the contributor's draft, with an identity of its own.
@Suite("Filing one story in an import format", .timeLimit(.minutes(5)))
struct SingleArticleImportTests {
    static let story = """
        E-Paper | December 6, 2025
        Night ferry adds a Sunday crossing
        December 6, 2025
        KARACHI: The night ferry will run on Sundays from next week, the port authority said.

        The first Sunday crossing leaves the east wharf at eleven.
        """

    @Test func aContributorFilesOneEPaperStoryAsADraft() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let response = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor), body: Self.story,
                contentType: "text/plain; charset=utf-8")
            #expect(response.status == .created, "\(response.text)")
            let article = try #require(
                try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(article["headline"] as? String == "Night ferry adds a Sunday crossing")
            #expect(article["status"] as? String == "draft")
            #expect(article["dateline"] as? String == "KARACHI")
            let source = try #require(article["source"] as? [String: Any])
            #expect((source["uri"] as? String)?.hasPrefix("api:") == true, "a contributor claims no source identity")
        }
    }

    @Test func aContributorFilesOneNinjsStoryAsADraft() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let ninjs = """
                {"uri": "urn:agency.example:claimed", "headlines": [{"value": "Lighthouse lamp relit"}], \
                "bodies": [{"value": "<p>SALTMARSH: The keeper relit the lamp at dusk.</p>"}], \
                "firstcreated": "2025-12-04T16:00:00Z", "language": "en"}
                """
            let response = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor), body: ninjs,
                contentType: "application/ninjs+json")
            #expect(response.status == .created, "\(response.text)")
            let article = try #require(
                try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(article["headline"] as? String == "Lighthouse lamp relit")
            #expect(article["dateline"] as? String == "SALTMARSH")
            let source = try #require(article["source"] as? [String: Any])
            #expect(source["uri"] as? String != "urn:agency.example:claimed", "the agency's identity is not claimed")
        }
    }

    @Test func aBodyOfSeveralStoriesOrABrokenOneIsRefusedWithItsLine() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let two = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor), body: Self.story + "\n\n" + Self.story,
                contentType: "text/plain")
            #expect(two.status == .unprocessableContent, "\(two.text)")
            #expect(two.text.contains("expected one story in the body, found 2"), "\(two.text)")
            let broken = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor),
                body: "E-Paper | April 31, 2025\nA day that never was\n\nText.", contentType: "text/plain")
            #expect(broken.status == .unprocessableContent, "\(broken.text)")
            #expect(broken.text.contains("request body:1:"), "\(broken.text)")
            let nobody = try await client.send(.post, "/api/v1/articles", body: Self.story, contentType: "text/plain")
            #expect(nobody.status == .unauthorized)
        }
    }
}
