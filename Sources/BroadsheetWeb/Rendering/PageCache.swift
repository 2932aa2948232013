import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// Rendered pages, kept until the archive changes, so a popular article is rendered once rather
/// than once a request.
///
/// `ArchiveWatcher` drops every page when the archive's version moves, whichever process made the
/// change; `lifetime` is only a safety net. Concurrent requests for a page being rendered wait for
/// that one rendering instead of starting their own. The cache is bounded in bytes, oldest pages
/// leaving first, so memory does not grow with the archive.
public final class PageCache: Sendable {
    struct Entry: Sendable {
        var page: CachedPage
        var storedAt: ContinuousClock.Instant
        /// The route that rendered it, when `CachedPageChannelHandler` may answer it.
        var route: String?
    }

    private struct State: Sendable {
        var entries: [String: Entry] = [:]
        var rendering: [String: Task<CachedPage, any Error>] = [:]
        var order: [String] = []
        var orderStart = 0
        var bytes = 0
        var generation: UInt64 = 0
        /// When this process last saw the archive change, in whole seconds, strictly increasing:
        /// the `Last-Modified` of every page that knows no better.
        var lastChange = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    private enum Lookup {
        case hit(CachedPage)
        case wait(Task<CachedPage, any Error>)
        case render(Task<CachedPage, any Error>, generation: UInt64, lastChange: Date)
    }

    private let state = Mutex(State())
    let lifetime: Duration
    let budget: Int

    /// - Parameters:
    ///   - lifetime: the longest a page is served without being rendered again.
    ///   - budget: the most bytes of pages kept at once.
    public init(lifetime: Duration = .seconds(300), budget: Int = 64 << 20) {
        self.lifetime = lifetime
        self.budget = budget
    }

    /// The page for `key`, rendering it with `render` when it is missing or too old. A page kept
    /// with its `route` may be answered by `CachedPageChannelHandler`, before routing.
    func page(
        _ key: String, route: String? = nil, render: @escaping @Sendable () async throws -> CachedPage
    ) async throws -> CachedPage {
        let now = ContinuousClock.now
        let lookup = state.withLock { state -> Lookup in
            if let entry = state.entries[key], now - entry.storedAt < lifetime { return .hit(entry.page) }
            if let task = state.rendering[key] { return .wait(task) }
            let task = Task { try await render() }
            state.rendering[key] = task
            return .render(task, generation: state.generation, lastChange: state.lastChange)
        }
        switch lookup {
        case .hit(let page):
            return page
        case .wait(let task):
            return try await task.value
        case .render(let task, let generation, let lastChange):
            let result = await task.result.map { page in page.lastModified == nil ? page.modified(lastChange) : page }
            state.withLock { state in
                state.rendering[key] = nil
                // A page rendered before a change must not outlive it.
                if case .success(let page) = result, page.cacheable, generation == state.generation {
                    Self.store(page, for: key, route: route, at: now, in: &state, budget: budget)
                }
            }
            return try result.get()
        }
    }

    /// The page kept for `key` with its route, if it is still fresh: what the cached-page handlers may
    /// send without asking the router. Never renders.
    func readyPage(_ key: String) -> (page: CachedPage, route: String)? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.entries[key], let route = entry.route, now - entry.storedAt < lifetime else {
                return nil
            }
            return (entry.page, route)
        }
    }

    /// Forgets every page: the archive changed. `contentChanged: false` only re-renders, keeping
    /// the time of the last change (the watcher's first reading at start-up).
    public func invalidateAll(contentChanged: Bool = true) {
        state.withLock { state in
            state.generation &+= 1
            if contentChanged {
                let now = Date().timeIntervalSince1970.rounded(.down)
                state.lastChange = Date(timeIntervalSince1970: max(now, state.lastChange.timeIntervalSince1970 + 1))
            }
            state.entries.removeAll(keepingCapacity: true)
            state.order.removeAll(keepingCapacity: true)
            state.orderStart = 0
            state.bytes = 0
        }
    }

    private static func cost(_ page: CachedPage, _ key: String) -> Int {
        page.body.readableBytes + key.utf8.count + 128
    }

    private static func store(
        _ page: CachedPage, for key: String, route: String?, at now: ContinuousClock.Instant, in state: inout State,
        budget: Int
    ) {
        let size = cost(page, key)
        guard size <= budget else { return }
        if let old = state.entries.updateValue(Entry(page: page, storedAt: now, route: route), forKey: key) {
            state.bytes -= cost(old.page, key)
        } else {
            state.order.append(key)
        }
        state.bytes += size
        while state.bytes > budget, state.orderStart < state.order.count {
            let oldest = state.order[state.orderStart]
            state.orderStart += 1
            if let removed = state.entries.removeValue(forKey: oldest) {
                state.bytes -= cost(removed.page, oldest)
            }
        }
        if state.orderStart > 4096, state.orderStart * 2 > state.order.count {
            state.order.removeFirst(state.orderStart)
            state.orderStart = 0
        }
    }
}

extension Site {
    /// A handler whose answers are kept in the page cache under the request's path and query;
    /// later requests for them may be answered before routing (`CachedPageChannelHandler`).
    func cached<Context: RequestContext>(
        _ handler: @escaping @Sendable (Request, Context) async throws -> CachedPage
    ) -> @Sendable (Request, Context) async throws -> CachedPage where Context: Sendable {
        { [cache] request, context in
            try await cache.page(request.uri.description, route: context.endpointPath) {
                try await handler(request, context)
            }
        }
    }

    /// The same for the API's JSON documents.
    func cached<Context: RequestContext, Value: Encodable & SendableMetatype>(
        _ handler: @escaping @Sendable (Request, Context) async throws -> JSONResponse<Value>
    ) -> @Sendable (Request, Context) async throws -> CachedPage {
        { [cache] request, context in
            try await cache.page(request.uri.description) { try await handler(request, context).page() }
        }
    }
}
