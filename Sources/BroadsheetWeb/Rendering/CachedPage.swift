import BroadsheetFormats
import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A finished response whose bytes can be kept and sent again, carrying what a browser or a CDN
/// in front needs to keep it too: a strong `ETag`, `Last-Modified`, `Cache-Control` and the
/// `Surrogate-Key`s a purge would target.
///
/// The fingerprint is taken once, when the page is rendered; a gzipped copy is made the first
/// time a client asks for one and then shared by every later request for the cached page.
struct CachedPage: ResponseGenerator, Sendable {
    let status: HTTPResponse.Status
    var headers: HTTPFields
    let body: ByteBuffer
    /// When the page's content last changed: a stored article's own times; nil until the page
    /// cache fills in when the archive last changed.
    var lastModified: Date?
    /// "article-42", "section-world", "edition-2025-04-29": what a CDN purge would name.
    var surrogateKeys: [String]
    var cachePolicy: CachePolicy
    /// The strong entity tag of the uncompressed body.
    let entityTag: String
    /// What every answer of this page sends, worked out by the first request; copies share it.
    private var prepared: PreparedAnswer

    init(
        status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, lastModified: Date? = nil,
        surrogateKeys: [String] = [], cachePolicy: CachePolicy? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.lastModified = lastModified
        self.surrogateKeys = surrogateKeys
        self.cachePolicy = cachePolicy ?? CachePolicy(status: status)
        self.entityTag = EntityTag.strong(of: body)
        self.prepared = PreparedAnswer()
    }

    /// Successful pages and permanent redirects are kept; errors are not, so a flood of bad
    /// addresses cannot fill the cache.
    var cacheable: Bool { status == .ok || status == .movedPermanently }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> CachedPage {
        CachedPage(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ByteBuffer(string: html))
    }

    static func redirect(to location: String) -> CachedPage {
        CachedPage(status: .movedPermanently, headers: [.location: location], body: ByteBuffer())
    }

    /// The same page, saying its content last changed at `date` (when known).
    func modified(_ date: Date?) -> CachedPage {
        var page = self
        if let date { page.lastModified = date }
        page.prepared = PreparedAnswer()
        return page
    }

    /// The same page, with more keys for a CDN purge.
    func tagged(_ keys: [String]) -> CachedPage {
        var page = self
        page.surrogateKeys += keys
        page.prepared = PreparedAnswer()
        return page
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let answer = answer(to: request.headers)
        return Response(status: answer.status, headers: answer.headers, body: .init(byteBuffer: answer.body))
    }

    /// What this page sends a request with the headers `asks`: itself, gzipped when the client
    /// takes it, or 304 when the client's copy is current. The server's routes and
    /// `CachedPageChannelHandler` both answer through here, so the two cannot differ.
    func answer(to asks: HTTPFields) -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer) {
        let headers = prepared.headers { answerHeaders() }
        guard status == .ok else { return (status, headers, body) }
        let wantsGzip = asks[.acceptEncoding] != nil
        // The common case, a plain GET, sends the prepared answer as it is.
        if !wantsGzip && asks[.ifNoneMatch] == nil && asks[.ifModifiedSince] == nil {
            return (status, headers, body)
        }
        var sent = headers
        let useGzip =
            wantsGzip && body.readableBytes >= 256 && Self.isCompressible(headers)
            && AcceptEncoding.allowsGzip(asks[.acceptEncoding])
        let tag = useGzip ? EntityTag.gzipVariant(of: entityTag) : entityTag
        sent[.eTag] = tag
        if ConditionalRequest.isNotModified(asks, entityTags: [entityTag, tag], lastModified: lastModified ?? Date()) {
            sent[.contentType] = nil
            return (.notModified, sent, ByteBuffer())
        }
        guard useGzip, let compressed = prepared.gzipped(body) else { return (status, sent, body) }
        sent[.contentEncoding] = "gzip"
        return (status, sent, compressed)
    }

    /// `answer(to:)` as HTTP/1.1 bytes for `CachedPageWireHandler`: the status line and every
    /// header the router's answer has (`CachedPageAnswers.sent`) except `Date`, which the caller
    /// adds with the blank line. The plain and gzipped heads are encoded once per page; a 304's is
    /// encoded each time.
    func wireAnswer(to asks: HTTPFields, as answers: CachedPageAnswers) -> (
        status: HTTPResponse.Status, head: ByteBuffer, body: ByteBuffer
    ) {
        let (status, headers, body) = answer(to: asks)
        let encode = {
            WireHead.encode(
                status: status, headers: answers.sent(headers, status: status, length: body.readableBytes))
        }
        guard status != .notModified else { return (status, encode(), body) }
        return (status, prepared.wireHead(gzipped: headers[.contentEncoding] != nil, encode), body)
    }

    /// The headers of every answer: cache lifetime and purge keys; for a page, its validators
    /// and `Vary` too.
    private func answerHeaders() -> HTTPFields {
        var headers = self.headers
        headers[.cacheControl] = cachePolicy.headerValue
        headers[.surrogateKey] = ([SurrogateKey.site] + surrogateKeys).joined(separator: " ")
        guard status == .ok else { return headers }
        headers[.eTag] = entityTag
        headers[.lastModified] = InternetDate.imfFixdate(lastModified ?? Date())
        if body.readableBytes >= 256 && Self.isCompressible(headers) {
            headers[.vary] = [headers[.vary], "Accept-Encoding"].compactMap { $0 }.joined(separator: ", ")
        }
        return headers
    }

    private static func isCompressible(_ headers: HTTPFields) -> Bool {
        guard let type = headers[.contentType] else { return false }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml")
    }
}

