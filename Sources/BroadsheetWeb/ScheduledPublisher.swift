import Broadsheet
import Foundation
import Logging
import ServiceLifecycle

/// Publishes drafts whose `publish_at` has come, without anyone acting: it looks every
/// `interval`, so what was due while the server was down goes out as soon as it starts.
///
/// Every server sharing the database runs one; the store's conditional update makes sure each
/// article is published once, by whichever gets there first.
struct ScheduledPublisher: Service {
    let workflow: any NewsroomWorkflow
    /// Dropped whenever something was published, as readers' pages change.
    let cache: PageCache
    let interval: Duration
    /// What the publisher takes as the time; tests move it instead of waiting.
    let now: @Sendable () -> Date
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let published = try await workflow.publishDue(at: now())
                    if !published.isEmpty {
                        cache.invalidateAll()
                        logger.info(
                            "published as scheduled: articles \(published.map(String.init).joined(separator: ", "))")
                    }
                } catch  where !Task.isCancelled {
                    logger.warning("cannot publish scheduled articles: \(error)")
                } catch {
                    // Shutting down cancelled the write: nothing to warn about.
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
