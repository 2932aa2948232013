import Broadsheet
import Logging
import ServiceLifecycle

/// Polls the archive's version and, when it moves, drops the cached pages and navigation, so a
/// change made by an import or another server shows here within `interval`.
struct ArchiveWatcher: Service {
    let site: Site
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Shutting down cancels the sleep below; that is the normal way out, not a failure.
        try? await cancelWhenGracefulShutdown {
            // Nothing seen yet: the first reading drops whatever was cached before it.
            var seen: Int64?
            while !Task.isCancelled {
                do {
                    let version = try await site.store.archiveVersion()
                    if version != seen {
                        site.cache.invalidateAll(contentChanged: seen != nil)
                        seen = version
                        await site.navigation.invalidate()
                    }
                } catch  where !Task.isCancelled {
                    logger.warning("cannot read the archive version: \(error)")
                } catch {
                    // Shutting down cancelled the read: nothing to warn about.
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
