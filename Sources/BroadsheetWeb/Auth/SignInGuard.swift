import Foundation

/// How hard `POST /api/v1/session` is on repeated failures.
public struct SignInPolicy: Sendable {
    /// Failures of one account before each further failure is answered more slowly.
    public var slowAfter: Int
    /// The pause after the first slowed failure; it doubles with each one after, up to `maximumDelay`.
    public var delay: Duration
    public var maximumDelay: Duration
    /// Failures of one account, and from one address, that lock it for `lockDuration`.
    public var lockAccountAfter: Int
    public var lockAddressAfter: Int
    public var lockDuration: Duration
    /// Failures older than this are forgotten.
    public var window: Duration
    /// The time failures and locks are measured by: the real clock's, or a test's that moves on at once.
    public var now: @Sendable () -> ContinuousClock.Instant

    public init(
        slowAfter: Int = 3, delay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(4),
        lockAccountAfter: Int = 10, lockAddressAfter: Int = 30, lockDuration: Duration = .seconds(900),
        window: Duration = .seconds(900), now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.slowAfter = slowAfter
        self.delay = delay
        self.maximumDelay = maximumDelay
        self.lockAccountAfter = lockAccountAfter
        self.lockAddressAfter = lockAddressAfter
        self.lockDuration = lockDuration
        self.window = window
        self.now = now
    }
}

/// Counts failed sign-ins per account and per client address: failures slow the answers down,
/// then lock the account (or the address) for a while, whatever password comes next.
///
/// Kept in the memory of one server; servers sharing a database each keep their own count.
public actor SignInGuard {
    private struct Record {
        var failures: [ContinuousClock.Instant] = []
        var lockedUntil: ContinuousClock.Instant?
    }

    private let policy: SignInPolicy
    private var accounts: [String: Record] = [:]
    private var addresses: [String: Record] = [:]

    public init(policy: SignInPolicy = SignInPolicy()) {
        self.policy = policy
    }

    /// When the account or the address is locked, how long until it opens again.
    func lockedFor(account: String, address: String) -> Duration? {
        let now = policy.now()
        let until = [accounts[account]?.lockedUntil, addresses[address]?.lockedUntil].compactMap { $0 }
            .filter { $0 > now }.max()
        return until.map { $0 - now }
    }

    /// Notes a failure; returns how long to wait before answering it.
    func failed(account: String, address: String) -> Duration {
        let now = policy.now()
        if accounts.count + addresses.count > Self.forgetAbove { forgetStale(at: now) }
        let accountFailures = note(&accounts[account, default: Record()], now, lockAfter: policy.lockAccountAfter)
        _ = note(&addresses[address, default: Record()], now, lockAfter: policy.lockAddressAfter)
        let slowed = accountFailures - policy.slowAfter
        guard slowed > 0 else { return .zero }
        let factor = 1 << min(slowed - 1, 16)
        return min(policy.delay * factor, policy.maximumDelay)
    }

    /// A success forgets the account's failures (never the address's: one good account must not
    /// clear the way for guessing the others).
    func succeeded(account: String) {
        accounts[account] = nil
    }

    /// Guessing made-up names must not fill memory: past this many records, the ones with
    /// neither a recent failure nor a lock are dropped.
    static let forgetAbove = 10_000

    private func forgetStale(at now: ContinuousClock.Instant) {
        let window = policy.window
        func live(_ record: Record) -> Bool {
            (record.lockedUntil.map { $0 > now } ?? false) || record.failures.contains { now - $0 < window }
        }
        accounts = accounts.filter { live($0.value) }
        addresses = addresses.filter { live($0.value) }
    }

    /// How many accounts and addresses are remembered (for tests).
    var remembered: Int { accounts.count + addresses.count }

    private func note(_ record: inout Record, _ now: ContinuousClock.Instant, lockAfter: Int) -> Int {
        record.failures = record.failures.filter { now - $0 < policy.window } + [now]
        if record.failures.count >= lockAfter {
            record.lockedUntil = now + policy.lockDuration
            record.failures = []
        }
        return record.failures.count
    }
}
