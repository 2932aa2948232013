import Broadsheet
import BroadsheetSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// The OpenAPI document against the server: the same routes, and answers that fit its schemas.
@Suite("The OpenAPI document", .timeLimit(.minutes(10)))
struct OpenAPITests {
    static func document(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let response = try await client.get("/api/v1/openapi.json")
        #expect(response.status == .ok)
        return try response.json()
    }

    @Test func everyRouteUnderTheAPIIsDocumentedAndNothingElse() async throws {
        try await WebFixture.withApp { client, _ in
            let document = try await Self.document(client)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, item) in paths {
                for method in ["get", "post", "patch", "delete", "put"] where item[method] != nil {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            // Routes only: the store is never asked anything.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("routes-\(UUID()).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let store = try SQLiteStore(path: path)
            let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
            let registered = Set(
                buildRouter(site: site, metrics: Telemetry.registry).routes
                    .filter { $0.method != .head && "\($0.path)".hasPrefix("/api/v1") }
                    .map { "\($0.method) \(Self.openAPIPath("\($0.path)"))" })
            #expect(registered.count >= 19)
            #expect(registered.subtracting(documented).isEmpty, "not documented: \(registered.subtracting(documented))")
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented, not served: \(documented.subtracting(registered))")
            try await store.close()
        }
    }

    /// "/api/v1/articles/:id" → "/api/v1/articles/{id}".
    static func openAPIPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }

