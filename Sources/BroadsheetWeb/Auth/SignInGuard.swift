/// How hard `POST /api/v1/session` is on repeated failures (the rule is `SignInGuard`'s).
public struct SignInPolicy: Sendable {
    /// Failures of one account before each further failure is answered more slowly.
    public var slowAfter: Int
    /// The pause after the first slowed failure; it doubles with each one after, up to `maximumDelay`.
    public var delay: Duration
    public var maximumDelay: Duration
    /// Failures of one account from one address that lock that address out of that account.
    public var lockAfter: Int
    /// Failures from one address, whichever accounts they named, that lock the address out of all.
    public var lockAddressAfter: Int
    /// Failures of one account that lock it for every address, once they came from at least
    /// `lockAccountAddresses` different addresses: one address alone never locks an account.
    public var lockAccountAfter: Int
    public var lockAccountAddresses: Int
    public var lockDuration: Duration
    /// Failures older than this are forgotten.
    public var window: Duration

    public init(
        slowAfter: Int = 3, delay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(4),
        lockAfter: Int = 5, lockAddressAfter: Int = 30, lockAccountAfter: Int = 20, lockAccountAddresses: Int = 3,
        lockDuration: Duration = .seconds(900), window: Duration = .seconds(900)
    ) {
        self.slowAfter = slowAfter
        self.delay = delay
        self.maximumDelay = maximumDelay
        self.lockAfter = lockAfter
        self.lockAddressAfter = lockAddressAfter
        self.lockAccountAfter = lockAccountAfter
        self.lockAccountAddresses = lockAccountAddresses
        self.lockDuration = lockDuration
        self.window = window
    }
}

