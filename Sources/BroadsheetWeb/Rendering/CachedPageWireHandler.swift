import BroadsheetFormats
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers a reader's plain GET for a cached page straight from the socket's bytes, before
/// NIO's HTTP parser and encoder: with those two in the way, a cached page ran at 0.4x nginx,
/// while SwiftNIO answering with bytes encoded once ran at 1.35x.
///
/// The answer is `CachedPageChannelHandler`'s (the same `CachedPage.answer(to:)`, security
/// headers, access-log line and metrics), with its head encoded once per page. Every other request
/// goes on, whole, to the parser and from there to `CachedPageChannelHandler` and the router:
/// while one of those is unanswered, later requests follow it, so answers keep their order. A
/// request this handler cannot frame for sure (`WireRequestHead.Scan.unsure`) hands the rest of
/// the connection to the parser.
final class CachedPageWireHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent outward by `CachedPageChannelHandler` each time an answer through the parser ends.
    struct AnswerEnded {}

    private let answers: CachedPageAnswers
    /// Requests passed to the parser whose answers have not ended.
    private var unanswered = 0
    /// Body bytes of a passed-on request that have not arrived yet.
    private var bodyToPass = 0
    /// The start of a head that has not all arrived, and where its scan resumes.
    private var partial: (bytes: ByteBuffer, resume: Int)?
    /// Once the parser has read bytes this handler could not frame, it reads the rest.
    private var parserOnly = false
    private var needsFlush = false
    private var passedSinceReadComplete = false
    /// The metrics of the last answer: a connection usually asks for the same kind of page again.
    private var lastRecorder: (route: String, status: HTTPResponse.Status, recorder: CachedPageMetrics.Recorder)?
    private var date = AnswerDate()

    init(_ answers: CachedPageAnswers) {
        self.answers = answers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !parserOnly else {
            context.fireChannelRead(data)
            return
        }
        var input = unwrapInboundIn(data)
        var resume = 0
        if var earlier = partial {
            partial = nil
            earlier.bytes.writeBuffer(&input)
            input = earlier.bytes
            resume = earlier.resume
        }
        while input.readableBytes > 0 {
            if bodyToPass > 0 {
                let count = min(bodyToPass, input.readableBytes)
                bodyToPass -= count
                pass(input.readSlice(length: count)!, context: context)
                continue
            }
            let scan = WireRequestHead.scan(input, from: resume)
            resume = 0
            switch scan {
            case .incomplete(let resumeAt):
                partial = (input, resumeAt)
                return
            case .unsure:
                parserOnly = true
                pass(input, context: context)
                return
            case .head(let head):
                if unanswered == 0, context.channel.isWritable, let target = head.answerableTarget,
                    let ready = answers.cache.readyPage(target)
                {
                    input.moveReaderIndex(forwardBy: head.headLength)
                    answer(target: target, asks: head.asks, with: ready, context: context)
                } else {
                    unanswered += 1
                    bodyToPass = head.bodyLength
                    pass(input.readSlice(length: head.headLength)!, context: context)
                    // Its answer may close the connection: nothing after it is answered here.
                    if head.closesConnection, !parserOnly {
                        parserOnly = true
                        if input.readableBytes > 0 { pass(input, context: context) }
                        return
                    }
                }
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        // The handlers behind have nothing new to finish when every request was answered here.
        if passedSinceReadComplete || parserOnly {
            passedSinceReadComplete = false
            context.fireChannelReadComplete()
        }
    }

    /// Once the connection is closing (a `Connection: close` answer, a request the parser
    /// refused), nothing more is answered here.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        parserOnly = true
        context.close(mode: mode, promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is AnswerEnded else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        unanswered = max(0, unanswered - 1)
        promise?.succeed()
    }

    private func pass(_ bytes: ByteBuffer, context: ChannelHandlerContext) {
        passedSinceReadComplete = true
        context.fireChannelRead(wrapInboundOut(bytes))
    }

    private func answer(
        target: String, asks: HTTPFields, with ready: (page: CachedPage, route: String), context: ChannelHandlerContext
    ) {
        let start = ContinuousClock.now
        let (status, encoded, body) = ready.page.wireAnswer(to: asks, as: answers)
        var head = context.channel.allocator.buffer(capacity: encoded.readableBytes + 40)
        head.writeImmutableBuffer(encoded)
        head.writeString("Date: ")
        head.writeString(date.now())
        head.writeString("\r\n\r\n")
        context.write(wrapOutboundOut(head), promise: nil)
        if body.readableBytes > 0 { context.write(wrapOutboundOut(body), promise: nil) }
        needsFlush = true
        let elapsed = ContinuousClock.now - start
        if let last = lastRecorder, last.status == status, last.route == ready.route {
            last.recorder.record(elapsed)
        } else {
            let recorder = answers.metrics.recorder(route: ready.route, status: status)
            lastRecorder = (ready.route, status, recorder)
            recorder.record(elapsed)
        }
        answers.log(target: target, status: status, elapsed: elapsed)
    }
}
