import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP download that stops as soon as its body passes a limit, so a huge or endless answer
/// never sits whole in memory.
final class FeedDownload: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why a download gave up before its end.
    enum Stop: Error {
        case overLimit
    }

    private let limit: Int
    // Guards everything below: URLSession calls the delegate on its own queue.
    private let lock = NSLock()
    private var body = Data()
    private var stopped: Stop?
    private var continuation: CheckedContinuation<(Data, URLResponse), any Error>?

    private init(limit: Int) {
        self.limit = limit
    }

    /// The body and response of `request`, or `Stop.overLimit` once the body passes `limit` bytes.
    static func fetch(_ request: URLRequest, limit: Int) async throws -> (Data, URLResponse) {
        let download = FeedDownload(limit: limit)
        let session = URLSession(configuration: .ephemeral, delegate: download, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                download.lock.withLock { download.continuation = continuation }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = lock.withLock {
            body.append(data)
            if body.count > limit { stopped = .overLimit }
            return stopped != nil
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result):
            (CheckedContinuation<(Data, URLResponse), any Error>?, Result<(Data, URLResponse), any Error>) =
                lock.withLock {
                    defer { self.continuation = nil }
                    if let stopped { return (self.continuation, .failure(stopped)) }
                    if let error { return (self.continuation, .failure(error)) }
                    guard let response = task.response else {
                        return (self.continuation, .failure(URLError(.badServerResponse)))
                    }
                    return (self.continuation, .success((body, response)))
                }
        continuation?.resume(with: result)
    }
}
