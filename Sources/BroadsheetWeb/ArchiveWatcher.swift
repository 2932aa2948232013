import Broadsheet
import Logging
import ServiceLifecycle

/// Drops the cached pages and navigation when the archive's version moves, so a change made by an
/// import or another server shows here at once.
///
/// It polls the version every `interval`. A store that says when the archive changes
/// (`ArchiveChangeFeed`: PostgreSQL's `LISTEN`) wakes it at once instead, and the poll stays as a
/// fallback at a quarter of the rate, for a change the feed missed while it was reconnecting.
struct ArchiveWatcher: Service {
    let site: Site
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let reading = VersionReading(site: site, logger: logger)
        // Shutting down cancels the sleeps below; that is the normal way out, not a failure.
        try? await cancelWhenGracefulShutdown {
            guard let feed = site.store as? any ArchiveChangeFeed else {
                try await poll(reading, every: interval)
                return
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in feed.archiveChanges() { await reading.check() }
                }
                group.addTask { try await poll(reading, every: interval * 4) }
                try await group.waitForAll()
            }
        }
    }

    private func poll(_ reading: VersionReading, every pause: Duration) async throws {
        while !Task.isCancelled {
            await reading.check()
            try await Task.sleep(for: pause)
        }
    }
}

/// The last archive version a server has seen, and what it does when the version moves. An actor,
/// as the change feed and the poll may both ask at once.
private actor VersionReading {
    let site: Site
    let logger: Logger
    /// Nothing seen yet: the first reading drops whatever was cached before it.
    private var seen: Int64?

    init(site: Site, logger: Logger) {
        self.site = site
        self.logger = logger
    }

    func check() async {
        do {
            let version = try await site.store.archiveVersion()
            guard version != seen else { return }
            site.cache.invalidateAll(contentChanged: seen != nil)
            seen = version
            await site.navigation.invalidate()
        } catch  where !Task.isCancelled {
            logger.warning("cannot read the archive version: \(error)")
        } catch {
            // Shutting down cancelled the read: nothing to warn about.
        }
    }
}
