import Broadsheet
import BroadsheetFormats
import BroadsheetImport
import Foundation
import Hummingbird
import NIOPosix

/// `POST /api/v1/import`: a batch in an import format, by its content type, through the same
/// `Importer` as `broadsheet import`, answered with the same summary.
///
/// `text/plain` is the e-paper text format; XML types are detected by their root element (NITF,
/// NewsML, RSS, Atom, a WordPress export); `application/x-ndjson` (or JSON) is one article JSON a
/// line; `application/zip` is a ZIP of such files, each read by its extension and content.
struct ImportController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: NewsroomAccess { NewsroomAccess(store: site.store) }

    static let textTypes: Set<String> = ["text/plain", "text/x-epaper"]
    static let xmlTypes: Set<String> = [
        "application/xml", "text/xml", "application/nitf+xml", "application/vnd.iptc.g2.newsitem+xml",
        "application/vnd.iptc.g2.newsmessage+xml", "application/rss+xml", "application/atom+xml",
    ]
    static let jsonLinesTypes: Set<String> = [
        "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/json",
        ArticleRepresentation.ninjsMediaType,
    ]

    static let zipTypes: Set<String> = ["application/zip", "application/x-zip-compressed"]

    func addRoutes(to router: Router<Context>) {
        router.post(SiteURL.api(.importBatch).route, use: importBatch)
    }

    @Sendable func importBatch(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.require(.importBatch, request)
        let type = MediaType.of(request)
        let name = "request body"
        let format = try Self.format(of: type)
        let body = try await BodyLimit.read(request, limit: BodyLimit.importLimit)
        let importer = Importer(store: site.store, publication: site.publication, format: format)
        let batch: BatchOutcome =
            if Self.zipTypes.contains(type) {
                try await zip(Data(buffer: body), importer: importer)
            } else if Self.jsonLinesTypes.contains(type) {
                BatchOutcome(
                    summary: try await jsonLinesOrOtherJSON(Data(buffer: body), name: name, importer: importer))
            } else {
                BatchOutcome(
                    summary: try await Self.parsedAndFiled(
                        named: name, data: Data(buffer: body), importer,
                        charset: XMLCharsetRepair.charset(inContentType: request.headers[.contentType])))
            }
        let summary = batch.summary
        // A ZIP that breaks part way has still put in the files before the break: they are audited.
        try await site.store.recordAudit(
            action: "import", articleID: nil, detail: "\(type): \(summary.countsLine)" + batch.stopNote,
            by: context.attribution(user))
        site.cache.invalidateAll()
        if let stopped = batch.stopped {
            throw APIError(
                status: .unprocessableContent, code: "invalid_archive",
                message: "\(stopped.description); the files before it went in (\(summary.countsLine))")
        }
        return try PrivateJSON(ImportSummaryJSON(summary)).response(from: request, context: context)
    }

    /// The import format a content type names: `text/plain` the e-paper text, XML, JSON and ZIP
    /// told apart by content; anything else is refused with the list of types that are not.
    static func format(of type: String) throws -> ImportFormat {
        if textTypes.contains(type) { return .named(.epaper) }
        if xmlTypes.contains(type) || jsonLinesTypes.contains(type) || zipTypes.contains(type) { return .auto }
        let known = textTypes.union(xmlTypes).union(jsonLinesTypes).union(zipTypes).sorted()
        throw APIError(
            status: .unsupportedMediaType, code: "unsupported_media_type",
            message: "Content-Type '\(type)' is not an import format; send one of \(known.joined(separator: ", "))")
    }

    /// What a batch put in, and for a ZIP that broke part way, where it stopped.
    private struct BatchOutcome {
        var summary: ImportSummary
        /// The files read whole before the break, in the order they went in.
        var read: [String] = []
        var stopped: ZIPBatch.Failure?

        /// "; stopped part way: b.txt cannot be unpacked: …; read before it: a.txt, c.txt".
        var stopNote: String {
            guard let stopped else { return "" }
            let shown =
                read.prefix(20).joined(separator: ", ") + (read.count > 20 ? " and \(read.count - 20) more" : "")
            return "; stopped part way: \(stopped.description); read before it: \(read.isEmpty ? "no file" : shown)"
        }
    }

    /// Every file of a ZIP in name order, JSON lines by their extension, the rest by content; a
    /// file that cannot be unpacked stops the batch, with what came before it kept and named.
    private func zip(_ data: Data, importer: Importer) async throws -> BatchOutcome {
        let batch: ZIPBatch
        do throws(ZIPBatch.Failure) {
            batch = try ZIPBatch(data)
        } catch {
            throw APIError(status: .unprocessableContent, code: "invalid_archive", message: error.description)
        }
        var outcome = BatchOutcome(summary: ImportSummary())
        do {
            try await batch.forEachFile { name, data in
                let ext = (name as NSString).pathExtension.lowercased()
                outcome.summary.merge(
                    ext == "jsonl" || ext == "ndjson"
                        ? try await jsonLinesOrOtherJSON(data, name: name, importer: importer)
                        : try await Self.parsedAndFiled(named: name, data: data, importer))
                outcome.read.append(name)
            }
        } catch let failure as ZIPBatch.Failure {
            outcome.stopped = failure
        }
        return outcome
    }

    /// Our article JSON a line when the first line is one (its `body` a list of blocks); any other
    /// JSON (ninjs, as `broadsheet export --format jsonl` writes, a JSON Feed, a Ghost export) goes
    /// to the importer, which tells the format from the content.
    private func jsonLinesOrOtherJSON(_ data: Data, name: String, importer: Importer) async throws -> ImportSummary {
        let firstLine = data.split(separator: UInt8(ascii: "\n")).first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }
        let first = firstLine.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        if first?["body"] is [Any] {
            return await importer.file(try await NIOThreadPool.singleton.runIfActive { jsonLines(data, name: name) })
        }
        return try await Self.parsedAndFiled(
            named: name.hasSuffix(".jsonl") ? name : name + ".jsonl", data: data, importer)
    }

    /// Parses a file on NIO's thread pool, then files it: parsing a large batch would otherwise
    /// hold a thread of the cooperative pool, which every request shares, for as long as it takes.
    private static func parsedAndFiled(
        named name: String, data: Data, _ importer: Importer, charset: String? = nil
    ) async throws -> ImportSummary {
        await importer.file(
            try await NIOThreadPool.singleton.runIfActive {
                importer.prepare(named: name, data: data, charset: charset)
            })
    }

    /// Each non-empty line an article JSON. Without a `source`, a line is known by its paper,
    /// edition date and headline, so sending the same batch twice changes nothing.
    private func jsonLines(_ data: Data, name: String) -> PreparedFile {
        var file = PreparedFile(name: name)
        let text = String(decoding: data, as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do throws(APIError) {
                let input = try ArticleInput(ByteBuffer(string: String(line)), allowed: Set(ArticleInput.writable))
                var content = try input.newContent(publication: site.publication, now: Date())
                if !input.has("source") {
                    content.source = ArticleSource(
                        format: "jsonl",
                        uri: "jsonl:\(Slug(content.edition.publication))/\(content.edition.date.iso)/"
                            + Slug(content.headline).rawValue)
                }
                file.append(ParsedArticle(content: content, line: index + 1, status: try input.status()))
            } catch {
                file.failures.append(ImportNotice(file: name, line: index + 1, reason: error.message))
            }
        }
        return file
    }
}

extension ImportSummaryJSON {
    init(_ summary: ImportSummary) {
        func notices(_ list: [ImportNotice]) -> [Notice] {
            list.map { Notice(file: $0.file, line: $0.line, reason: $0.reason) }
        }
        self.init(
            created: summary.created, updated: summary.updated, unchanged: summary.unchanged,
            older: notices(summary.older), failed: notices(summary.failed),
            warnings: summary.warnings.map { Notice(file: $0.file, line: $0.line, reason: $0.repair.description) },
            succeeded: summary.succeeded,
            summary: summary.countsLine)
    }
}
