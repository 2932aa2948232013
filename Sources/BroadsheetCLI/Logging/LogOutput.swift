import Dispatch
import Foundation
import Synchronization

/// Where the server's log lines go: a file descriptor (standard error by default), written in
/// batches rather than one system call a line.
///
/// The access log writes a line for every request; written one at a time, each line costs a write
/// and a lock that every request thread queues on. Lines wait here until `batchBytes` have
/// gathered, `interval` has passed, or a line that must not wait (a warning or worse) arrives.
/// Lines are written in the order they were logged, whole.
public final class LogOutput: Sendable {
    /// Written at once when this much is waiting.
    public static let batchBytes = 64 << 10
    /// The longest a line waits: short enough that `tail -f` feels live.
    public static let interval = DispatchTimeInterval.milliseconds(200)

    public static let standardError = LogOutput(descriptor: 2)

    private let descriptor: Int32
    private let pending = Mutex<[UInt8]>([])
    /// Writes batches in the order they were handed over, outside `pending`'s lock: a thread
    /// adding a line waits for no write; the one whose line fills a batch (or is urgent) waits
    /// for the batches queued so far, without holding the lock.
    private let writer = DispatchQueue(label: "broadsheet.log-output")
    // Dispatch sources are safe to use from any thread; this one is only made and cancelled.
    nonisolated(unsafe) private let timer: any DispatchSourceTimer

    /// Lines for `descriptor`, which stays open for as long as this output is used, written at
    /// least every `interval`.
    public init(descriptor: Int32, interval: DispatchTimeInterval = LogOutput.interval) {
        self.descriptor = descriptor
        timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
    }

    deinit {
        timer.cancel()
        flush()
    }

    /// Adds `line` (ending in a newline); written before this returns when `urgent` or when it
    /// fills the batch.
    public func append(_ line: String, urgent: Bool = false) {
        var line = line
        let handedOver = line.withUTF8 { bytes in
            pending.withLock { buffer in
                buffer.append(contentsOf: bytes)
                guard urgent || buffer.count >= Self.batchBytes else { return false }
                handOver(&buffer)
                return true
            }
        }
        if handedOver { writer.sync {} }
    }

    /// Writes whatever is waiting: before the process exits, and on the timer.
    public func flush() {
        pending.withLock { buffer in
            if !buffer.isEmpty { handOver(&buffer) }
        }
        writer.sync {}
    }

    /// Queues the waiting lines for writing; called under `pending`'s lock, so batches are queued,
    /// and written, in the order their lines were logged.
    private func handOver(_ buffer: inout [UInt8]) {
        let batch = buffer
        buffer = []
        buffer.reserveCapacity(Self.batchBytes + 4096)
        writer.async { [descriptor] in Self.write(batch, to: descriptor) }
    }

    private static func write(_ batch: [UInt8], to descriptor: Int32) {
        batch.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    // A closed or full log must not stop the server: the batch is dropped.
                    break
                }
            }
        }
    }
}
