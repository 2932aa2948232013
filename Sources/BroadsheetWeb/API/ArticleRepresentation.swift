import Hummingbird

/// Which shape `GET /api/v1/articles/{id}` answers in: the API's own JSON, or IPTC ninjs 2.0.
enum ArticleRepresentation: Equatable {
    case json, ninjs

    /// What a client names in `Accept` to get ninjs.
    static let ninjsMediaType = "application/ninjs+json"

    /// `?format=ninjs` or `?format=json` decides; without it, an `Accept` naming ninjs does.
    init(_ request: Request) throws {
        switch request.formParameters.get("format") {
        case "ninjs": self = .ninjs
        case "json": self = .json
        case .some(let other):
            throw APIError.badParameter("format", "expected 'json' or 'ninjs', found '\(other)'")
        case nil:
            let accept = request.headers[.accept]?.lowercased() ?? ""
            self = accept.contains(Self.ninjsMediaType) ? .ninjs : .json
        }
    }

    /// Keeps the two shapes of one address apart in the page cache.
    var cacheSuffix: String {
        switch self {
        case .json: ""
        case .ninjs: " as ninjs"
        }
    }
}
