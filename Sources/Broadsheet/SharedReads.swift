import Synchronization

/// Values read once a key and shared: whoever asks for a key while its read is still going
/// waits for that read rather than starting another. What the export's memos of listings and
/// printed editions are made of.
public final class SharedReads<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let reads = Mutex<[Key: Task<Value, any Error>]>([:])
    /// Keys held at most; when full it starts again, so its memory is bounded.
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value of `key`, read by `read` the first time.
    public func value(for key: Key, orRead read: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let reading = reads.withLock { reads in
            if let known = reads[key] { return known }
            if reads.count >= capacity { reads.removeAll(keepingCapacity: true) }
            let reading = Task { try await read() }
            reads[key] = reading
            return reading
        }
        return try await reading.value
    }
}