    @Test func answersMatchTheirSchemas() async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let document = try await Self.document(client)
            let editor = newsroom.token(.editor)
            let admin = newsroom.token(.admin)
            let draft = "/api/v1/articles/\(archive.draft)"
            // (documented path, method, the request) — each answer checked against the document.
            let calls: [(String, String, () async throws -> TestResponse)] = [
                ("/api/v1/articles", "get", { try await client.get("/api/v1/articles?limit=2") }),
                ("/api/v1/articles", "get", { try await client.get("/api/v1/articles?limit=500") }),
                ("/api/v1/articles", "get", { try await client.send(.get, "/api/v1/articles?status=draft") }),
                ("/api/v1/articles/{id}", "get", { try await client.get("/api/v1/articles/\(archive.bridge)") }),
                ("/api/v1/articles/{id}", "get", { try await client.get(draft) }),
                ("/api/v1/articles/{id}", "get", { try await client.send(.get, draft, token: editor) }),
                (
                    "/api/v1/articles/{id}", "patch",
                    {
                        try await client.send(.patch, draft, token: editor, json: #"{"summary": "A summary"}"#)
                    }
                ),
                (
                    "/api/v1/articles/{id}", "patch",
                    {
                        try await client.send(.patch, draft, token: editor, json: #"{"summary": 3}"#)
                    }
                ),
                (
                    "/api/v1/articles/{id}", "patch",
                    {
                        try await client.send(
                            .patch, draft, token: editor, json: "{}", headers: [.ifMatch: "\"stale\""])
                    }
                ),
                (
                    "/api/v1/articles/{id}/revisions", "get",
                    { try await client.send(.get, draft + "/revisions", token: editor) }
                ),
                (
                    "/api/v1/articles/{id}/revisions/{number}", "get",
                    {
                        try await client.send(.get, draft + "/revisions/2", token: editor)
                    }
                ),
                (
                    "/api/v1/articles/{id}/revisions/{number}/diff", "get",
                    {
                        try await client.send(.get, draft + "/revisions/2/diff", token: editor)
                    }
                ),
                (
                    "/api/v1/articles/{id}/publish", "post",
                    {
                        try await client.send(
                            .post, draft + "/publish", token: editor, json: #"{"publish_at": "2099-01-01T00:00:00Z"}"#)
                    }
                ),
                (
                    "/api/v1/articles/{id}/publish", "post",
                    { try await client.send(.post, draft + "/publish", token: editor) }
                ),
                (
                    "/api/v1/articles/{id}/corrections", "post",
                    {
                        try await client.send(
                            .post, draft + "/corrections", token: editor, json: #"{"text": "A fix."}"#)
                    }
                ),
                (
                    "/api/v1/articles/{id}/unpublish", "post",
                    {
                        try await client.send(.post, draft + "/unpublish", token: newsroom.token(.contributor))
                    }
                ),
                (
                    "/api/v1/articles/{id}/unpublish", "post",
                    { try await client.send(.post, draft + "/unpublish", token: editor) }
                ),
                ("/api/v1/articles/{id}", "delete", { try await client.send(.delete, draft, token: editor) }),
                ("/api/v1/articles/{id}", "get", { try await client.get(draft) }),
                (
                    "/api/v1/articles", "post",
                    {
                        try await client.send(
                            .post, "/api/v1/articles", token: editor,
                            json:
                                #"{"headline": "Ferry fares frozen", "body": [{"type": "paragraph", "text": "No rise."}], "topics": ["Transport"]}"#
                        )
                    }
                ),
                (
                    "/api/v1/articles", "post",
                    { try await client.send(.post, "/api/v1/articles", token: editor, json: #"{"colour": 1}"#) }
                ),
                (
                    "/api/v1/import", "post",
                    {
                        try await client.send(
                            .post, "/api/v1/import", token: editor, body: NewsroomRoleTests.epaper,
                            contentType: "text/plain")
                    }
                ),
                (
                    "/api/v1/import", "post",
                    {
                        try await client.send(
                            .post, "/api/v1/import", token: editor, body: "x", contentType: "image/png")
                    }
                ),
                ("/api/v1/audit", "get", { try await client.send(.get, "/api/v1/audit", token: admin) }),
                ("/api/v1/users", "get", { try await client.send(.get, "/api/v1/users", token: admin) }),
                (
                    "/api/v1/users", "post",
                    {
                        try await client.send(
                            .post, "/api/v1/users", token: admin, json: #"{"name": "lin", "role": "editor"}"#)
                    }
                ),
                ("/api/v1/tokens", "get", { try await client.send(.get, "/api/v1/tokens", token: admin) }),
                (
                    "/api/v1/tokens", "post",
                    { try await client.send(.post, "/api/v1/tokens", token: admin, json: #"{"user": "lin"}"#) }
                ),
                (
                    "/api/v1/tokens", "post",
                    { try await client.send(.post, "/api/v1/tokens", token: admin, json: #"{"user": "nobody"}"#) }
                ),
                ("/api/v1/audit", "get", { try await client.send(.get, "/api/v1/audit", token: editor) }),
                ("/api/v1/tokens", "get", { try await client.send(.get, "/api/v1/tokens", token: editor) }),
                (
                    "/api/v1/tokens/{id}", "delete",
                    { try await client.send(.delete, "/api/v1/tokens/999", token: editor) }
                ),
                ("/api/v1/session", "delete", { try await client.send(.delete, "/api/v1/session") }),
                (
                    "/api/v1/session", "delete",
                    { try await client.send(.delete, "/api/v1/session?everywhere=maybe", token: editor) }
                ),
                (
                    "/api/v1/session", "post",
                    {
                        try await client.send(
                            .post, "/api/v1/session", json: #"{"name": "admin", "password": "\#(Newsroom.password)"}"#)
                    }
                ),
                (
                    "/api/v1/session", "post",
                    { try await client.send(.post, "/api/v1/session", json: #"{"name": "admin", "password": "no"}"#) }
                ),
                ("/api/v1/editions", "get", { try await client.get("/api/v1/editions") }),
                ("/api/v1/editions/{date}", "get", { try await client.get("/api/v1/editions/2025-04-29") }),
                ("/api/v1/editions/{date}", "get", { try await client.get("/api/v1/editions/someday") }),
                (
                    "/api/v1/editions/{date}/pages", "get",
                    { try await client.get("/api/v1/editions/2025-04-29/pages") }
                ),
                (
                    "/api/v1/editions/{date}/pages/{number}", "get",
                    { try await client.get("/api/v1/editions/2025-04-29/pages/2?words=true") }
                ),
                (
                    "/api/v1/editions/{date}/pages/{number}", "get",
                    { try await client.get("/api/v1/editions/2025-04-29/pages/9") }
                ),
                ("/api/v1/sections", "get", { try await client.get("/api/v1/sections") }),
                ("/api/v1/topics", "get", { try await client.get("/api/v1/topics") }),
                ("/api/v1/authors", "get", { try await client.get("/api/v1/authors") }),
                ("/api/v1/search", "get", { try await client.get("/api/v1/search?q=harbour") }),
                ("/api/v1/search", "get", { try await client.get("/api/v1/search?q=") }),
            ]
            var pairs: [(schema: Any, document: Any)] = []
            var labels: [String] = []
            for (path, method, call) in calls {
                let response = try await call()
                let status = String(response.status.code)
                let schema = try #require(
                    Self.schema(in: document, path: path, method: method, status: status),
                    "\(method.uppercased()) \(path) does not document \(status): \(response.text)")
                pairs.append((schema, try JSONSerialization.jsonObject(with: Data(response.text.utf8))))
                labels.append("\(method.uppercased()) \(path) \(status)")
            }
            let results = try await ExternalCheckers.validateJSON(pairs)
            for (label, errors) in zip(labels, results) {
                #expect(errors.isEmpty, "\(label): \(errors)")
            }
            #expect(
                Set(labels.map { $0.split(separator: " ").last! }).isSuperset(of: [
                    "200", "201", "202", "400", "401", "403", "404", "410", "412", "415",
                ]))
        }
    }

    /// The JSON Schema of one documented answer, with the document's components beside it so its
    /// references resolve.
    static func schema(in document: [String: Any], path: String, method: String, status: String) -> [String: Any]? {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
            let operation = item[method] as? [String: Any],
            var answer = (operation["responses"] as? [String: Any])?[status] as? [String: Any]
        else { return nil }
        if let reference = answer["$ref"] as? String,
            let components = document["components"] as? [String: Any],
            let responses = components["responses"] as? [String: Any],
            let resolved = responses[String(reference.split(separator: "/").last!)] as? [String: Any]
        {
            answer = resolved
        }
        guard let content = answer["content"] as? [String: Any],
            var schema = (content["application/json"] as? [String: Any])?["schema"] as? [String: Any]
        else { return nil }
        schema["components"] = document["components"]
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        return schema
    }
}
