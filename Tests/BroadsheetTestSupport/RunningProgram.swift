import Foundation

/// A program a test runs, waited for and read from threads of its own.
///
/// An async test must not block on a child process (`waitUntilExit`, `availableData`,
/// `readDataToEndOfFile`): the cooperative pool has one thread a core, two on the test machine, and
/// two tests blocked on them stop every other task, the timers of the tests' time limits included.
/// Here the pipes are read by threads of their own, the end comes through the termination
/// handler, and the test awaits both. Cancelling the test (its time limit does) kills the program.
public final class RunningProgram: Sendable {
    /// Where the program's standard output goes.
    public enum Output: Sendable {
        /// Read into `Ending.output`.
        case captured
        case discarded
        /// An open file of the caller's, such as one end of a pipe or /dev/full.
        case file(FileHandle)
    }

    /// How the program ended and what it wrote.
    public struct Ending: Sendable {
        public var reason: Process.TerminationReason
        public var status: Int32
        public var output: Data
        public var errors: Data

        public var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    /// The process id, for signals.
    public let id: Int32
    private let ended: Arrival<(Process.TerminationReason, Int32)>
    private let output: PipeReader?
    private let errors: PipeReader

    /// Starts `executable` with `arguments`; `input`, when given, is its whole standard input, and
    /// `environment` is added to this process's own.
    public init(
        _ executable: URL, _ arguments: [String], input: Data? = nil, output: Output = .captured,
        environment: [String: String] = [:]
    ) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        // Input from a file rather than a pipe: nothing to write while the program runs, and no
        // SIGPIPE for this process when a program ends without reading it.
        var inputFile: URL?
        if let input {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)")
            try input.write(to: file)
            inputFile = file
            process.standardInput = try FileHandle(forReadingFrom: file)
        }
        defer { inputFile.map { try? FileManager.default.removeItem(at: $0) } }
        let outputPipe: Pipe?
        switch output {
        case .captured:
            outputPipe = Pipe()
            process.standardOutput = outputPipe
        case .discarded:
            outputPipe = nil
            process.standardOutput = FileHandle.nullDevice
        case .file(let handle):
            outputPipe = nil
            process.standardOutput = handle
        }
        let errorPipe = Pipe()
        process.standardError = errorPipe
        let ended = Arrival<(Process.TerminationReason, Int32)>()
        process.terminationHandler = { ended.deliver(($0.terminationReason, $0.terminationStatus)) }
        try process.run()
        self.id = process.processIdentifier
        self.ended = ended
        self.output = outputPipe.map { PipeReader($0.fileHandleForReading) }
        self.errors = PipeReader(errorPipe.fileHandleForReading)
    }

    /// Runs a program to its end.
    public static func run(
        _ executable: URL, _ arguments: [String], input: Data? = nil, output: Output = .captured,
        environment: [String: String] = [:]
    ) async throws -> Ending {
        try await RunningProgram(executable, arguments, input: input, output: output, environment: environment)
            .ending()
    }

    /// Waits until the program has ended and its pipes are read to their end.
    public func ending() async -> Ending {
        await withTaskCancellationHandler {
            let (reason, status) = await ended.value()
            return Ending(
                reason: reason, status: status, output: await output?.all.value() ?? Data(),
                errors: await errors.all.value())
        } onCancel: {
            stop()
        }
    }

    /// What the program has written to its standard error so far.
    public var errorsSoFar: String { String(decoding: errors.soFar, as: UTF8.self) }

    public var hasEnded: Bool { ended.current != nil }

    public func signal(_ number: Int32) {
        if !hasEnded { kill(id, number) }
    }

    /// Kills the program if it is still running: for a `defer`, when a test stops early.
    public func stop() {
        signal(SIGKILL)
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: Sendable {
    let all = Arrival<Data>()
    private let read = Locked(Data())

    init(_ handle: FileHandle) {
        let (all, read) = (all, read)
        Thread {
            // read(2) itself: FileHandle's `read(upToCount:)` waits for the whole count.
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes {
                    Foundation.read(handle.fileDescriptor, $0.baseAddress, $0.count)
                }
                if count > 0 {
                    read.withLock { $0.append(contentsOf: buffer[..<count]) }
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            try? handle.close()
            all.deliver(read.withLock { $0 })
        }.start()
    }

    var soFar: Data { read.withLock { $0 } }
}

/// A value that arrives once, from any thread, and is awaited from async code.
final class Arrival<Value: Sendable>: Sendable {
    private let state = Locked<(value: Value?, waiting: [CheckedContinuation<Value, Never>])>((nil, []))

    func deliver(_ value: Value) {
        let waiting = state.withLock { state in
            state.value = value
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume(returning: value) }
    }

    var current: Value? { state.withLock { $0.value } }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.value == nil { state.waiting.append(continuation) }
                return state.value
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// A value behind a lock (Foundation's, as `Mutex` needs macOS 15).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
