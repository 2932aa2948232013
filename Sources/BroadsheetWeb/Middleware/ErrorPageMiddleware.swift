import Broadsheet
import Hummingbird
import Logging
import Metrics

/// Turns every error into the answer its audience expects: a JSON error under `/api/`, a page
/// of the site everywhere else. A server error is logged in full and shown to no one.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: Site
    private let storeErrors = Counter(label: "broadsheet_store_errors_total")

    init(site: Site) {
        self.site = site
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            if AddressText.holdsNUL(request.head.path ?? "") {
                throw HTTPError(
                    .badRequest, message: "The address holds a NUL character (%00), which nothing here is named with.")
            }
            return try await next(request, context)
        } catch {
            let failure = describe(error, context: context)
            if request.uri.path == "/api" || request.uri.path.hasPrefix("/api/") {
                var response = try JSONResponse(value: failure, status: failure.status).response(
                    from: request, context: context)
                response.headers.append(contentsOf: failure.headers)
                // What a write or a token's holder was told is theirs alone: no cache keeps it.
                if request.method != .get || request.headers[.authorization] != nil {
                    response.headers[.cacheControl] = "no-store"
                }
                return response
            }
            let page = await PageContext(site: site).error(
                status: Int(failure.status.code), title: title(for: failure.status), message: failure.message)
            let html =
                (try? site.theme.render(page))
                ?? "<!doctype html><title>\(failure.status.code)</title><h1>\(failure.status.code)</h1>"
            var response = try CachedPage.html(html, status: failure.status).response(from: request, context: context)
            // A IIIF viewer on another site must be able to read why its request failed.
            if request.uri.path.hasPrefix("/iiif/") { response.headers[.accessControlAllowOrigin] = "*" }
            return response
        }
    }

    private func describe(_ error: any Error, context: Context) -> APIError {
        if let refusal = Self.refusal(error) { return refusal }
        if let error = error as? StoreError {
            storeErrors.increment()
            context.logger.error("store error: \(error)")
        } else {
            context.logger.error("unexpected error: \(String(reflecting: error))")
        }
        return APIError(
            status: .internalServerError, code: "internal_error",
            message: "Something went wrong on our side; it has been logged.")
    }

    /// What a person can act on, in the words the API uses: a refused request, not a fault of
    /// ours. Nil for a server error, which is logged and shown to no one.
    static func refusal(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            let message =
                error.body
                ?? (error.status == .notFound ? "There is nothing at this address." : error.status.reasonPhrase)
            return APIError(status: error.status, code: APIError.code(for: error.status), message: message)
        case StoreError.notFound(let what):
            return APIError(status: .notFound, code: "not_found", message: what)
        case StoreError.conflict(let message):
            return APIError(status: .conflict, code: "conflict", message: message)
        case StoreError.forbidden(let message):
            return APIError(status: .forbidden, code: "forbidden", message: message)
        case StoreError.invalidContent(let field, let reason):
            return APIError(status: .unprocessableContent, code: "invalid_field", message: "\(field): \(reason)")
        default:
            return nil
        }
    }

    private func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "Page not found"
        case 410: "This article was retracted"
        case 400: "That request was not understood"
        case 500..<600: "Something went wrong"
        default: status.reasonPhrase
        }
    }
}

/// Finds a NUL character (`%00`) in an address's path or query: no name, slug or search holds one,
/// and PostgreSQL refuses it in text, so it would otherwise surface as a server error. Checked here,
/// in a middleware every request already passes, on the raw target: a middleware of its own, reading
/// `uri.description`, cost a quarter of the cached page's requests per second.
enum AddressText {
    static func holdsNUL(_ target: String) -> Bool {
        let utf8 = target.utf8
        return utf8.withContiguousStorageIfAvailable { bytes in scan(bytes) } ?? scan(Array(utf8))
    }

    private static func scan(_ bytes: some Collection<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0 { return true }
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                if first != bytes.endIndex, bytes[first] == UInt8(ascii: "0") {
                    let second = bytes.index(after: first)
                    if second != bytes.endIndex, bytes[second] == UInt8(ascii: "0") { return true }
                }
            }
            index = bytes.index(after: index)
        }
        return false
    }
}
