import Hummingbird

/// An API failure as clients see it: `{"error": {"code", "message"}}` with its HTTP status.
struct APIError: Error, Encodable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// Headers the answer needs besides the body (`WWW-Authenticate`, `Retry-After`).
    var headers: HTTPFields = [:]

    /// Messages quote what the client sent; a quote is cut at this length so that a megabyte of
    /// input is not sent back.
    static let longestMessage = 600

    init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message.count > Self.longestMessage ? message.prefix(Self.longestMessage) + "…" : message
        self.headers = headers
    }

    /// No token, or one that is wrong, expired or revoked.
    static func unauthorized(_ message: String) -> APIError {
        APIError(
            status: .unauthorized, code: "unauthorized", message: message,
            headers: [.wwwAuthenticate: "Bearer realm=\"broadsheet\""])
    }

    /// A token whose account's role may not do this.
    static func forbidden(_ user: String, _ role: String, _ action: String) -> APIError {
        APIError(status: .forbidden, code: "forbidden", message: "\(user) is \(role) and may not \(action)")
    }

    /// `If-Match` named a version that is no longer the stored one.
    static func preconditionFailed(_ message: String) -> APIError {
        APIError(status: .preconditionFailed, code: "precondition_failed", message: message)
    }

    static func badBody(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "invalid_body", message: message)
    }

    static func badParameter(_ name: String, _ expected: String) -> APIError {
        APIError(status: .badRequest, code: "invalid_parameter", message: "\(name): \(expected)")
    }

    static func notFound(_ message: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: message)
    }

    /// The machine-readable code for a status when the error carries none of its own.
    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 409: "conflict"
        case 412: "precondition_failed"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 422: "unprocessable"
        case 429: "too_many_requests"
        case 500..<600: "internal_error"
        default: "error"
        }
    }

    private enum CodingKeys: String, CodingKey { case error }
    private struct Body: Encodable {
        var code: String
        var message: String
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Body(code: code, message: message), forKey: .error)
    }
}
