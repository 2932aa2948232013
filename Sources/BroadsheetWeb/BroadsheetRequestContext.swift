import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics plus the client's address, which the
/// audit log records and sign-in limits count by.
public struct BroadsheetRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The client as the audit log writes it: the peer, or behind a trusted proxy the address the
    /// proxy says it forwarded for (`ClientAddressMiddleware`); "unknown" without a socket (tests).
    var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.clientAddress = remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Behind a reverse proxy or CDN every connection comes from the proxy: without this, the audit
/// log would name the proxy and one guessing client would lock the whole newsroom out. Only
/// peers the operator named (`--trusted-proxy`) are believed.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = BroadsheetRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.clientAddress = Self.client(
            peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor],
            trusted: trustedProxies)
        return try await next(request, context)
    }

    /// The nearest address in `X-Forwarded-For` that is not itself a trusted proxy, when the peer
    /// is one; else the peer. (Entries further left are what the client claimed: not believed.)
    static func client(peer: String, forwardedFor: [String], trusted: Set<String>) -> String {
        guard trusted.contains(peer) else { return peer }
        let chain = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return chain.reversed().first { !$0.isEmpty && !trusted.contains($0) } ?? peer
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
