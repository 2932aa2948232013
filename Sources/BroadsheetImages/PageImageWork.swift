import NIOPosix

/// Runs libvips and file work on NIO's thread pool: those calls block, and the cooperative pool
/// has a thread a core.
enum PageImageWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
