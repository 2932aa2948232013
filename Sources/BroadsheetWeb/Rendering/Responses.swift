import Foundation
import Hummingbird

/// A JSON document in the API's conventions: snake_case keys as the types spell them,
/// RFC 3339 UTC times.
struct JSONResponse<Value: Encodable>: ResponseGenerator {
    var value: Value
    var status: HTTPResponse.Status = .ok
    /// When the document's content last changed, when the handler knows better than "now".
    var lastModified: Date? = nil
    var surrogateKeys: [String] = []

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try page().response(from: request, context: context)
    }

    /// The encoded document, ready to be cached.
    func page() throws -> CachedPage {
        CachedPage(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ByteBuffer(bytes: try APIJSON.encoder.encode(value))
        ).modified(lastModified).tagged(surrogateKeys)
    }
}

enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()
}

extension Site {
    /// Renders a page with its template into a response.
    func html<Content: PageContent>(_ page: PageModel<Content>, status: HTTPResponse.Status = .ok) throws
        -> CachedPage
    {
        .html(try theme.render(page), status: status)
    }
}
