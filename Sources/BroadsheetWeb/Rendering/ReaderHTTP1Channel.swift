import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel with `CachedPageWireHandler` in front of its HTTP parser, and
/// `CachedPageChannelHandler` behind it, so a cached page is answered as early as it can be.
struct ReaderHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let cache: PageCache
    let logger: Logger
    let metrics: CachedPageMetrics

    /// The server builder `Application` takes.
    static func builder(cache: PageCache, logger: Logger, metrics: CachedPageMetrics) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            ReaderHTTP1Channel(responder: responder, cache: cache, logger: logger, metrics: metrics)
        }
    }

    private var inner: HTTP1Channel {
        HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [
                CachedPageChannelHandler(cache: cache, logger: logger, metrics: metrics, serverName: serverName)
            ]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(
                CachedPageWireHandler(cache: cache, logger: self.logger, metrics: metrics, serverName: serverName))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
