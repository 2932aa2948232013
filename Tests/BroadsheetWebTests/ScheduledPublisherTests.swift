import Broadsheet
import Foundation
import Logging
import Synchronization
import Testing

@testable import BroadsheetWeb

/// The publisher asks only for `NewsroomWorkflow`, so these tests hand it a fake that records the
/// times it was asked about, instead of a database and a wait for the clock.
@Suite("The scheduled publisher", .timeLimit(.minutes(10)))
struct ScheduledPublisherTests {
    /// Answers `publishDue` from a script, one answer a call (then nothing), and records each time asked.
    final class ScriptedWorkflow: NewsroomWorkflow {
        enum Answer: Sendable {
            case published([Int64])
            case failure
        }
        struct Refused: Error {}
        private let state: Mutex<(script: [Answer], asked: [Date])>

        init(_ script: [Answer]) { state = Mutex((script, [])) }

        var asked: [Date] { state.withLock { $0.asked } }

        func publishDue(at date: Date) async throws -> [Int64] {
            let answer = state.withLock { state -> Answer in
                state.asked.append(date)
                return state.script.isEmpty ? .published([]) : state.script.removeFirst()
            }
            switch answer {
            case .published(let ids): return ids
            case .failure: throw Refused()
            }
        }

        func create(_ content: ArticleContent, status: ArticleStatus, by: Attribution) async throws -> Article {
            Issue.record("the publisher only publishes")
            throw Refused()
        }

        func change(articleID: Int64, _ change: ArticleChange, expectedRevision: Int?, by: Attribution) async throws
            -> Article
        {
            Issue.record("the publisher only publishes")
            throw Refused()
        }
    }

    /// A front page in a cache of its own, counting how often it is rendered.
    final class CachedFrontPage: Sendable {
        let cache = PageCache(lifetime: .seconds(3600))
        private let count = Mutex(0)
        var renders: Int { count.withLock { $0 } }

        func show() async throws {
            _ = try await cache.page("/") { [self] in
                self.count.withLock { $0 += 1 }
                return .html("front")
            }
        }
    }

    /// Runs the publisher until `workflow` has been asked `times` times, then stops it.
    private func run(_ workflow: ScriptedWorkflow, cache: PageCache, now: Date, times: Int) async throws {
        let publisher = ScheduledPublisher(
            workflow: workflow, cache: cache, interval: .milliseconds(5), now: { now },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await publisher.run() }
        while workflow.asked.count < times { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        _ = await task.result
    }

    @Test func itAsksWithItsOwnTimeAndDropsCachedPagesWhenItPublished() async throws {
        let front = CachedFrontPage()
        try await front.show()
        let due = Date(timeIntervalSince1970: 1_800_000_000)
        let workflow = ScriptedWorkflow([.published([]), .published([7])])

        try await run(workflow, cache: front.cache, now: due, times: 3)

        #expect(workflow.asked.allSatisfy { $0 == due })
        try await front.show()
        #expect(front.renders == 2, "the publication dropped the cached front page")
    }

    @Test func nothingPublishedLeavesTheCacheAlone() async throws {
        let front = CachedFrontPage()
        try await front.show()
        let workflow = ScriptedWorkflow([])

        try await run(workflow, cache: front.cache, now: Date(), times: 3)

        try await front.show()
        #expect(front.renders == 1)
    }

    @Test func aFailedLookDoesNotStopTheNext() async throws {
        let workflow = ScriptedWorkflow([.failure, .failure, .published([3])])
        try await run(workflow, cache: PageCache(), now: Date(), times: 4)
        #expect(workflow.asked.count >= 4)
    }
}
