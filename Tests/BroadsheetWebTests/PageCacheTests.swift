import Hummingbird
import NIOCore
import Synchronization
import Testing

@testable import BroadsheetWeb

@Suite("The page cache", .timeLimit(.minutes(10)))
struct PageCacheTests {
    /// Counts how often a page is rendered.
    final class Renderer: Sendable {
        let renders = Mutex(0)
        func page(_ text: String, status: HTTPResponse.Status = .ok) -> CachedPage {
            renders.withLock { $0 += 1 }
            return .html(text, status: status)
        }
        var count: Int { renders.withLock { $0 } }
    }

    @Test func aFreshPageIsRenderedOnce() async throws {
        // An hour: on a loaded machine running the suite in parallel, a minute once passed
        // between these few lines.
        let cache = PageCache(lifetime: .seconds(3600))
        let renderer = Renderer()
        for _ in 0..<5 { _ = try await cache.page("/news/1/a") { renderer.page("one") } }
        #expect(renderer.count == 1)
        let other = try await cache.page("/news/2/b") { renderer.page("two") }
        #expect(String(buffer: other.body) == "two")
        #expect(renderer.count == 2)
    }

    @Test func anOldPageIsRenderedAgain() async throws {
        let cache = PageCache(lifetime: .zero)
        let renderer = Renderer()
        for _ in 0..<3 { _ = try await cache.page("/") { renderer.page("front") } }
        #expect(renderer.count == 3)
    }

    @Test func aChangeThroughThisProcessDropsEveryPage() async throws {
        let cache = PageCache(lifetime: .seconds(60))
        let renderer = Renderer()
        _ = try await cache.page("/") { renderer.page("before") }
        cache.invalidateAll()
        let page = try await cache.page("/") { renderer.page("after") }
        #expect(String(buffer: page.body) == "after")
    }

    @Test func errorsAreNeverKept() async throws {
        let cache = PageCache(lifetime: .seconds(60))
        let renderer = Renderer()
        for _ in 0..<3 { _ = try await cache.page("/news/404") { renderer.page("missing", status: .notFound) } }
        #expect(renderer.count == 3)
    }

    @Test func theBudgetDropsTheOldestPages() async throws {
        let big = String(repeating: "x", count: 1000)
        let cache = PageCache(lifetime: .seconds(60), budget: 3 * 1200)
        let renderer = Renderer()
        for number in 1...5 { _ = try await cache.page("/news/\(number)") { renderer.page(big) } }
        #expect(renderer.count == 5)
        _ = try await cache.page("/news/5") { renderer.page(big) }
        #expect(renderer.count == 5, "the newest page is still there")
        _ = try await cache.page("/news/1") { renderer.page(big) }
        #expect(renderer.count == 6, "the oldest page was dropped")
    }
}
