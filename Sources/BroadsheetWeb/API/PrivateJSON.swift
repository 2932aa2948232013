import Foundation
import Hummingbird
import NIOCore

/// A JSON answer for one newsroom client: never kept by the page cache, a browser or a CDN
/// (`Cache-Control: no-store`). An article carries the `ETag` its `If-Match` edits compare.
struct PrivateJSON: ResponseGenerator {
    var body: ByteBuffer
    var status: HTTPResponse.Status = .ok
    var location: String?

    init(_ value: some Encodable, status: HTTPResponse.Status = .ok, location: String? = nil) throws {
        self.body = ByteBuffer(bytes: try APIJSON.encoder.encode(value))
        self.status = status
        self.location = location
    }

    /// A document already built as JSON objects (a difference of revisions, whose values are any JSON).
    init(object: Any, status: HTTPResponse.Status = .ok) throws {
        self.body = ByteBuffer(
            bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        self.status = status
    }

    /// The tag of these exact bytes, the same a cached GET of the same document sends.
    var entityTag: String { EntityTag.strong(of: body) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers[.eTag] = entityTag
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