/// The failure budget of sign-ins, kept per account and address, per address and per account.
///
/// An attempt takes a place in all three budgets before its password is checked (`admit`) and
/// gives it back when the check says yes, so a burst of concurrent guesses cannot all pass the
/// "not locked yet" test before the first failure is counted: at most `lockAfter` of them from one
/// address reach bcrypt for one account. Then:
/// - `lockAfter` failures of an account from one address lock that address out of that account;
/// - `lockAddressAfter` failures from one address, whatever names they tried, lock it out of all;
/// - `lockAccountAfter` failures of an account lock it everywhere only when they came from at least
///   `lockAccountAddresses` addresses, so a guesser at one address cannot lock an editor out of
///   their own account, while a guesser spread over many is still stopped;
/// - past `slowAfter` failures of an account, each failure is answered more slowly.
/// Each lock lasts `lockDuration`, whatever password comes next; a success forgets the account's
/// failures and that address's for the account, never the address's overall ones (one good
/// account must not clear the way for guessing the others).
///
/// Kept in the memory of one server; servers sharing a database each keep their own count.
public actor SignInGuard {
    /// A place in the budgets, held while one attempt's password is checked.
    struct Ticket: Sendable {
        let account: String
        let address: String
    }

    /// Whether an attempt may check its password, or how long it should wait first.
    enum Admission: Sendable {
        case admitted(Ticket)
        /// Locked out for this long.
        case locked(Duration)
        /// The budget is held by attempts still being checked; asking again shortly is fair.
        case busy
    }

    private struct Pair: Hashable {
        let account: String
        let address: String
    }

    private struct Record {
        var failures: [(at: ContinuousClock.Instant, address: String)] = []
        /// Attempts admitted and not yet answered, by address.
        var pending: [String: Int] = [:]
        var lockedUntil: ContinuousClock.Instant?

        var pendingCount: Int { pending.values.reduce(0, +) }
        /// Failures and pending attempts, and how many addresses they came from.
        var load: (count: Int, addresses: Int) {
            (failures.count + pendingCount, Set(failures.map { $0.address }).union(pending.keys).count)
        }
        var failureLoad: (count: Int, addresses: Int) { (failures.count, Set(failures.map { $0.address }).count) }

        mutating func release(_ address: String) {
            if let count = pending[address] { pending[address] = count > 1 ? count - 1 : nil }
        }

        mutating func fail(from address: String, at now: ContinuousClock.Instant) {
            release(address)
            failures.append((now, address))
        }

        /// Failures that led to a lock are spent: after it, the count starts again.
        mutating func lock(until instant: ContinuousClock.Instant) {
            lockedUntil = instant
            failures = []
        }
    }

    private let policy: SignInPolicy
    /// The clock locks are measured by, which also holds slowed answers back.
    nonisolated let clock: SignInClock
    private var pairs: [Pair: Record] = [:]
    private var addresses: [String: Record] = [:]
    private var accounts: [String: Record] = [:]

    public init(policy: SignInPolicy = SignInPolicy(), clock: SignInClock = .continuous) {
        self.policy = policy
        self.clock = clock
    }

    /// Takes a place for one attempt, unless a lock or a spent budget stands in the way.
    func admit(account: String, address: String) -> Admission {
        let now = clock.now()
        if pairs.count + addresses.count + accounts.count > Self.forgetAbove { forgetStale(at: now) }
        let pair = Pair(account: account, address: address)
        var pairRecord = fresh(pairs[pair], now)
        var addressRecord = fresh(addresses[address], now)
        var accountRecord = fresh(accounts[account], now)
        let until = [pairRecord.lockedUntil, addressRecord.lockedUntil, accountRecord.lockedUntil]
            .compactMap { $0 }.max()
        if let until { return .locked(until - now) }
        if pairRecord.load.count >= policy.lockAfter || addressRecord.load.count >= policy.lockAddressAfter
            || accountFull(accountRecord.load)
        {
            return .busy
        }
        pairRecord.pending[address, default: 0] += 1
        addressRecord.pending[address, default: 0] += 1
        accountRecord.pending[address, default: 0] += 1
        pairs[pair] = pairRecord
        addresses[address] = addressRecord
        accounts[account] = accountRecord
        return .admitted(Ticket(account: account, address: address))
    }

    /// Counts the attempt as a failure, locking whatever reached its limit; returns how long to
    /// wait before answering it.
    func failed(_ ticket: Ticket) -> Duration {
        let now = clock.now()
        let pair = Pair(account: ticket.account, address: ticket.address)
        var pairRecord = fresh(pairs[pair], now)
        var addressRecord = fresh(addresses[ticket.address], now)
        var accountRecord = fresh(accounts[ticket.account], now)
        pairRecord.fail(from: ticket.address, at: now)
        addressRecord.fail(from: ticket.address, at: now)
        accountRecord.fail(from: ticket.address, at: now)
        let accountFailures = accountRecord.failures.count
        if pairRecord.failures.count >= policy.lockAfter { pairRecord.lock(until: now + policy.lockDuration) }
        if addressRecord.failures.count >= policy.lockAddressAfter {
            addressRecord.lock(until: now + policy.lockDuration)
        }
        if accountFull(accountRecord.failureLoad) { accountRecord.lock(until: now + policy.lockDuration) }
        pairs[pair] = pairRecord
        addresses[ticket.address] = addressRecord
        accounts[ticket.account] = accountRecord
        let slowed = accountFailures - policy.slowAfter
        guard slowed > 0 else { return .zero }
        let factor = 1 << min(slowed - 1, 16)
        return min(policy.delay * factor, policy.maximumDelay)
    }

    /// The password was right: the account's failures, and this address's for it, are forgotten.
    func succeeded(_ ticket: Ticket) {
        let pair = Pair(account: ticket.account, address: ticket.address)
        pairs[pair] = nil
        addresses[ticket.address]?.release(ticket.address)
        accounts[ticket.account]?.release(ticket.address)
        accounts[ticket.account]?.failures = []
    }

    /// The password was never checked (the check was refused or failed): the place is given back
    /// and nothing is counted.
    func abandoned(_ ticket: Ticket) {
        let pair = Pair(account: ticket.account, address: ticket.address)
        pairs[pair]?.release(ticket.address)
        addresses[ticket.address]?.release(ticket.address)
        accounts[ticket.account]?.release(ticket.address)
    }

    /// Guessing made-up names must not fill memory: past this many records, the ones with
    /// neither a recent failure, an attempt in progress nor a lock are dropped.
    static let forgetAbove = 10_000

    /// How many records are remembered (for tests).
    var remembered: Int { pairs.count + addresses.count + accounts.count }

    private func accountFull(_ load: (count: Int, addresses: Int)) -> Bool {
        load.count >= policy.lockAccountAfter && load.addresses >= policy.lockAccountAddresses
    }

    /// The record without failures past the window or a lock that has ended.
    private func fresh(_ record: Record?, _ now: ContinuousClock.Instant) -> Record {
        var record = record ?? Record()
        record.failures.removeAll { now - $0.at >= policy.window }
        if let until = record.lockedUntil, until <= now { record.lockedUntil = nil }
        return record
    }

    private func forgetStale(at now: ContinuousClock.Instant) {
        func live(_ record: Record) -> Bool {
            let fresh = fresh(record, now)
            return fresh.lockedUntil != nil || !fresh.failures.isEmpty || !fresh.pending.isEmpty
        }
        pairs = pairs.filter { live($0.value) }
        addresses = addresses.filter { live($0.value) }
        accounts = accounts.filter { live($0.value) }
    }
}
