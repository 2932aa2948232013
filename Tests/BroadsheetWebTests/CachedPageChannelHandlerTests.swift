import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Synchronization
import Testing

@testable import BroadsheetWeb

/// Cached pages answered on the event loop, before routing: the same answers as the router's,
/// and only where the router's could not differ.
@Suite(.timeLimit(.minutes(10)))
struct CachedPageChannelHandlerTests {
    private static let page = CachedPage.html(
        "<p>" + String(repeating: "The ferry leaves at seven. ", count: 20) + "</p>")

    /// A cache holding `page` under `key`, kept as the route `/door/{key}` renders it.
    private static func cache(holding key: String) async throws -> PageCache {
        let cache = PageCache()
        _ = try await cache.page(key, route: "/door/{key}") { page }
        return cache
    }

    private static func channel(_ cache: PageCache, lines: LogLines = LogLines()) throws -> EmbeddedChannel {
        let handler = CachedPageChannelHandler(
            CachedPageAnswers(
                cache: cache, logger: Logger(label: "door") { _ in lines }, metrics: CachedPageMetrics(),
                serverName: "Broadsheet"))
        return EmbeddedChannel(handler: handler)
    }

    private static func request(
        _ path: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:]
    ) -> HTTPRequest {
        HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path, headerFields: headers)
    }

    /// Sends a whole request (head and end) into the channel.
    private static func send(_ request: HTTPRequest, to channel: EmbeddedChannel) throws {
        try channel.writeInbound(HTTPRequestPart.head(request))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        channel.pipeline.fireChannelReadComplete()
    }

    /// The answer the handler wrote, if any.
    private static func answer(from channel: EmbeddedChannel) throws -> (HTTPResponse, ByteBuffer)? {
        guard case .head(let head) = try channel.readOutbound(as: HTTPResponsePart.self) else { return nil }
        var body = ByteBuffer()
        while let part = try channel.readOutbound(as: HTTPResponsePart.self) {
            if case .body(var bytes) = part { body.writeBuffer(&bytes) }
            if case .end = part { return (head, body) }
        }
        Issue.record("the answer never ended")
        return (head, body)
    }

    @Test func aCachedPageIsAnsweredWithoutTheRouter() async throws {
        let lines = LogLines()
        let channel = try Self.channel(try await Self.cache(holding: "/door/ferry"), lines: lines)
        try Self.send(Self.request("/door/ferry"), to: channel)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil, "nothing reached the router")
        let (head, body) = try #require(try Self.answer(from: channel))
        #expect(head.status == .ok)
        #expect(body == Self.page.body)
        #expect(head.headerFields[.contentLength] == "\(Self.page.body.readableBytes)")
        #expect(head.headerFields[.eTag] == Self.page.entityTag)
        #expect(head.headerFields[.xContentTypeOptions] == "nosniff", "the security headers go too")
        #expect(head.headerFields[.contentSecurityPolicy] == SecurityPolicy.contentSecurityPolicy)
        #expect(head.headerFields[.server] == "Broadsheet")
        #expect(head.headerFields[.date] != nil)
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("GET /door/ferry 200") == true, "the access log has its line")
    }

    @Test func gzipAndRevalidationAreTheCachedPagesOwn() async throws {
        let channel = try Self.channel(try await Self.cache(holding: "/door/ferry"))
        try Self.send(Self.request("/door/ferry", headers: [.acceptEncoding: "gzip"]), to: channel)
        let (zipped, _) = try #require(try Self.answer(from: channel))
        #expect(zipped.headerFields[.contentEncoding] == "gzip")
        let tag = try #require(zipped.headerFields[.eTag])
        try Self.send(Self.request("/door/ferry", headers: [.ifNoneMatch: tag, .acceptEncoding: "gzip"]), to: channel)
        let (unchanged, body) = try #require(try Self.answer(from: channel))
        #expect(unchanged.status == .notModified)
        #expect(body.readableBytes == 0)
    }

    /// A request the router must see, and why.
    struct RouterBound: Sendable, CustomTestStringConvertible {
        var path = "/door/ferry"
        var method = HTTPRequest.Method.get
        var headers: HTTPFields = [:]
        var why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        RouterBound(path: "/door/missing", why: "not rendered yet"),
        RouterBound(method: .post, why: "not a GET"),
        RouterBound(method: .head, why: "a HEAD (the router answers it as GET without a body)"),
        RouterBound(headers: [.authorization: "Bearer newsroom"], why: "credentials"),
        RouterBound(headers: [.connection: "close"], why: "the connection closes after it"),
        RouterBound(path: "/api/v1/articles", why: "the API"),
    ])
    func otherRequestsGoToTheRouter(request: RouterBound) async throws {
        let cache = try await Self.cache(holding: "/door/ferry")
        _ = try await cache.page("/api/v1/articles", route: "/api/v1/articles") { Self.page }
        let channel = try Self.channel(cache)
        try Self.send(Self.request(request.path, method: request.method, headers: request.headers), to: channel)
        guard case .head(let passed) = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("\(request.why): did not reach the router")
            return
        }
        let path = request.path
        #expect(passed.path == path)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil, "nothing answered here")
    }

    @Test func aPipelinedRequestWaitsForTheOneBeforeIt() async throws {
        let channel = try Self.channel(try await Self.cache(holding: "/door/ferry"))
        try Self.send(Self.request("/door/missing"), to: channel)
        try Self.send(Self.request("/door/ferry"), to: channel)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil, "no answer overtakes the router's")
        guard case .head(let first) = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("the first request did not reach the router")
            return
        }
        #expect(first.path == "/door/missing")
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        guard case .head(let second) = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("the second request did not follow the first")
            return
        }
        #expect(second.path == "/door/ferry")
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        // The router answers both; after that, the connection's next request is answered here.
        for _ in 0..<2 {
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .notFound)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        try Self.send(Self.request("/door/ferry"), to: channel)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil)
        #expect(try Self.answer(from: channel)?.0.status == .ok)
    }

    /// Counts the notices that an answer ended, on their way to `CachedPageWireHandler`.
    private final class EndedNotices: ChannelOutboundHandler {
        typealias OutboundIn = Any
        var count = 0

        func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
            if event is CachedPageWireHandler.AnswerEnded { count += 1 }
            context.triggerUserOutboundEvent(event, promise: promise)
        }
    }

    @Test func theWireHandlerHearsOfEveryAnswerThatEnds() async throws {
        let notices = EndedNotices()
        let channel = try Self.channel(try await Self.cache(holding: "/door/ferry"))
        try channel.pipeline.syncOperations.addHandler(notices, position: .first)
        try Self.send(Self.request("/door/ferry"), to: channel)
        #expect(notices.count == 1, "an answer from the cache")
        try Self.send(Self.request("/door/missing"), to: channel)
        #expect(notices.count == 1, "the router has not answered yet")
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .notFound)))
        #expect(notices.count == 1)
        try channel.writeOutbound(HTTPResponsePart.end(nil))
        #expect(notices.count == 2, "the router's answer")
    }

    @Test func aStalePageIsRenderedAgainByTheRouter() async throws {
        let cache = PageCache(lifetime: .zero)
        _ = try await cache.page("/door/ferry", route: "/door/{key}") { Self.page }
        let channel = try Self.channel(cache)
        try Self.send(Self.request("/door/ferry"), to: channel)
        #expect(try channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) != nil)
    }

    @Test func answersAreCountedAsTheRoutersAre() async throws {
        Telemetry.bootstrap()
        let route = "/door-counted/\(UUID().uuidString)"
        let cache = PageCache()
        _ = try await cache.page("/counted", route: route) { Self.page }
        let channel = try Self.channel(cache)
        try Self.send(Self.request("/counted"), to: channel)
        try Self.send(Self.request("/counted"), to: channel)
        var text: [UInt8] = []
        Telemetry.registry.emit(into: &text)
        let counted = String(decoding: text, as: UTF8.self).split(separator: "\n").filter {
            $0.hasPrefix("hb_requests") && $0.contains(route)
        }
        #expect(counted.count == 1)
        #expect(counted.first?.hasSuffix(" 2") == true, "\(counted)")
    }

    /// Against a running server: what is answered before routing equals the router's own answer
    /// (a request with credentials always goes to the router), apart from `Date`.
    @Test func theServersTwoPathsGiveTheSameAnswer() async throws {
        let cache = PageCache()
        try await WebFixture.withApp(cache: cache, configuration: ServerConfiguration(port: 0), through: .live) {
            client, _ in
            // The archive watcher's first reading drops what was cached before it, and under load it
            // can land while the first request renders, whose page is then not kept: ask again.
            var kept = false
            for _ in 0..<50 where !kept {
                #expect(try await client.get("/").status == .ok)
                kept = cache.readyPage("/") != nil
            }
            #expect(kept, "the front page is kept for the channel handler")
            let asks: [HTTPFields] = [[:], [.acceptEncoding: "gzip, deflate"], [.ifNoneMatch: "\"nothing\""]]
            for headers in asks {
                let early = try await client.execute(uri: "/", method: .get, headers: headers, body: nil)
                var routed = headers
                routed[.authorization] = "Bearer not-a-token"
                let late = try await client.execute(uri: "/", method: .get, headers: routed, body: nil)
                #expect(early.status == late.status)
                #expect(early.body == late.body)
                #expect(Self.comparable(early.headers) == Self.comparable(late.headers), "\(headers)")
            }
            let tag = try #require(try await client.get("/").headers[.eTag])
            #expect(
                try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: tag]).status == .notModified)
            // A page only the cache knows proves the handler sits in the server's pipeline. Put
            // again if the watcher's first reading came late and dropped it.
            var answered = false
            for _ in 0..<50 where !answered {
                _ = try await cache.page("/only-in-the-cache", route: "/only-in-the-cache") { Self.page }
                let early = try await client.get("/only-in-the-cache")
                answered = early.status == .ok
                if answered { #expect(early.body == Self.page.body) }
            }
            #expect(answered, "the page only the cache holds is answered")
        }
    }

    private static func comparable(_ headers: HTTPFields) -> [String: String] {
        var fields: [String: String] = [:]
        for field in headers where field.name != .date {
            fields[field.name.canonicalName, default: ""] += field.value + "\n"
        }
        return fields
    }
}

/// Every line a logger wrote, for the access-log checks.
final class LogLines: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }

    var logLevel: Logger.Level {
        get { .info }
        set {}
    }
    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.message)") }
    }
}
