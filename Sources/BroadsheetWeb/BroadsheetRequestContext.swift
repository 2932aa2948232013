import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's basics plus the client's address, which the
/// audit log records and sign-in limits count by.
public struct BroadsheetRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The address as the audit log writes it; "unknown" when the connection has none (tests).
    var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }
}
