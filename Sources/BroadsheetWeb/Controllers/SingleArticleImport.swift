import Broadsheet
import BroadsheetFormats
import BroadsheetImport
import Foundation
import Hummingbird
import NIOPosix

/// `POST /api/v1/articles` with one story in an import format (e-paper text, ninjs, NITF, ...)
/// from a contributor, who may write drafts but not import batches.
///
/// The story is read by the same readers as an import and filed as a new draft. It gets an
/// identity of its own: a contributor's draft must not claim a source's identity and so block
/// the source's story, which is why the body must hold exactly one story.
struct SingleArticleImport {
    let site: Site

    func file(_ request: Request, by attribution: Attribution) async throws -> Article {
        let type = MediaType.of(request)
        let format = try ImportController.format(of: type)
        guard !ImportController.zipTypes.contains(type) else {
            throw APIError.badBody("a ZIP is a batch: send one story, or a batch to POST /api/v1/import (editors)")
        }
        let body = try await BodyLimit.read(request, limit: BodyLimit.jsonLimit)
        let charset = XMLCharsetRepair.charset(inContentType: request.headers[.contentType])
        let content = try await story(
            in: Data(buffer: body), named: "request body", place: "the body", format: format, charset: charset,
            batchAdvice: "send a batch to POST /api/v1/import (editors)")
        return try await site.store.create(content, status: .draft, by: attribution)
    }

    /// The one story `data` holds, read as an import reads it, under an identity of its own;
    /// a 422 naming the file and line when it cannot be read or holds more than one story.
    func story(
        in data: Data, named name: String, place: String, format: ImportFormat, charset: String?, batchAdvice: String
    )
        async throws -> ArticleContent
    {
        let importer = Importer(store: site.store, publication: site.publication, format: format)
        let prepared = try await NIOThreadPool.singleton.runIfActive {
            importer.prepare(named: name, data: data, charset: charset)
        }
        if let failure = prepared.failures.first {
            throw APIError(status: .unprocessableContent, code: "unprocessable", message: failure.description)
        }
        guard prepared.articles.count == 1, var content = prepared.articles.first?.content else {
            throw APIError(
                status: .unprocessableContent, code: "unprocessable",
                message: "expected one story in \(place), found \(prepared.articles.count); \(batchAdvice)")
        }
        content.source = ArticleSource(format: "api", uri: "api:\(UUID().uuidString.lowercased())")
        return content
    }
}
