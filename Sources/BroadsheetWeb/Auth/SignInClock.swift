/// The time sign-in limits are measured in. The server reads the continuous clock; tests pass one
/// they move by hand, so a fifteen-minute lock-out ends without anyone waiting for it.
public struct SignInClock: Sendable {
    /// The present instant.
    public var now: @Sendable () -> ContinuousClock.Instant
    /// Holds a slowed failure's answer back for the given time.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.now = now
        self.sleep = sleep
    }

    /// The real clock.
    public static let continuous = SignInClock(now: { .now }, sleep: { try await Task.sleep(for: $0) })
}
