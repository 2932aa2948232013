import BroadsheetImport
import Logging
import ServiceLifecycle

/// Runs the feed poller beside the server and logs what each poll imported or why it failed.
struct FeedPollingService: Service {
    let poller: FeedPoller
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Shutting down cancels the wait between polls: the normal way out.
        await cancelWhenGracefulShutdown {
            await poller.run(every: interval) { feed, outcome in
                switch outcome {
                case .notModified:
                    logger.debug("feed \(feed.absoluteString): not modified")
                case .imported(let summary):
                    logger.info("feed \(feed.absoluteString): \(summary.countsLine)")
                    for failure in summary.failed { logger.warning("feed: \(failure)") }
                case .failed(let error):
                    logger.warning("feed \(error)")
                }
            }
        }
    }
}
