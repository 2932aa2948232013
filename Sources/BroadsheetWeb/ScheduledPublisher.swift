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
    let site: Site
    let interval: Duration
    let logger: Logger

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let published = try await site.store.publishDue(at: Date())
                    if !published.isEmpty {
                        site.cache.invalidateAll()
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
