import BroadsheetTestSupport
import Foundation
import Testing

/// The executable allocates with jemalloc, not glibc's malloc (Package.swift links it): on two
/// cores, glibc's arenas were a twelfth of a static export's CPU.
@Suite("The executable's allocator", .timeLimit(.minutes(10)))
struct AllocatorTests {
    #if os(Linux)
        @Test func theExecutableAllocatesWithJemalloc() async throws {
            let executable = ServeProcessTests.executable
            try #require(
                FileManager.default.isExecutableFile(atPath: executable.path),
                "build the executable first (scripts/test does): \(executable.path)")
            // jemalloc prints its statistics at exit when asked; glibc knows nothing of the setting.
            let ending = try await RunningProgram.run(
                executable, ["--help"], environment: ["MALLOC_CONF": "stats_print:true"])
            #expect(ending.status == 0)
            #expect(ending.errorText.contains("jemalloc statistics"), "\(ending.errorText.prefix(300))")
        }
    #endif
}
