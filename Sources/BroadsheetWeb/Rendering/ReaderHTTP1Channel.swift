import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel with `CachedPageWireHandler` in front of its HTTP parser, and
/// `CachedPageChannelHandler` behind it, so a cached page is answered as early as it can be.
struct ReaderHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let answers: CachedPageAnswers

    /// The server builder `Application` takes.
    static func builder(answers: CachedPageAnswers) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in ReaderHTTP1Channel(responder: responder, answers: answers) }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(CachedPageWireHandler(answers))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger)
    }

    private var inner: HTTP1Channel {
        HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [CachedPageChannelHandler(answers)]))
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
