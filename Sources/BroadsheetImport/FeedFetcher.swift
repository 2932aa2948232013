import BroadsheetFormats
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a server said about a feed last time, sent back so it can answer "not modified".
public struct FeedValidators: Hashable, Sendable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// The answer to one fetch of a feed.
public enum FeedResponse: Hashable, Sendable {
    /// The feed has not changed since the validators sent.
    case notModified
    /// The body, the validators for the next fetch, and the `charset` the response declared.
    case fetched(Data, FeedValidators, charset: String?)
}

/// A feed that could not be fetched: the address and what went wrong, for the import summary.
public struct FeedFetchError: Error, Hashable, Sendable, CustomStringConvertible {
    public var url: URL
    public var reason: String

    public init(url: URL, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "\(url.absoluteString): \(reason)" }
}

/// Fetches feeds over HTTP(S) with a conditional GET, for `broadsheet import https://...` and the
/// server's feed polling. Only http and https are fetched, and a download stops as soon as its
/// body passes `maximumBytes`, so a feed address can neither read local files nor fill memory.
public struct FeedFetcher: Sendable {
    public var timeout: TimeInterval
    public var maximumBytes: Int

    public init(timeout: TimeInterval = 30, maximumBytes: Int = 64 * 1024 * 1024) {
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    /// Whether `text` is an address this fetcher takes (rather than a path).
    /// "64 MB", "1000 bytes".
    static func describe(bytes: Int) -> String {
        bytes >= 1_048_576 && bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MB" : "\(bytes) bytes"
    }

    public static func isFeedAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && URL(string: text)?.host != nil
    }

    public func fetch(_ url: URL, validators: FeedValidators? = nil) async throws(FeedFetchError) -> FeedResponse {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FeedFetchError(url: url, reason: "only http and https addresses are fetched")
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue(
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
            forHTTPHeaderField: "Accept")
        request.setValue("Broadsheet feed reader", forHTTPHeaderField: "User-Agent")
        if let etag = validators?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let date = validators?.lastModified { request.setValue(date, forHTTPHeaderField: "If-Modified-Since") }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await FeedDownload.fetch(request, limit: maximumBytes)
        } catch FeedDownload.Stop.overLimit {
            throw FeedFetchError(url: url, reason: "the feed is over the \(Self.describe(bytes: maximumBytes)) limit")
        } catch {
            throw FeedFetchError(url: url, reason: "cannot fetch it: \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw FeedFetchError(url: url, reason: "the answer was not HTTP")
        }
        switch http.statusCode {
        case 304:
            return .notModified
        case 200..<300:
            let validators = FeedValidators(
                etag: http.value(forHTTPHeaderField: "ETag"),
                lastModified: http.value(forHTTPHeaderField: "Last-Modified"))
            let charset = XMLCharsetRepair.charset(inContentType: http.value(forHTTPHeaderField: "Content-Type"))
            return .fetched(data, validators, charset: charset)
        default:
            throw FeedFetchError(
                url: url,
                reason:
                    "the server answered \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))"
            )
        }
    }
}
