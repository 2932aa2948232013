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
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "\(request.method) \(request.uri.description) \(status)",
            metadata: ["status": "\(status)", "duration_ms": "\(String(format: "%.2f", milliseconds))"])
    }
}
