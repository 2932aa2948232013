import Foundation

/// A program a test runs, waited for and read from threads of its own.
///
/// An async test must not block on a child process (`waitUntilExit`, `availableData`,
/// `readDataToEndOfFile`): the cooperative pool has one thread a core, two on the test machine, and
/// two tests blocked on them stop every other task, the timers of the tests' time limits included.
/// Here the pipes are read by threads of their own, the end comes from `waitpid` on another, and
/// the test awaits both. Cancelling the test (its time limit does) kills the program.
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
    ///
    /// Started with `posix_spawn`, not Foundation's `Process`: on Linux, `Process.run()` reads the
    /// names in /proc/self/fd with a 256-byte copy that can run past glibc's buffer into an unmapped
    /// page, and it crashed the test process (SIGSEGV in its memcpy) now and then in a full run.
    public init(
        _ executable: URL, _ arguments: [String], input: Data? = nil, output: Output = .captured,
        environment: [String: String] = [:]
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Input from a file rather than a pipe: nothing to write while the program runs, and no
        // SIGPIPE for this process when a program ends without reading it.
        var inputFile: URL?
        if let input {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)")
            try input.write(to: file)
            inputFile = file
            posix_spawn_file_actions_addopen(&actions, 0, file.path, O_RDONLY, 0)
        }
        defer { inputFile.map { try? FileManager.default.removeItem(at: $0) } }
        var outputPipe: (read: Int32, write: Int32)?
        switch output {
        case .captured:
            let pipe = try Self.pipe()
            outputPipe = pipe
            posix_spawn_file_actions_adddup2(&actions, pipe.write, 1)
        case .discarded:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .file(let handle):
            posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, 1)
        }
        let errorPipe = try Self.pipe()
        posix_spawn_file_actions_adddup2(&actions, errorPipe.write, 2)
        // The program gets no other descriptor of ours: not another test's sockets or pipes.
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own, as `Process` gave it: a signal to the tests' group is not its.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        for end in [outputPipe?.write, errorPipe.write].compactMap({ $0 }) { close(end) }
        guard spawned == 0 else {
            for end in [outputPipe?.read, errorPipe.read].compactMap({ $0 }) { close(end) }
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable.path])
        }
        let ended = Arrival<(Process.TerminationReason, Int32)>()
        let child = pid
        // waitpid blocks: a thread of its own, never one of the cooperative pool's.
        Thread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            let signal = status & 0x7f
            ended.deliver(signal == 0 ? (.exit, (status >> 8) & 0xff) : (.uncaughtSignal, signal))
        }.start()
        self.id = pid
        self.ended = ended
        self.output = outputPipe.map { PipeReader(FileHandle(fileDescriptor: $0.read)) }
        self.errors = PipeReader(FileHandle(fileDescriptor: errorPipe.read))
    }

    /// A pipe whose ends this process does not hand to other programs it starts.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Foundation.pipe(&ends) == 0 else { throw CocoaError(.fileWriteUnknown) }
        // Another test starting a program meanwhile closes them in its child (`closeFrom`).
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare; nil where the C library lacks it.
    private static let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

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
