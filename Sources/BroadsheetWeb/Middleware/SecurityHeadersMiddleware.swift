import HTTPTypes
import Hummingbird

/// Headers that tell browsers to run nothing but our own files, sniff no types, leak no
/// addresses to other sites and let no one frame our pages. On every response, errors included.
///
/// Scripts run only from our own files (the replica viewer, `/static/replica.js`), never inline.
/// Pages carry `<script type="application/ld+json">` data blocks; browsers never execute those,
/// so `script-src 'self'` does not touch them.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        SecurityPolicy.mark(&response.headers)
        return response
    }
}

/// The policy text, built once (a generic type cannot keep a stored static).
enum SecurityPolicy {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    /// Adds the policy's headers to an answer's.
    static func mark(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        headers[.xFrameOptions] = "DENY"
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
