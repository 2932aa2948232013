import Broadsheet
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// Every newsroom route with every role: who is let in (2xx) and who is refused (401 without a
/// token, 403 with the wrong role).
@Suite("Newsroom routes by role", .timeLimit(.minutes(10)))
struct NewsroomRoleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var body: String?
        var contentType: String?
        var role: Role?
        var expected: Int

        var testDescription: String { "\(method) \(path) as \(role?.rawValue ?? "nobody") → \(expected)" }
    }

    static let draftBody =
        #"{"headline": "Night market opens on the quay", "body": [{"type": "paragraph", "text": "Stalls opened."}]}"#
    static let publishedBody =
        #"{"headline": "Night market opens", "status": "published", "body": [{"type": "paragraph", "text": "Stalls."}]}"#
    static let epaper = """
        E-Paper | April 30, 2025
        Tide tables reprinted for the season
        Our Staff Reporter Published April 30, 2025

        KARACHI: The port trust reprinted its tide tables on Tuesday.
        """

    /// (method, path, body, content type, the least role, the status that role gets).
    static let routes: [(HTTPRequest.Method, String, String?, String?, Role, Int)] = [
        (.post, "/api/v1/articles", draftBody, nil, .contributor, 201),
        (.post, "/api/v1/articles", publishedBody, nil, .editor, 201),
        (.patch, "/api/v1/articles/{draft}", #"{"summary": "Leaked figures"}"#, nil, .contributor, 200),
        (.patch, "/api/v1/articles/{bridge}", #"{"summary": "Open again"}"#, nil, .editor, 200),
        (.post, "/api/v1/articles/{draft}/publish", nil, nil, .editor, 200),
        (.post, "/api/v1/articles/{draft}/publish", #"{"publish_at": "2099-01-01T00:00:00Z"}"#, nil, .editor, 202),
        (.post, "/api/v1/articles/{bridge}/unpublish", nil, nil, .editor, 200),
        (
            .post, "/api/v1/articles/{bridge}/corrections", #"{"text": "Six months, not five.", "kind": "correction"}"#,
            nil, .editor, 201
        ),
        (.delete, "/api/v1/articles/{markets}", #"{"note": "The figures were wrong."}"#, nil, .editor, 200),
        (.get, "/api/v1/articles/{draft}", nil, nil, .contributor, 200),
        (.get, "/api/v1/articles?status=draft", nil, nil, .contributor, 200),
        (.get, "/api/v1/articles/{bridge}/revisions", nil, nil, .contributor, 200),
        (.get, "/api/v1/articles/{bridge}/revisions/1", nil, nil, .contributor, 200),
        (.get, "/api/v1/articles/{bridge}/revisions/1/diff?against=1", nil, nil, .contributor, 200),
        (.post, "/api/v1/import", epaper, "text/plain", .editor, 200),
        (.post, "/api/v1/articles", epaper, "text/plain; charset=utf-8", .editor, 200),
        (.get, "/api/v1/audit", nil, nil, .admin, 200),
        (.get, "/api/v1/users", nil, nil, .admin, 200),
        (.post, "/api/v1/users", #"{"name": "farah", "role": "contributor"}"#, nil, .admin, 201),
        (.delete, "/api/v1/users/contributor", nil, nil, .admin, 204),
        // Anyone lists their own tokens; only the editor's token 2 is theirs to revoke.
        (.get, "/api/v1/tokens", nil, nil, .contributor, 200),
        (.post, "/api/v1/tokens", #"{"user": "editor", "label": "desk", "expires_in_days": 30}"#, nil, .admin, 201),
        (.delete, "/api/v1/tokens/2", nil, nil, .admin, 204),
    ]

    /// Each route once per caller: nobody, then every role, allowed from its least role up.
    static var cases: [Case] {
        routes.flatMap { method, path, body, type, least, status in
            [Case(method: method, path: path, body: body, contentType: type, role: nil, expected: 401)]
                + Role.allCases.map { role in
                    Case(
                        method: method, path: path, body: body, contentType: type, role: role,
                        expected: role >= least ? status : 403)
                }
        }
    }

    @Test(arguments: cases)
    func route(_ item: Case) async throws {
        try await Newsroom.withApp { client, archive, newsroom in
            let path = item.path.replacingOccurrences(of: "{draft}", with: "\(archive.draft)")
                .replacingOccurrences(of: "{bridge}", with: "\(archive.bridge)")
                .replacingOccurrences(of: "{markets}", with: "\(archive.markets)")
            var headers: HTTPFields = [:]
            if let token = item.role.map(newsroom.token) { headers[.authorization] = "Bearer \(token)" }
            let response = try await client.send(
                item.method, path, body: item.body,
                contentType: item.contentType ?? (item.body == nil ? nil : "application/json"),
                headers: headers)
            let expected =
                if item.method == .get && item.role == nil && path.hasSuffix("\(archive.draft)") {
                    404
                } else if path == "/api/v1/tokens/2" && item.role == .contributor {
                    404
                } else if path == "/api/v1/tokens/2" && item.role == .editor {
                    204
                } else if path == "/api/v1/articles" && item.contentType != nil && item.role == .contributor {
                    // A contributor may not import a batch, but files the one story it holds as a draft.
                    201
                } else {
                    item.expected
                }
            #expect(Int(response.status.code) == expected, "\(item.testDescription): \(response.text)")
            if response.status.code >= 400 {
                #expect(try response.apiError()["message"]?.isEmpty == false)
            }
            if item.method != .get {
                #expect(response.headers[.cacheControl] == "no-store", "writes are never cached")
            }
        }
    }
}
