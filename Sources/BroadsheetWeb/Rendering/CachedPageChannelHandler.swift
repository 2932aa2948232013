import BroadsheetFormats
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Answers a reader's GET for a page the page cache holds on the event loop that read the
/// request, before it becomes a Swift task: the router, the middleware and the hop to Swift's
/// thread pool and back cost a cached page twice what sending it does.
///
/// The answer is the one the routes would give, byte for byte apart from `Date`: the same
/// `CachedPage.answer(to:)` (gzip, 304), the security headers, `Server`, an access-log line and
/// the same request metrics. Anything else goes on to the router untouched: other methods,
/// requests with credentials, the API (its CORS headers and newsroom views depend on the
/// request), `Connection: close`, and pages not yet rendered. While a request on the connection
/// is with the router, later ones wait behind it, so pipelined answers keep their order.
///
/// Most cached pages are answered earlier still, by `CachedPageWireHandler`; this one answers
/// those that reach the parser (behind an unanswered request, or framed in ways the wire handler
/// leaves to the parser), and tells the wire handler each time an answer ends.
final class CachedPageChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let answers: CachedPageAnswers
    /// Requests passed to the router whose answers have not finished going out.
    private var withRouter = 0
    /// The request being answered here, until its last part has been read.
    private var answering: Answering?
    private var needsFlush = false
    private var date = AnswerDate()

    private struct Answering {
        var request: HTTPRequest
        var path: String
        var page: CachedPage
        var route: String
        var start: ContinuousClock.Instant
    }

    init(_ answers: CachedPageAnswers) {
        self.answers = answers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let request):
            let start = ContinuousClock.now
            // An unwritable socket sends the request to the router, whose answers wait for it.
            if withRouter == 0, answering == nil, context.channel.isWritable,
                let path = Self.answerablePath(request),
                let ready = answers.cache.readyPage(path)
            {
                answering = Answering(request: request, path: path, page: ready.page, route: ready.route, start: start)
            } else {
                withRouter += 1
                context.fireChannelRead(data)
            }
        case .body:
            if answering == nil { context.fireChannelRead(data) }
        case .end:
            guard let answered = answering else {
                context.fireChannelRead(data)
                return
            }
            answering = nil
            send(answered, context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        withRouter = max(0, withRouter - 1)
        context.write(data, promise: promise)
        context.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded(), promise: nil)
    }

    /// The request's path and query when this handler may answer it at all.
    static func answerablePath(_ request: HTTPRequest) -> String? {
        guard request.method == .get, let path = request.path, !path.hasPrefix("/api/"),
            request.headerFields[.authorization] == nil
        else { return nil }
        for value in request.headerFields[values: .connection] where value.lowercased().contains("close") {
            return nil
        }
        return path
    }

    private func send(_ answered: Answering, context: ChannelHandlerContext) {
        let (status, answerHeaders, body) = answered.page.answer(to: answered.request.headerFields)
        var headers = answers.sent(answerHeaders, status: status, length: body.readableBytes)
        headers[.date] = date.now()
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: headers))), promise: nil)
        if body.readableBytes > 0 { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
        context.triggerUserOutboundEvent(CachedPageWireHandler.AnswerEnded(), promise: nil)
        needsFlush = true
        let elapsed = ContinuousClock.now - answered.start
        answers.metrics.record(route: answered.route, status: status, elapsed: elapsed)
        answers.log(target: answered.path, status: status, elapsed: elapsed)
    }
}

/// `Date` for this second, formatted once a second per connection rather than once an answer.
struct AnswerDate {
    private var second = -1
    private var text = ""

    mutating func now() -> String {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        if second != self.second { (self.second, text) = (second, InternetDate.imfFixdate(now)) }
        return text
    }
}

/// The request metrics `MetricsMiddleware` records, for pages answered before routing: the same
/// labels and dimensions, so a dashboard cannot tell the two paths apart.
final class CachedPageMetrics: Sendable {
    private struct Key: Hashable {
        var route: String
        var status: Int
    }

    private let made = Mutex<[Key: Recorder]>([:])

    /// One route's and status's counter and timer, looked up once and used for many answers.
    struct Recorder {
        let counter: Counter
        let timer: Metrics.Timer

        func record(_ elapsed: Duration) {
            counter.increment()
            let (seconds, attoseconds) = elapsed.components
            timer.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }
    }

    func record(route: String, status: HTTPResponse.Status, elapsed: Duration) {
        recorder(route: route, status: status).record(elapsed)
    }

    func recorder(route: String, status: HTTPResponse.Status) -> Recorder {
        let key = Key(route: route, status: status.code)
        return made.withLock { made in
            if let known = made[key] { return known }
            let dimensions = [
                ("http.route", route), ("http.request.method", "GET"), ("http.response.status_code", "\(status.code)"),
            ]
            let new = Recorder(
                counter: Counter(label: "hb.requests", dimensions: dimensions),
                timer: Metrics.Timer(
                    label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds))
            made[key] = new
            return new
        }
    }
}
