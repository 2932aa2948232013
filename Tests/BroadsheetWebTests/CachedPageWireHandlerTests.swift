import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing

@testable import BroadsheetWeb

/// Cached pages answered from the socket's bytes, before the HTTP parser: the same answers as the
/// parser's path, in the order asked, and only for requests whose framing is certain.
@Suite(.timeLimit(.minutes(10)))
struct CachedPageWireHandlerTests {
    private static let page = CachedPage.html(
        "<p>" + String(repeating: "The tide tables are printed on page four. ", count: 20) + "</p>")

    private static func head(_ text: String) -> WireRequestHead.Scan {
        WireRequestHead.scan(ByteBuffer(string: text))
    }

    // MARK: Reading heads

    @Test func aPlainGetIsReadWithTheHeadersItsAnswerDependsOn() {
        let text =
            "GET /news/7/tide?page=2 HTTP/1.1\r\nHost: paper\r\nACCEPT-ENCODING:  gzip, br \r\n"
            + "If-None-Match: \"abc\"\r\nConnection: Keep-Alive\r\n\r\n"
        guard case .head(let head) = Self.head(text) else {
            Issue.record("not read: \(Self.head(text))")
            return
        }
        #expect(head.headLength == text.utf8.count)
        #expect(head.bodyLength == 0)
        #expect(head.answerableTarget == "/news/7/tide?page=2")
        #expect(head.asks[.acceptEncoding] == "gzip, br", "its spaces trimmed, its name in any case")
        #expect(head.asks[.ifNoneMatch] == "\"abc\"")
        #expect(head.asks.count == 2, "only what the answer depends on")
    }

    @Test func aHeadStillArrivingIsWaitedFor() {
        for text in ["GET /news HTTP/1.1\r\nHost: pa", "GET /news HTTP/1.1\r\n\r", "GET /news HTTP/1.1\r", ""] {
            guard case .incomplete = Self.head(text) else {
                Issue.record("\(text.debugDescription): \(Self.head(text))")
                continue
            }
        }
    }

    /// A head read in two parts, the second scan resuming where the first said, reads as the
    /// whole head does, wherever it was cut: a head sent a byte at a time is read once, not once
    /// a byte.
    @Test(arguments: [
        "GET /tide/today HTTP/1.1\r\nHost: paper\r\nAccept-Encoding: gzip\r\n\r\nGET /next HTTP/1.1\r\n\r\n",
        "GET /a HTTP/1.1\r\nX-Note: one\r\n two\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: x\n\r\n",
        "GET /a HTTP/1.1\r\nHost: x\r\r\n\r\n",
        "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
    ])
    func aHeadCutAnywhereReadsAsTheWholeOne(text: String) {
        let bytes = ByteBuffer(string: text)
        let whole = WireRequestHead.scan(bytes)
        for cut in 0..<bytes.readableBytes {
            let first = WireRequestHead.scan(bytes.getSlice(at: 0, length: cut)!)
            guard case .incomplete(let resume) = first else {
                #expect(first == whole || first == .unsure, "cut at \(cut)")
                continue
            }
            #expect(resume <= cut)
            #expect(WireRequestHead.scan(bytes, from: resume) == whole, "cut at \(cut), resumed at \(resume)")
        }
    }

    @Test func onlyTheFirstHeadOfSeveralIsRead() {
        let first = "GET /a HTTP/1.1\r\n\r\n"
        guard case .head(let head) = Self.head(first + "GET /b HTTP/1.1\r\n\r\n") else {
            Issue.record("not read")
            return
        }
        #expect(head.headLength == first.utf8.count)
        #expect(head.answerableTarget == "/a")
    }