/// How long browsers and CDNs may keep a response, by what it is.
enum CachePolicy: Sendable {
    /// Pages, feeds and API documents: fresh for a minute, then served stale while one request
    /// revalidates, and kept through an outage of ours.
    case page
    /// The stylesheet and the logo: they change only with a new theme or release.
    case asset
    /// Permanent redirects rarely change.
    case redirect
    /// A missing page may appear soon (an article being published); keep the answer briefly.
    case notFound
    /// Never store: bad requests and server errors.
    case noStore
    /// Addressed by the digest of what it shows (a page image): it never changes.
    case immutable

    init(status: HTTPResponse.Status) {
        switch status.code {
        case 200: self = .page
        case 301, 308: self = .redirect
        case 404, 410: self = .notFound
        default: self = .noStore
        }
    }

    var headerValue: String {
        switch self {
        case .page: "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
        case .asset, .redirect: "public, max-age=3600"
        case .notFound: "public, max-age=30"
        case .noStore: "no-store"
        case .immutable: "public, max-age=31536000, immutable"
        }
    }
}

/// A page's answer headers and gzipped body, made on first demand and shared by the copies of a
/// cached page: a popular page works them out once, not once a request.
private final class PreparedAnswer: Sendable {
    private let state = Mutex<(headers: HTTPFields?, gzipped: ByteBuffer?)>((nil, nil))
    /// The encoded heads of the plain answer and the gzipped one.
    private let wireHeads = Mutex<(plain: ByteBuffer?, gzipped: ByteBuffer?)>((nil, nil))

    func wireHead(gzipped: Bool, _ make: () -> ByteBuffer) -> ByteBuffer {
        if let done = wireHeads.withLock({ gzipped ? $0.gzipped : $0.plain }) { return done }
        let made = make()
        wireHeads.withLock { heads in
            if gzipped { heads.gzipped = made } else { heads.plain = made }
        }
        return made
    }

    func headers(_ make: () -> HTTPFields) -> HTTPFields {
        if let done = state.withLock({ $0.headers }) { return done }
        let made = make()
        state.withLock { $0.headers = made }
        return made
    }

    func gzipped(_ body: ByteBuffer) -> ByteBuffer? {
        if let done = state.withLock({ $0.gzipped }) { return done }
        var input = body
        guard let output = try? input.compress(with: .gzip()) else { return nil }
        state.withLock { $0.gzipped = output }
        return output
    }
}

/// A response head in HTTP/1.1's own bytes, as NIO's encoder writes it.
enum WireHead {
    static func encode(status: HTTPResponse.Status, headers: HTTPFields) -> ByteBuffer {
        var head = ByteBuffer()
        head.reserveCapacity(1024)
        head.writeString("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n")
        for field in headers {
            head.writeString(field.name.rawName)
            head.writeString(": ")
            head.writeString(field.value)
            head.writeString("\r\n")
        }
        return head
    }
}

extension HTTPField.Name {
    /// Fastly's and others' header for grouping cached responses that one purge drops.
    static let surrogateKey = Self("Surrogate-Key")!
}
