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
                (try? site.theme.render("error", page))
                ?? "<!doctype html><title>\(failure.status.code)</title><h1>\(failure.status.code)</h1>"
            return try CachedPage.html(html, status: failure.status).response(from: request, context: context)
        }
    }

    private func describe(_ error: any Error, context: Context) -> APIError {
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
        case let error as StoreError:
            storeErrors.increment()
            context.logger.error("store error: \(error)")
        default:
            context.logger.error("unexpected error: \(String(reflecting: error))")
        }
        return APIError(
            status: .internalServerError, code: "internal_error",
            message: "Something went wrong on our side; it has been logged.")
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
