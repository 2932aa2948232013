import NIOCore

/// Where sign-in passwords are checked: bcrypt costs a few hundred milliseconds of CPU on purpose,
/// so checks run on NIO's thread pool (never the cooperative pool that serves pages), at most
/// `concurrency` at once, with at most `queueLimit` waiting behind them. Past that a sign-in is
/// refused at once (`PasswordChecks.Busy`, a 429) instead of queueing without end: a flood of
/// sign-ins costs the server a bounded share of its cores, and readers do not notice.
public struct PasswordChecks: Sendable {
    /// How many checks run at once and how many may wait.
    public struct Limits: Sendable {
        public var concurrency: Int
        public var queueLimit: Int

        /// Half the cores (at least one) checking, and 32 waiting: about eight seconds at
        /// bcrypt's cost 12 on two cores before the server says it is busy.
        public init(concurrency: Int = max(1, System.coreCount / 2), queueLimit: Int = 32) {
            self.concurrency = max(1, concurrency)
            self.queueLimit = max(0, queueLimit)
        }
    }

    /// Every check is in use and the queue is full.
    public struct Busy: Error {}

    /// Checks a password against a stored hash (nil: no such account), off the cooperative pool.
    public typealias Verifier = @Sendable (_ password: String, _ hash: String?) async -> Bool

    let gate: AdmissionGate
    private let verifier: Verifier

    /// `verifier` is bcrypt's (`Credentials.verify`) unless a test counts or holds the checks.
    public init(limits: Limits = Limits(), verifier: @escaping Verifier = Credentials.verify) {
        self.gate = AdmissionGate(concurrency: limits.concurrency, queueLimit: limits.queueLimit)
        self.verifier = verifier
    }

    /// Whether `password` matches `hash`, once a place is free; `Busy` when none will be soon.
    func verify(password: String, hash: String?) async throws(Busy) -> Bool {
        guard await gate.enter() else { throw Busy() }
        let matches = await verifier(password, hash)
        await gate.leave()
        return matches
    }
}

/// A counting gate: `concurrency` holders at once, `queueLimit` waiting in order, the rest turned
/// away.
actor AdmissionGate {
    private let concurrency: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(concurrency: Int, queueLimit: Int) {
        self.concurrency = concurrency
        self.queueLimit = queueLimit
    }

    /// Takes a place, waiting for one when the queue has room; false when it has none.
    func enter() async -> Bool {
        if running < concurrency {
            running += 1
            return true
        }
        guard waiting.count < queueLimit else { return false }
        // The place is handed over by `leave`, so `running` already counts this holder.
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// How many hold a place and how many wait (for tests).
    var occupancy: (running: Int, waiting: Int) { (running, waiting.count) }
}
