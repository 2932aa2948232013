import Hummingbird

/// Refuses an address whose path or query encodes a NUL character (`%00`): no name, slug or search
/// holds one, and PostgreSQL refuses it in text, so it would otherwise surface as a server error.
struct AddressTextMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if Self.holdsNUL(request.uri.description) {
            throw HTTPError(
                .badRequest, message: "The address holds a NUL character (%00), which nothing here is named with.")
        }
        return try await next(request, context)
    }

    static func holdsNUL(_ address: String) -> Bool {
        var bytes = address.utf8.makeIterator()
        var previous: (UInt8, UInt8) = (0x20, 0x20)
        while let byte = bytes.next() {
            if byte == 0 { return true }
            if previous == (UInt8(ascii: "%"), UInt8(ascii: "0")) && byte == UInt8(ascii: "0") { return true }
            previous = (previous.1, byte)
        }
        return false
    }
}
