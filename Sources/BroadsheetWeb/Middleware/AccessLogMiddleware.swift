import HTTPTypes
import Hummingbird
import Logging

/// One line per request once it is answered: method, path, status and how long it took.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: Int(response.status.code), since: start, context: context)
            return response
        } catch {
            // Only errors that escaped the error pages get here; Hummingbird answers them itself.
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: Int(status), since: start, context: context)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant, context: Context) {
        AccessLogLine.write(
            to: context.logger, method: request.method, target: request.uri.description, status: status,
            elapsed: ContinuousClock.now - start)
    }
}

/// The access log's line, written by the middleware and by the cached-page handlers alike:
/// `GET /news/1/ferry 200` with its status and duration as metadata.
///
/// A routed request's logger carries its request id. A cached page answered before routing has
/// none: its one line has nothing to be matched with, and making an id cost 2% of its answer.
enum AccessLogLine {
    /// `direct`, when given, is `logger`'s own handler, which writes the line from its parts.
    static func write(
        to logger: Logger, direct: (any AccessLineWriting)? = nil, method: HTTPRequest.Method, target: String,
        status: Int, elapsed: Duration
    ) {
        guard logger.logLevel <= .info else { return }
        let code = String(status)
        let duration = milliseconds(elapsed)
        if let direct,
            direct.writeAccessLine(
                method: method.rawValue, target: target, status: code, milliseconds: duration, source: "BroadsheetWeb")
        {
            return
        }
        logger.info(
            "\(method.rawValue) \(target) \(code)",
            metadata: ["status": .string(code), "duration_ms": .string(duration)],
            source: "BroadsheetWeb")
    }

    /// `elapsed` in milliseconds to two places ("1.25"), without Foundation's `String(format:)`,
    /// which costs more than the rest of the line on a cached page.
    static func milliseconds(_ elapsed: Duration) -> String {
        let (seconds, attoseconds) = elapsed.components
        let hundredths = max(0, seconds * 100_000 + (attoseconds + 5_000_000_000_000) / 10_000_000_000_000)
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// A log handler that can write the access log's line from its parts, as `log(event:)` would
/// write it at `.info` with `duration_ms` and `status` as its metadata. Through swift-log, the
/// message, the metadata dictionary and the event were half of a cached page's logging: a
/// seventh of its answer.
public protocol AccessLineWriting: LogHandler {
    /// Writes `METHOD TARGET STATUS` from `source`; false, having written nothing, when the line
    /// needs more than its parts (metadata of the handler's own, say) and must go through `log`.
    func writeAccessLine(method: String, target: String, status: String, milliseconds: String, source: String)
        -> Bool
}
