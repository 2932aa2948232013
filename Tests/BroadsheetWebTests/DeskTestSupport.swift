import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import BroadsheetWeb

/// A browser at the desk, as far as a test needs one: it keeps the session cookie and reads each
/// page's form token, and posts forms as a browser does.
struct DeskBrowser {
    let client: any TestClientProtocol
    var cookie: String?
    var formToken = ""

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// Signs in; the cookie and form token are kept.
    static func signedIn(_ client: any TestClientProtocol, as name: String, password: String = Newsroom.password)
        async throws -> DeskBrowser
    {
        var browser = DeskBrowser(client)
        let response = try await browser.post("/desk/sign-in", ["name": name, "password": password], withToken: false)
        #expect(response.status == .seeOther, "sign-in as \(name): \(response.status) \(response.text)")
        _ = try await browser.get("/desk")
        return browser
    }

    mutating func get(_ path: String) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = "\(DeskSession.cookieName)=\(cookie)" }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        keep(response)
        return response
    }

    /// Posts `fields` urlencoded, with the form token of the last page read unless told not to.
    mutating func post(_ path: String, _ fields: [String: String], withToken: Bool = true) async throws
        -> TestResponse
    {
        var all = fields
        if withToken { all["_csrf"] = formToken }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = "\(DeskSession.cookieName)=\(cookie)" }
        let body = all.sorted { $0.key < $1.key }.map { "\(Self.encoded($0.key))=\(Self.encoded($0.value))" }
            .joined(separator: "&")
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// Posts a multipart form with one file.
    mutating func upload(_ path: String, file name: String, bytes: String) async throws -> TestResponse {
        let boundary = "deskboundary42"
        let body =
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(formToken)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n\(bytes)\r\n--\(boundary)--\r\n"
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if let cookie { headers[.cookie] = "\(DeskSession.cookieName)=\(cookie)" }
        let response = try await client.execute(
            uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    private mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] where header.hasPrefix(DeskSession.cookieName + "=") {
            let value = header.dropFirst(DeskSession.cookieName.count + 1).prefix { $0 != ";" }
            cookie = value.isEmpty ? nil : String(value)
        }
        let text = String(buffer: response.body)
        if let range = text.range(of: "name=\"_csrf\" value=\"") {
            formToken = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    var location: String { headers[.location] ?? "" }
}

/// The fields of a story as the editor posts them.
func deskStory(
    _ headline: String, revision: Int = 0, body: String = "The council met on Monday.\n\nIt agreed the plan."
)
    -> [String: String]
{
    [
        "headline": headline, "summary": "", "byline": "Our Staff Reporter", "authors": "", "dateline": "KARACHI",
        "section": "Pakistan", "topics": "Transport, Harbour", "language": "en", "body": body,
        "edition_date": "2025-04-29", "page": "", "revision": String(revision),
    ]
}
