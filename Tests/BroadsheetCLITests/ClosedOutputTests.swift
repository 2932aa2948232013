import BroadsheetTestSupport
import Foundation
import Testing

/// `broadsheet export … --out - | head`: the reader goes away before the output is written. The
/// command must stop as `cat` does, not crash, also when SIGPIPE is ignored (as under a server
/// or a shell script that traps it) and the write fails instead.
@Suite("broadsheet, writing to a reader that has gone", .timeLimit(.minutes(10)))
struct ClosedOutputTests {
    @Test func exportStopsQuietlyWhenItsReaderHasGone() async throws {
        let executable = ServeProcessTests.executable
        try #require(
            FileManager.default.isExecutableFile(atPath: executable.path),
            "build the executable first (scripts/test does): \(executable.path)")
        let workspace = try await ExportCommandTests().filledWorkspace()

        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])  // no reader at all: every write fails at once
        let output = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let export = try RunningProgram(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c", #"trap '' PIPE; exec "$0" "$@""#, executable.path,
                "export", "--db", workspace.database, "--format", "jsonl", "--out", "-",
            ], output: .file(output))
        try output.close()
        let ending = await export.ending()
        let messages = ending.errorText
        #expect(ending.reason == .exit, "it crashed: \(messages)")
        #expect(ending.status == 141, "the status of a broken pipe")
        #expect(!messages.contains("Fatal error"), "\(messages)")
    }

    /// A full disk is not a reader that went away: the export says so and fails.
    @Test func exportSaysWhenItsOutputCannotBeWritten() async throws {
        let executable = ServeProcessTests.executable
        try #require(FileManager.default.isExecutableFile(atPath: executable.path))
        let workspace = try await ExportCommandTests().filledWorkspace()
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"), "this test writes to /dev/full")
        let ending = try await RunningProgram.run(
            executable, ["export", "--db", workspace.database, "--format", "jsonl", "--out", "-"],
            output: .file(full))
        let messages = ending.errorText
        #expect(ending.reason == .exit, "it crashed: \(messages)")
        #expect(ending.status == 1)
        #expect(messages.contains("cannot write the output: No space left on device"), "\(messages)")
    }
}
