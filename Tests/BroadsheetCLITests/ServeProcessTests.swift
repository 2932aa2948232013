import BroadsheetTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `broadsheet` executable, as an operator runs it: it serves the demo, answers, and
/// stops cleanly on SIGTERM.
@Suite("broadsheet serve, as a process", .timeLimit(.minutes(10)))
struct ServeProcessTests {
    /// The executable SwiftPM built beside the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("broadsheet")
    }

    @Test func servesTheDemoAndStopsCleanlyOnSIGTERM() async throws {
        let executable = Self.executable
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "build the executable first (scripts/test does): \(executable.path)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let server = try RunningProgram(
            executable,
            [
                "serve", "--demo", "--db", folder.appendingPathComponent("demo.sqlite").path, "--host", "127.0.0.1",
                "--port", "0",
            ], output: .discarded)
        defer { server.stop() }

        let listening = try await listeningPort(of: server)
        let port = try #require(
            listening, "the server never said where it listens (ended: \(server.hasEnded)): \(server.errorsSoFar)")
        let (front, frontResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/")!)
        #expect((frontResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: front, as: UTF8.self).contains("E-Paper | November 25, 2026"))
        let (_, health) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        #expect((health as? HTTPURLResponse)?.statusCode == 200)

        server.signal(SIGTERM)
        let ending = await server.ending()
        #expect(ending.reason == .exit)
        #expect(ending.status == 0)
        #expect(
            ending.errorText.contains("stopped"), "the database was closed after the last request: \(ending.errorText)")
        // The access log, written in batches, has every request by the time the process ends.
        #expect(ending.errorText.contains("[BroadsheetWeb] GET / 200"), "\(ending.errorText)")
        #expect(ending.errorText.contains("[BroadsheetWeb] GET /healthz 200"), "\(ending.errorText)")
    }

    /// On PostgreSQL the store's pool runs as one of the server's services: the server migrates a
    /// fresh schema before it answers, and on SIGTERM it finishes, pool last, and exits cleanly.
    @Test func servesAPostgreSQLArchiveAndStopsCleanlyOnSIGTERM() async throws {
        let archive = try await PostgresTestArchive()
        let server = try RunningProgram(
            Self.executable, ["serve", "--db", archive.url, "--host", "127.0.0.1", "--port", "0"],
            output: .discarded)
        defer { server.stop() }
        let listening = try await listeningPort(of: server)
        let port = try #require(
            listening, "the server never said where it listens (ended: \(server.hasEnded)): \(server.errorsSoFar)")
        let (_, health) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        #expect((health as? HTTPURLResponse)?.statusCode == 200, "the database answers through the pool")

        server.signal(SIGTERM)
        let ending = await server.ending()
        #expect(ending.reason == .exit)
        #expect(ending.status == 0, "\(ending.errorText)")
        #expect(ending.errorText.contains("stopped"), "the pool stopped after the server: \(ending.errorText)")
        try await archive.drop()
    }

    /// Reads the log until Hummingbird names its port ("listening on 127.0.0.1:PORT"), asking
    /// again every 50 ms for four minutes at most: the demo is imported first, beside the whole suite.
    private func listeningPort(of server: RunningProgram) async throws -> Int? {
        let deadline = ContinuousClock.now + .seconds(240)
        while ContinuousClock.now < deadline {
            let seen = server.errorsSoFar
            if let range = seen.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                return Int(seen[range].split(separator: ":").last!)
            }
            if server.hasEnded { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}
