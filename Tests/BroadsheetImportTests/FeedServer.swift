import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A feed server the tests start on 127.0.0.1: `/feed.xml` answers with the current feed, its
/// `ETag` and `Last-Modified`, and 304 to a conditional GET that matches; `/gone.xml` is a 404.
actor FeedServer {
    private(set) var feed: Data
    private(set) var version = 1
    private(set) var requests = 0
    private(set) var notModified = 0
    /// The `Content-Type` the feed is served with.
    let contentType: String

    init(feed: Data, contentType: String = "application/rss+xml") {
        self.feed = feed
        self.contentType = contentType
    }

    func publish(_ feed: Data) {
        self.feed = feed
        version += 1
    }

    var lastModified: String { "Tue, 04 Nov 2025 0\(version):00:00 GMT" }

    fileprivate func answer(_ request: Request) -> Response {
        requests += 1
        let etag = "\"v\(version)\""
        if request.headers[.ifNoneMatch] == etag {
            notModified += 1
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .eTag: etag, .lastModified: lastModified],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: feed)))
    }

    /// Runs `body` with the server listening; it gets the feed's address.
    func serve(_ body: @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        router.get("feed.xml") { request, _ in await self.answer(request) }
        router.get("gone.xml") { _, _ in Response(status: .notFound) }
        router.get("endless.xml") { _, _ in
            // A body that never ends: the fetcher must stop reading it, not wait for its end.
            Response(
                status: .ok,
                body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 * 1024)
                    while !Task.isCancelled { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)/feed.xml")!)
        }
    }
}
