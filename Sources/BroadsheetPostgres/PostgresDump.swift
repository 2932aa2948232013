import Broadsheet
import Foundation
import NIOPosix

/// A backup of a PostgreSQL archive made by `pg_dump`, when it is installed: the database's own
/// tool copies one consistent snapshot while servers go on writing.
public struct PostgresDump: Sendable {
    /// The `pg_dump` that will run.
    public let program: String
    let location: PostgresLocation

    /// Finds `pg_dump` on the PATH or where Debian's postgresql packages put it.
    public init(location: PostgresLocation) throws(StoreError) {
        let environment = ProcessInfo.processInfo.environment
        let onPath = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pg_dump" }
        let debian = ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin/pg_dump" }
        guard let program = (onPath + debian).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw .database(
                operation: "backing up \(location.redacted)",
                message: "pg_dump is not installed; install PostgreSQL's client programs (Debian: postgresql-client)")
        }
        self.program = program
        self.location = location
    }

    /// Dumps the archive to a new file at `path` in pg_dump's custom format (`pg_restore` reads it).
    public func write(to path: String) async throws {
        let arguments =
            [
                program, "--format=custom", "--no-password", "--file=\(path)", "--host=\(location.host)",
                "--port=\(location.port)", "--username=\(location.username)", "--dbname=\(location.database)",
            ] + (location.schema.map { ["--schema=\($0)"] } ?? [])
        // The password travels in the environment, never on a command line others can read.
        var environment = ProcessInfo.processInfo.environment
        environment["PGSSLMODE"] = location.tls.rawValue
        if let password = location.password { environment["PGPASSWORD"] = password }
        let messages = FileManager.default.temporaryDirectory.appendingPathComponent("pg_dump-\(UUID()).log").path
        defer { try? FileManager.default.removeItem(atPath: messages) }
        let status = try await ChildProcess.run(
            arguments, environment: environment.map { "\($0)=\($1)" }, errorsTo: messages)
        guard status == 0 else {
            let message = (try? String(contentsOfFile: messages, encoding: .utf8)) ?? ""
            throw StoreError.database(
                operation: "backing up \(location.redacted) with \(program)",
                message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

/// Runs a program to its end with `posix_spawn` and `waitpid`, on NIO's thread pool (the wait
/// blocks a thread, which must not be one of the cooperative pool's).
///
/// Not Foundation's `Process`: started beside PostgresNIO's pool in the test process, it left
/// every task waiting now and then, and this did not (PostgresStoreTests).
enum ChildProcess {
    /// The exit status (a signal counts as 128 + its number).
    static func run(_ arguments: [String], environment: [String], errorsTo errorPath: String) async throws -> Int32 {
        try await NIOThreadPool.singleton.runIfActive { try spawnAndWait(arguments, environment, errorPath) }
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare; nil where the C library lacks it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    private static func spawnAndWait(_ arguments: [String], _ environment: [String], _ errorPath: String) throws
        -> Int32
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The child gets no other descriptor of ours: not the database's sockets, not open files.
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw StoreError.database(
                operation: "starting \(arguments[0])", message: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
