import Hummingbird
import NIOCore
import Synchronization

/// Rendered pages kept for a moment, so a popular article is rendered once a second rather than
/// once a request.
///
/// An entry lives at most `lifetime` (a change made anywhere, by any process, shows within it)
/// and is dropped at once when this process changes the archive (`invalidateAll`). The cache is
/// bounded in bytes, oldest entries leaving first, so memory does not grow with the archive.
public final class PageCache: Sendable {
    struct Entry: Sendable {
        var page: CachedPage
        var storedAt: ContinuousClock.Instant
        var generation: UInt64
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var orderStart = 0
        var bytes = 0
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    let lifetime: Duration
    let budget: Int

    /// - Parameters:
    ///   - lifetime: how long a page may be served without being rendered again.
    ///   - budget: the most bytes of pages kept at once.
    public init(lifetime: Duration = .seconds(1), budget: Int = 64 << 20) {
        self.lifetime = lifetime
        self.budget = budget
    }

    /// The page for `key`, rendering it with `render` when it is missing or too old.
    func page(_ key: String, render: () async throws -> CachedPage) async throws -> CachedPage {
        let now = ContinuousClock.now
        let (hit, generation) = state.withLock { state -> (CachedPage?, UInt64) in
            guard let entry = state.entries[key], entry.generation == state.generation,
                now - entry.storedAt < lifetime
            else { return (nil, state.generation) }
            return (entry.page, state.generation)
        }
        if let hit { return hit }
        let page = try await render()
        guard page.cacheable else { return page }
        store(page, for: key, generation: generation, at: now)
        return page
    }

    /// Forgets every page: the archive changed through this process.
    public func invalidateAll() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
            state.order.removeAll(keepingCapacity: true)
            state.orderStart = 0
            state.bytes = 0
        }
    }

    private func store(_ page: CachedPage, for key: String, generation: UInt64, at now: ContinuousClock.Instant) {
        let size = page.body.readableBytes + key.utf8.count + 128
        guard size <= budget else { return }
        state.withLock { state in
            // A page rendered before a change must not outlive it.
            guard generation == state.generation else { return }
            if let old = state.entries.updateValue(Entry(page: page, storedAt: now, generation: generation), forKey: key) {
                state.bytes -= old.page.body.readableBytes + key.utf8.count + 128
            } else {
                state.order.append(key)
            }
            state.bytes += size
            while state.bytes > budget, state.orderStart < state.order.count {
                let oldest = state.order[state.orderStart]
                state.orderStart += 1
                if let removed = state.entries.removeValue(forKey: oldest) {
                    state.bytes -= removed.page.body.readableBytes + oldest.utf8.count + 128
                }
            }
            if state.orderStart > 4096, state.orderStart * 2 > state.order.count {
                state.order.removeFirst(state.orderStart)
                state.orderStart = 0
            }
        }
    }
}

/// A finished response whose bytes can be kept and sent again.
struct CachedPage: ResponseGenerator, Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    /// Successful pages and permanent redirects are kept; errors are not, so a flood of bad
    /// addresses cannot fill the cache.
    var cacheable: Bool { status == .ok || status == .movedPermanently }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> CachedPage {
        CachedPage(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ByteBuffer(string: html))
    }

    static func redirect(to location: String) -> CachedPage {
        CachedPage(status: .movedPermanently, headers: [.location: location], body: ByteBuffer())
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}

extension Site {
    /// A handler whose answers are kept in the page cache under the request's path and query.
    func cached<Context: RequestContext>(
        _ handler: @escaping @Sendable (Request, Context) async throws -> CachedPage
    ) -> @Sendable (Request, Context) async throws -> CachedPage {
        { [cache] request, context in
            try await cache.page(request.uri.description) { try await handler(request, context) }
        }
    }

    /// The same for the API's JSON documents.
    func cached<Context: RequestContext, Value: Encodable>(
        _ handler: @escaping @Sendable (Request, Context) async throws -> JSONResponse<Value>
    ) -> @Sendable (Request, Context) async throws -> CachedPage {
        { [cache] request, context in
            try await cache.page(request.uri.description) { try await handler(request, context).page() }
        }
    }
}
