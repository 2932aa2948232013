import Foundation
import HTTPTypes
import Logging

/// What the two handlers that answer cached pages before routing share: where the pages are, the
/// headers the router's middleware would have added, and the access log.
struct CachedPageAnswers: Sendable {
    let cache: PageCache
    let logger: Logger
    let metrics: CachedPageMetrics
    let serverName: String
    /// The logger's handler, when it writes access lines itself: found once, not per answer.
    private let directLog: (any AccessLineWriting)?

    init(cache: PageCache, logger: Logger, metrics: CachedPageMetrics, serverName: String) {
        self.cache = cache
        self.logger = logger
        self.metrics = metrics
        self.serverName = serverName
        directLog = logger.handler as? any AccessLineWriting
    }

    /// `headers` as the router's path sends them for a body of `length` bytes, but for `Date`:
    /// `Content-Length` (not on a 304, where NIO's encoder drops it), the security headers and
    /// `Server`.
    func sent(_ headers: HTTPFields, status: HTTPResponse.Status, length: Int) -> HTTPFields {
        var sent = headers
        if status != .notModified { sent[.contentLength] = String(length) }
        SecurityPolicy.mark(&sent)
        sent[.server] = serverName
        return sent
    }

    /// The access log's line for an answer of the cached page at `target`.
    func log(target: String, status: HTTPResponse.Status, elapsed: Duration) {
        AccessLogLine.write(
            to: logger, direct: directLog, method: .get, target: target, status: Int(status.code), elapsed: elapsed)
    }
}
