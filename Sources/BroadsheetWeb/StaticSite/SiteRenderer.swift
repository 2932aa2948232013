import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The server's own answer to a `GET`, without a socket: the static export renders every page
/// through the same router, middleware and templates the server runs, so a file it writes holds
/// the bytes the server would send for that address.
struct SiteRenderer: Sendable {
    /// What one address answered.
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
    }

    private let responder: RouterResponder<BroadsheetRequestContext>
    private let logger: Logger

    init(site: Site) {
        // The export reads no metrics and writes no access log: one line a page would drown its output.
        responder = buildRouter(site: site, metrics: Telemetry.registry, servingMetrics: false).buildResponder()
        logger = Logger(label: "broadsheet.export") { _ in SwiftLogNoOpLogHandler() }
    }

    /// The answer to `GET path` (a path as links spell it, percent-encoded, with any query).
    func get(_ path: String) async throws -> Answer {
        let request = Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: path),
            body: RequestBody(buffer: ByteBuffer()))
        let context = BroadsheetRequestContext(source: ExportContextSource(logger: logger))
        let response = try await responder.respond(to: request, context: context)
        let collected = CollectedBody()
        try await response.body.write(BodyCollector(into: collected))
        return Answer(status: response.status, headers: response.headers, body: collected.buffer)
    }
}

/// Where a request made by the export comes from: no channel, no peer.
struct ExportContextSource: RequestContextSource {
    let logger: Logger
}

extension BroadsheetRequestContext {
    init(source: ExportContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = nil
        self.clientAddress = "export"
    }
}

/// A response body gathered into one buffer (the writer is consumed; the buffer outlives it).
private final class CollectedBody {
    var buffer = ByteBuffer()
}

private struct BodyCollector: ResponseBodyWriter {
    let into: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        into.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
