import Dispatch

extension Array where Element: Sendable {
    /// `transform` of each element, in the array's order, on every core: for work that reads and
    /// parses files without awaiting anything (the search patch's shards and buckets).
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes its own slot only.
        nonisolated(unsafe) let slots = results
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let elements = elements
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                slots[index] = transform(elements[index])
            }
        }
        return results.map { $0! }
    }
}

extension Task where Failure == Never {
    /// `work` on one of Dispatch's threads, not the concurrency pool's: blocking work (reading
    /// a large record) would hold one of the pool's few threads, two on two cores, from the
    /// tasks that await the database beside it.
    static func onDispatch(_ work: @escaping @Sendable () -> Success) -> Task<Success, Never> {
        Task {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: work()) }
            }
        }
    }
}
