import Foundation

/// Polls wire and partner feeds and imports what is new: the server runs one for the feed
/// addresses it was given (`serve --feed`).
///
/// Each fetch is a conditional GET with the feed's last `ETag` and `Last-Modified`, so an
/// unchanged feed costs the server a 304 and us nothing; a changed one goes through the
/// importer, which files new stories, updates newer versions and leaves the rest unchanged.
public actor FeedPoller {
    public let feeds: [URL]
    private let importer: Importer
    private let fetcher: FeedFetcher
    private var validators: [URL: FeedValidators] = [:]

    /// What one poll of one feed came to.
    public enum Outcome: Hashable, Sendable {
        case notModified
        case imported(ImportSummary)
        case failed(FeedFetchError)
    }

    public init(feeds: [URL], importer: Importer, fetcher: FeedFetcher = FeedFetcher()) {
        self.feeds = feeds
        self.importer = importer
        self.fetcher = fetcher
    }

    /// Fetches every feed once, in order, and imports those that changed.
    public func poll() async -> [(feed: URL, outcome: Outcome)] {
        var outcomes: [(URL, Outcome)] = []
        for feed in feeds {
            outcomes.append((feed, await poll(feed)))
        }
        return outcomes
    }

    private func poll(_ feed: URL) async -> Outcome {
        do {
            switch try await fetcher.fetch(feed, validators: validators[feed]) {
            case .notModified:
                return .notModified
            case .fetched(let data, let fresh, let charset):
                let summary = await importer.importFile(named: feed.absoluteString, data: data, charset: charset)
                // Kept even when an item failed: the same bytes would fail the same way; the
                // failure is reported once, and again when the feed changes.
                validators[feed] = fresh
                return .imported(summary)
            }
        } catch {
            return .failed(error)
        }
    }

    /// Polls every `interval` until the task is cancelled, reporting each outcome.
    public func run(every interval: Duration, report: @Sendable (URL, Outcome) -> Void) async {
        while !Task.isCancelled {
            for (feed, outcome) in await poll() { report(feed, outcome) }
            try? await Task.sleep(for: interval)
        }
    }
}
