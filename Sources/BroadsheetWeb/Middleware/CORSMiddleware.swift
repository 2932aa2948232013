import HTTPTypes
import Hummingbird

/// Cross-origin access to `/api/`, only for the origins the operator named (`--cors-origin`):
/// with none, browsers on other sites get no CORS headers at all.
///
/// A preflight (`OPTIONS` with `Access-Control-Request-Method`) from a named origin is answered
/// here with 204; anything else passes on, its answer marked for that origin.
struct APICORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: Set<String>
    static var methods: String { "GET, HEAD, POST, PATCH, DELETE" }
    static var headers: String { "Authorization, Content-Type, If-Match, If-None-Match" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/api/"), let origin = request.headers[.origin], origins.contains(origin)
        else { return try await next(request, context) }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = Self.methods
            response.headers[.accessControlAllowHeaders] = Self.headers
            response.headers[.accessControlMaxAge] = "600"
            return allow(origin, response)
        }
        return allow(origin, try await next(request, context))
    }

    private func allow(_ origin: String, _ response: Response) -> Response {
        var response = response
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "ETag, Location, Retry-After"
        response.headers[values: .vary].append("Origin")
        return response
    }
}
