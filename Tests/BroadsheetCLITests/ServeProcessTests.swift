import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `broadsheet` executable, as an operator runs it: it serves the demo, answers, and
/// stops cleanly on SIGTERM.
@Suite("broadsheet serve, as a process")
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

        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "serve", "--demo", "--db", folder.appendingPathComponent("demo.sqlite").path, "--host", "127.0.0.1",
            "--port", "0",
        ]
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let port = try #require(try await listeningPort(in: log), "the server never said where it listens")
        let (front, frontResponse) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/")!)
        #expect((frontResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: front, as: UTF8.self).contains("E-Paper | November 25, 2026"))
        let (_, health) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        #expect((health as? HTTPURLResponse)?.statusCode == 200)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("stopped"), "the database was closed after the last request: \(rest)")
    }

    /// Reads the log until Hummingbird names its port ("listening on 127.0.0.1:PORT").
    private func listeningPort(in log: Pipe) async throws -> Int? {
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = log.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"listening on 127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                return Int(seen[range].split(separator: ":").last!)
            }
        }
        return nil
    }
}
