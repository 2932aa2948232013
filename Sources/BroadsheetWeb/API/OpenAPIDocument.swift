import Broadsheet
import Foundation
import NIOCore

/// The OpenAPI 3.1 description of `/api/v1` (Resources/api/openapi.json), served with this
/// server's own address. Tests check it names every route the router has and that answers
/// match its schemas, so it cannot drift from what the server does.
enum OpenAPIDocument {
    static func page(for publication: Publication) throws -> CachedPage {
        guard let url = Bundle.module.url(forResource: "Resources/api/openapi", withExtension: "json"),
            var document = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        else { throw APIError.notFound("the OpenAPI document is missing from this build") }
        document["servers"] = [["url": publication.baseURL, "description": publication.name]]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return CachedPage(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ByteBuffer(bytes: data))
    }
}