    /// A head whose framing this reader does not vouch for, and why.
    struct Unsure: Sendable, CustomTestStringConvertible {
        var text: String
        var why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Unsure(text: "GET /a HTTP/1.1\nHost: x\n\n", why: "bare line feeds"),
        Unsure(text: "GET /a HTTP/1.1\r\nHost: x\n\r\n", why: "a bare line feed after CRLFs"),
        Unsure(text: "GET /a HTTP/1.1\r\nX-Note: one\r\n two\r\n\r\n", why: "a folded header"),
        Unsure(text: "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", why: "a chunked body"),
        Unsure(text: "GET /a HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", why: "an upgrade"),
        Unsure(text: "GET /a HTTP/1.1\r\nBad Name: x\r\n\r\n", why: "a space in a header name"),
        Unsure(text: "GET /a HTTP/1.1\r\nContent-Length : 0\r\n\r\n", why: "a space before the colon"),
        Unsure(text: "GET /a HTTP/2.0\r\n\r\n", why: "another version"),
        Unsure(text: "GET  /a HTTP/1.1\r\n\r\n", why: "two spaces in the request line"),
        Unsure(text: "POST /a HTTP/1.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n", why: "two lengths"),
        Unsure(text: "POST /a HTTP/1.1\r\nContent-Length: -4\r\n\r\n", why: "a length that is no number"),
        Unsure(text: "CONNECT paper:443 HTTP/1.1\r\n\r\n", why: "a tunnel"),
        Unsure(text: "\r\n\r\n", why: "no request line"),
        Unsure(text: "GET /a HTTP/1.1\r\nX: \u{1}\r\n\r\n", why: "a control character in a value"),
        Unsure(text: "GET /" + String(repeating: "a", count: 20_000), why: "a head longer than any reader's"),
    ])
    func framingItCannotVouchForIsLeftToTheParser(head: Unsure) {
        #expect(Self.head(head.text) == .unsure)
    }

    /// A head that is framed for sure, but that the router must answer, and why.
    struct Routed: Sendable, CustomTestStringConvertible {
        var text: String
        var bodyLength = 0
        var why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Routed(text: "POST /a HTTP/1.1\r\nContent-Length: 12\r\n\r\n", bodyLength: 12, why: "a form with a body"),
        Routed(text: "HEAD /a HTTP/1.1\r\n\r\n", why: "a HEAD"),
        Routed(text: "GET /a HTTP/1.0\r\n\r\n", why: "HTTP/1.0, which closes by default"),
        Routed(text: "GET /a HTTP/1.1\r\nAuthorization: Bearer x\r\n\r\n", why: "credentials"),
        Routed(text: "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n", why: "the connection closes"),
        Routed(text: "GET /a HTTP/1.1\r\nExpect: 100-continue\r\n\r\n", why: "an expectation"),
        Routed(text: "GET /api/v1/articles HTTP/1.1\r\n\r\n", why: "the API"),
        Routed(text: "GET http://paper/a HTTP/1.1\r\n\r\n", why: "an absolute target"),
        Routed(text: "GET /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n", why: "a GET that says it has a body"),
    ])
    func framedRequestsTheRouterMustAnswer(routed: Routed) {
        guard case .head(let head) = Self.head(routed.text) else {
            Issue.record("\(routed.why): not read")
            return
        }
        #expect(head.answerableTarget == nil)
        #expect(head.bodyLength == routed.bodyLength)
        #expect(head.headLength == routed.text.utf8.count)
    }

    // MARK: The handler alone

    private static func channel(holding key: String, lines: LogLines = LogLines()) async throws -> EmbeddedChannel {
        let cache = PageCache()
        _ = try await cache.page(key, route: "/tide/{key}") { page }
        let handler = CachedPageWireHandler(
            CachedPageAnswers(
                cache: cache, logger: Logger(label: "wire") { _ in lines }, metrics: CachedPageMetrics(),
                serverName: "Broadsheet"))
        let channel = EmbeddedChannel(handler: handler)
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 80)).get()
        return channel
    }

    private static func read(_ text: String, into channel: EmbeddedChannel) throws {
        try channel.writeInbound(ByteBuffer(string: text))
        channel.pipeline.fireChannelReadComplete()
    }

    /// Everything the handler wrote, as text.
    private static func written(by channel: EmbeddedChannel) throws -> String {
        var all = ByteBuffer()
        while var part = try channel.readOutbound(as: ByteBuffer.self) { all.writeBuffer(&part) }
        return String(buffer: all)
    }

    /// Everything the handler passed on to the parser, as text.
    private static func passed(by channel: EmbeddedChannel) throws -> String {
        var all = ByteBuffer()
        while var part = try channel.readInbound(as: ByteBuffer.self) { all.writeBuffer(&part) }
        return String(buffer: all)
    }

    @Test func aCachedPageIsAnsweredFromTheBytes() async throws {
        let lines = LogLines()
        let channel = try await Self.channel(holding: "/tide/today", lines: lines)
        try Self.read("GET /tide/today HTTP/1.1\r\nHost: paper\r\n\r\n", into: channel)
        #expect(try Self.passed(by: channel).isEmpty, "the parser saw nothing")
        let answer = try Self.written(by: channel)
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(answer.contains("\r\nContent-Length: \(Self.page.body.readableBytes)\r\n"))
        #expect(answer.contains("\r\nETag: \(Self.page.entityTag)\r\n"))
        #expect(answer.contains("\r\nX-Content-Type-Options: nosniff\r\n"))
        #expect(answer.contains("\r\nServer: Broadsheet\r\n"))
        #expect(answer.contains("\r\nDate: "))
        #expect(answer.hasSuffix("\r\n\r\n" + String(buffer: Self.page.body)))
        #expect(lines.all == ["GET /tide/today 200"], "the access log has its line")
    }

    @Test func aHeadInPiecesIsAnsweredOnceWhole() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        try Self.read("GET /tide/to", into: channel)
        try Self.read("day HTTP/1.1\r\nHost: pa", into: channel)
        #expect(try Self.written(by: channel).isEmpty)
        try Self.read("per\r\n\r\n", into: channel)
        #expect(try Self.written(by: channel).hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(try Self.passed(by: channel).isEmpty)
    }

    @Test func gzipAndRevalidationAreAnsweredToo() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        try Self.read("GET /tide/today HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\n", into: channel)
        let zipped = try Self.written(by: channel)
        #expect(zipped.contains("\r\nContent-Encoding: gzip\r\n"))
        let tag = try #require(zipped.split(separator: "\r\n").first { $0.hasPrefix("ETag: ") }?.dropFirst(6))
        try Self.read(
            "GET /tide/today HTTP/1.1\r\nAccept-Encoding: gzip\r\nIf-None-Match: \(tag)\r\n\r\n", into: channel)
        let unchanged = try Self.written(by: channel)
        #expect(unchanged.hasPrefix("HTTP/1.1 304 Not Modified\r\n"))
        #expect(unchanged.hasSuffix("\r\n\r\n"), "no body")
        #expect(!unchanged.contains("Content-Length"), "and no length, as on the router's path")
    }

    @Test func requestsBehindAnUnansweredOneFollowItToTheParser() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        let form = "POST /letters HTTP/1.1\r\nContent-Length: 11\r\n\r\nDear editor"
        let page = "GET /tide/today HTTP/1.1\r\n\r\n"
        try Self.read(form + page, into: channel)
        #expect(try Self.written(by: channel).isEmpty, "no answer overtakes the router's")
        #expect(try Self.passed(by: channel) == form + page, "both go on, the form with its body")
        // One answer ends: the page behind it is still the parser's.
        try await channel.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded()).get()
        try Self.read(page, into: channel)
        #expect(try Self.passed(by: channel) == page)
        // All three ended: the next is answered here again.
        for _ in 0..<2 { try await channel.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded()).get() }
        try Self.read(page, into: channel)
        #expect(try Self.passed(by: channel).isEmpty)
        #expect(try Self.written(by: channel).hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func aHeadAByteAtATimeIsAnsweredOnce() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        for byte in "GET /tide/today HTTP/1.1\r\nHost: paper\r\n\r\n".utf8 {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        channel.pipeline.fireChannelReadComplete()
        #expect(try Self.written(by: channel).hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(try Self.passed(by: channel).isEmpty)
    }

    /// A request whose answer may close the connection: what follows it is the parser's, not
    /// answered here after the connection's last answer.
    @Test(arguments: [
        "GET /tide/today HTTP/1.1\r\nConnection: close\r\n\r\n",
        "GET /tide/today HTTP/1.0\r\n\r\n",
    ])
    func nothingIsAnsweredAfterARequestThatMayClose(closing: String) async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        let page = "GET /tide/today HTTP/1.1\r\n\r\n"
        try Self.read(closing + page, into: channel)
        #expect(try Self.passed(by: channel) == closing + page)
        try await channel.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded()).get()
        try Self.read(page, into: channel)
        #expect(try Self.passed(by: channel) == page)
        #expect(try Self.written(by: channel).isEmpty)
    }

    @Test func nothingIsAnsweredOnceTheConnectionCloses() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        channel.pipeline.close(mode: .output, promise: nil)
        try Self.read("GET /tide/today HTTP/1.1\r\n\r\n", into: channel)
        #expect(try Self.written(by: channel).isEmpty)
    }

    @Test func aBodyInPiecesIsPassedOnWhole() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        try Self.read("POST /letters HTTP/1.1\r\nContent-Length: 23\r\n\r\nDear ", into: channel)
        try Self.read("editor, the tid", into: channel)
        try await channel.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded()).get()
        // The rest of the body is not a request, though it arrives after the answer ended.
        try Self.read("es.GET /tide/today HTTP/1.1\r\n\r\n", into: channel)
        #expect(
            try Self.passed(by: channel)
                == "POST /letters HTTP/1.1\r\nContent-Length: 23\r\n\r\nDear editor, the tides.")
        #expect(try Self.written(by: channel).hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test func afterAnUnsureHeadTheParserReadsEverything() async throws {
        let channel = try await Self.channel(holding: "/tide/today")
        let chunked = "POST /letters HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nDear \r\n0\r\n\r\n"
        try Self.read(chunked, into: channel)
        try await channel.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded()).get()
        try Self.read("GET /tide/today HTTP/1.1\r\n\r\n", into: channel)
        #expect(try Self.passed(by: channel) == chunked + "GET /tide/today HTTP/1.1\r\n\r\n")
        #expect(try Self.written(by: channel).isEmpty)
    }

    // MARK: In the server

    /// Pipelined requests on one connection of a running server: the front page answered from the
    /// bytes, an article not rendered yet, which the router answers, and the front page twice
    /// behind it, in the order asked.
    @Test func pipelinedAnswersKeepTheirOrderInTheServer() async throws {
        let cache = PageCache()
        try await WebFixture.withApp(cache: cache, configuration: ServerConfiguration(port: 0), through: .live) {
            client, archive in
            var front = String(buffer: try await client.get("/").body)
            // The archive watcher's first reading empties the cache; on a busy machine it can
            // come after the first request.
            let deadline = ContinuousClock.now + .seconds(30)
            while cache.readyPage("/") == nil && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
                front = String(buffer: try await client.get("/").body)
            }
            #expect(cache.readyPage("/") != nil)
            let article = "/news/\(archive.ferry)"
            #expect(cache.readyPage(article) == nil)
            let port = try #require(client.port)
            let asked =
                "GET / HTTP/1.1\r\nHost: paper\r\n\r\n"
                + "GET \(article) HTTP/1.1\r\nHost: paper\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: paper\r\n\r\n"
                + "GET / HTTP/1.1\r\nHost: paper\r\nConnection: close\r\n\r\n"
            let answered = try await Self.exchange(asked, port: port)
            let pieces = answered.components(separatedBy: front)
            #expect(pieces.count == 4, "the front page three times")
            #expect(pieces.first?.hasPrefix("HTTP/1.1 200 OK\r\n") == true)
            let between = pieces.dropFirst().first ?? ""
            #expect(between.hasPrefix("HTTP/1.1 "), "the article's answer came second")
            #expect(between.contains("ferry") || between.contains("Location: "), "\(between.prefix(300))")
            #expect(answered.components(separatedBy: "HTTP/1.1 ").count == 5, "four answers")
        }
    }

    /// Writes `text` to a new connection and reads until the server closes it.
    private static func exchange(_ text: String, port: Int) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: text))
            var all = ByteBuffer()
            for try await var part in inbound { all.writeBuffer(&part) }
            return String(buffer: all)
        }
    }
}
