// The floor under any Swift server here: SwiftNIO's event loops answering every request with one
// response encoded once at start-up, with no HTTP parser, encoder, router or task between the
// socket reads and writes. What separates it from nginx is the runtime and the machine, not a
// framework.
import NIOCore
import NIOPosix

enum FixedResponseServer {
    /// Serves `body` on 127.0.0.1:`port` until the process is stopped.
    static func run(port: Int, body: [UInt8], contentType: String) async throws {
        var response = ByteBuffer()
        response.writeString(
            "HTTP/1.1 200 OK\r\nServer: bare\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n\r\n")
        response.writeBytes(body)
        let encoded = response
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RequestEndAnswerer(response: encoded))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        try await channel.closeFuture.get()
    }
}

/// Writes the response once for every request head's end (a blank line) it reads, so pipelined
/// and keep-alive requests are answered alike; request bodies are not expected (GET only).
final class RequestEndAnswerer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let response: ByteBuffer
    /// How much of "\r\n\r\n" the bytes read so far end with.
    private var matched = 0

    init(response: ByteBuffer) {
        self.response = response
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        var answers = 0
        bytes.withUnsafeReadableBytes { raw in
            for byte in raw {
                if byte == (matched % 2 == 0 ? 13 : 10) {
                    matched += 1
                    if matched == 4 {
                        answers += 1
                        matched = 0
                    }
                } else {
                    matched = byte == 13 ? 1 : 0
                }
            }
        }
        guard answers > 0 else { return }
        for _ in 0..<answers { context.write(wrapOutboundOut(response), promise: nil) }
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
