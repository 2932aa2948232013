import Broadsheet
import BroadsheetSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

@Suite("The newsroom's workflow through the API", .timeLimit(.minutes(10)))
struct NewsroomWorkflowTests {
    @Test func aStaleIfMatchIsRefusedAndTheColleaguesEditKept() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let editor = newsroom.token(.editor)
            let path = "/api/v1/articles/\(archive.bridge)"
            let read = try await client.send(.get, path, token: editor)
            let etag = try #require(read.headers[.eTag])
            #expect(read.headers[.cacheControl] == "no-store", "a reader with a token gets a private answer")
            let reader = try await client.get(path)
            #expect(etag == reader.headers[.eTag], "the same tag the public document has")
            #expect(reader.headers[values: .vary].contains("Authorization"), "a CDN keeps the two apart")

            let first = try await client.send(
                .patch, path, token: editor, json: #"{"summary": "Open to traffic again."}"#,
                headers: [.ifMatch: etag])
            #expect(first.status == .ok)
            #expect(try first.json()["revision"] as? Int == 2)
            #expect(first.headers[.eTag] != etag)

            let second = try await client.send(
                .patch, path, token: editor, json: #"{"headline": "A rival headline"}"#, headers: [.ifMatch: etag])
            #expect(second.status == .preconditionFailed)
            #expect(try second.apiError()["code"] == "precondition_failed")
            let now = try await client.get(path).json()
            #expect(now["summary"] as? String == "Open to traffic again.", "the public copy is fresh, not cached")
            #expect(now["headline"] as? String == "Harbour bridge reopens after repairs")

            let fresh = try #require(first.headers[.eTag])
            let third = try await client.send(
                .patch, path, token: editor, json: #"{"headline": "Harbour bridge open again"}"#,
                headers: [.ifMatch: fresh])
            #expect(third.status == .ok)
            #expect(try third.json()["slug"] as? String == "harbour-bridge-open-again")
        }
    }

    @Test(arguments: [
        (#"{"headline": "x", "colour": "red"}"#, "colour: unknown field"),
        (#"{"id": 7}"#, "id: set by the server"),
        (#"{"status": "published"}"#, "status: cannot be changed here"),
        (#"{"published_at": "yesterday"}"#, "published_at: expected an RFC 3339 time"),
        (#"{"body": [{"type": "marquee"}]}"#, "body: a block is not one of"),
        ("[1, 2]", "expected a JSON object"),
    ])
    func badEditsAreNamed(body: String, message: String) async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let response = try await client.send(
                .patch, "/api/v1/articles/\(archive.draft)", token: newsroom.token(.editor), json: body)
            #expect(response.status == .badRequest)
            #expect(try response.apiError()["message"]?.hasPrefix(message) == true, "\(response.text)")
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let huge = #"{"summary": ""# + String(repeating: "a", count: BodyLimit.jsonLimit) + #""}"#
            let response = try await client.send(
                .patch, "/api/v1/articles/\(archive.draft)", token: newsroom.token(.editor), json: huge)
            #expect(response.status == .contentTooLarge)
            #expect(try response.apiError()["code"] == "payload_too_large")
        }
    }

    @Test func aCorrectionIsShownOnThePageAndInTheFeedWithItsDate() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let response = try await client.send(
                .post, "/api/v1/articles/\(archive.bridge)/corrections", token: newsroom.token(.editor),
                json: #"{"text": "The repairs took six months, not five.", "kind": "correction"}"#)
            #expect(response.status == .created)
            let corrections = try #require(try response.json()["corrections"] as? [[String: String]])
            #expect(corrections.first?["kind"] == "correction")
            let page = try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs").text
            let day = WebFixtureDates.today
            #expect(page.contains("Correction, \(day):</strong> The repairs took six months, not five."), "\(page)")
            let feed = try await client.get("/feed.xml").text
            #expect(feed.contains("The repairs took six months, not five."))
        }
    }

    @Test func aRetractedStoryLeavesItsNoteForReadersAndFeeds() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let editor = newsroom.token(.editor)
            #expect(try await client.get("/feed.xml").text.contains("Markets close higher"))
            let response = try await client.send(
                .delete, "/api/v1/articles/\(archive.markets)", token: editor,
                json: #"{"note": "The export figures it reported were wrong."}"#)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "retracted")

            let page = try await client.get("/news/\(archive.markets)/markets-close-higher-on-export-hopes")
            #expect(page.status == .gone)
            #expect(page.text.contains("The export figures it reported were wrong."))
            let api = try await client.get("/api/v1/articles/\(archive.markets)")
            #expect(api.status == .gone)
            #expect(try api.apiError()["code"] == "retracted")
            let list = try await client.get("/api/v1/articles?limit=100").text
            #expect(!list.contains("Markets close higher"))
            let feed = try await client.get("/feed.xml").text
            #expect(feed.contains("Retracted: Markets close higher on export hopes"))
            #expect(feed.contains("The export figures it reported were wrong."))
            let entry = try #require(feed.range(of: "Retracted: Markets").map { feed[$0.lowerBound...] })
            #expect(!entry.prefix(1500).contains("export hopes.</p>"), "the note, not the story")

            let again = try await client.send(.delete, "/api/v1/articles/\(archive.markets)", token: editor)
            #expect(again.status == .conflict)

            let draft = try await client.send(.delete, "/api/v1/articles/\(archive.draft)", token: editor)
            #expect(draft.status == .ok)
            #expect(try await client.get("/news/\(archive.draft)").status == .notFound, "never seen: nothing to say")
        }
    }

    @Test func revisionsSayWhoAndTheDifferenceIsFieldByField() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let contributor = newsroom.token(.contributor)
            let path = "/api/v1/articles/\(archive.draft)"
            let edit = try await client.send(
                .patch, path, token: contributor,
                json: #"{"headline": "Budget figures leak early", "topics": ["Budget"]}"#)
            #expect(edit.status == .ok)
            _ = try await client.send(.post, path + "/publish", token: newsroom.token(.editor))

            let list = try await client.send(.get, path + "/revisions", token: contributor).json()
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["number"] as? Int } == [1, 2, 3])
            #expect(items.compactMap { $0["made_by"] as? String } == ["import", "contributor", "editor"])
            #expect(items.compactMap { $0["status"] as? String } == ["draft", "draft", "published"])
            #expect(items.compactMap { $0["action"] as? String } == ["import", "article.edit", "article.publish"])

            let second = try await client.send(.get, path + "/revisions/2", token: contributor).json()
            let article = try #require(second["article"] as? [String: Any])
            #expect(article["headline"] as? String == "Budget figures leak early")
            #expect(article["revision"] as? Int == 2)

            let diff = try await client.send(.get, path + "/revisions/2/diff", token: contributor).json()
            #expect(diff["from"] as? Int == 1 && diff["to"] as? Int == 2)
            let changes = try #require(diff["changes"] as? [[String: Any]])
            #expect(changes.compactMap { $0["field"] as? String } == ["headline", "topics", "slug"])
            #expect(changes.first?["from"] as? String == "Unpublished budget leak")
            #expect(changes.first?["to"] as? String == "Budget figures leak early")

            let status = try await client.send(.get, path + "/revisions/3/diff?against=1", token: contributor).json()
            let fields = (status["changes"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["status", "headline", "topics", "slug"])
            let missing = try await client.send(.get, path + "/revisions/9", token: contributor)
            #expect(missing.status == .notFound)
        }
    }

    @Test func everyWriteIsInTheAuditLogWithWhoAndWhere() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let editor = newsroom.token(.editor)
            let created = try await client.send(
                .post, "/api/v1/articles", token: newsroom.token(.contributor),
                json: #"{"headline": "Ferry fares frozen", "body": [{"type": "paragraph", "text": "No rise."}]}"#)
            let id = try #require(try created.json()["id"] as? Int)
            #expect(created.headers[.location] == "/api/v1/articles/\(id)")
            _ = try await client.send(.patch, "/api/v1/articles/\(id)", token: editor, json: #"{"summary": "s"}"#)
            _ = try await client.send(.post, "/api/v1/articles/\(id)/publish", token: editor)
            _ = try await client.send(
                .post, "/api/v1/articles/\(id)/corrections", token: editor, json: #"{"text": "Fares, not fees."}"#)
            _ = try await client.send(.post, "/api/v1/articles/\(id)/unpublish", token: editor)
            _ = try await client.send(.delete, "/api/v1/articles/\(id)", token: editor)
            _ = try await client.send(
                .post, "/api/v1/import", token: editor, body: NewsroomRoleTests.epaper, contentType: "text/plain")
            _ = try await client.send(
                .post, "/api/v1/session", json: #"{"name": "editor", "password": "\#(Newsroom.password)"}"#)

            let audit = try await client.send(.get, "/api/v1/audit?limit=8", token: newsroom.token(.admin)).json()
            let entries = try #require(audit["items"] as? [[String: Any]])
            #expect(
                entries.compactMap { $0["action"] as? String } == [
                    "token.create", "import", "article.retract", "article.unpublish", "article.correct",
                    "article.publish", "article.edit", "article.create",
                ])
            #expect(entries.compactMap { $0["actor"] as? String }.last == "contributor")
            #expect(entries.dropFirst(2).allSatisfy { $0["article_id"] as? Int == id })
            #expect(entries.allSatisfy { $0["address"] as? String == "unknown" }, "the test client has no socket")
            #expect(audit["next_cursor"] as? String != nil)
            let rest = try await client.send(
                .get, "/api/v1/audit?before=\(audit["next_cursor"] as? String ?? "")", token: newsroom.token(.admin))
            #expect((try rest.json()["items"] as? [[String: Any]])?.first?["action"] as? String == "token.create")
        }
    }

    @Test func securityHeadersAreOnEveryResponse() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            for response in [
                try await client.get("/news/\(archive.bridge)/harbour-bridge-reopens-after-repairs"),
                try await client.get("/api/v1/articles"), try await client.get("/no/such/page"),
                try await client.send(.post, "/api/v1/articles", json: "{}"),
            ] {
                let policy = try #require(response.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
            }
        }
    }
}

enum WebFixtureDates {
    /// Today as the fixture paper prints dates (corrections are dated when they are made).
    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = WebFixture.publication.timeZone
        formatter.dateFormat = "MMMM d, yyyy"
        return formatter.string(from: Date())
    }
}
