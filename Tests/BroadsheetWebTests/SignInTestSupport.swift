import BroadsheetWeb
import Foundation
import HTTPTypes
import HummingbirdTesting

/// A sign-in clock a test moves by hand: locks end when the test says, and slowed answers are
/// written down instead of waited out.
final class ManualSignInClock: Sendable {
    private struct State {
        var elapsed: Duration = .zero
        var pauses: [Duration] = []
    }
    private let state = Locked(State())
    private let start = ContinuousClock.now

    var clock: SignInClock {
        SignInClock(
            now: { [state, start] in start + state.get().elapsed },
            sleep: { [state] pause in state.update { $0.pauses.append(pause) } })
    }

    func advance(by duration: Duration) { state.update { $0.elapsed += duration } }
    var pauses: [Duration] { state.get().pauses }
}

/// Password checks that count how many ran, and can hold them until the test lets them finish.
final class CountedChecks: Sendable {
    private let checked = Locked(0)
    let held: Latch?

    init(holding: Bool = false) {
        held = holding ? Latch() : nil
    }

    var count: Int { checked.get() }

    func checks(_ limits: PasswordChecks.Limits = PasswordChecks.Limits(concurrency: 2, queueLimit: 256))
        -> PasswordChecks
    {
        PasswordChecks(limits: limits) { [checked, held] password, hash in
            checked.update { $0 += 1 }
            await held?.arrive()
            return await Credentials.verify(password: password, hash: hash)
        }
    }
}

/// Tasks arrive and wait until the test opens it; the test can wait for a number to arrive.
actor Latch {
    private var arrived = 0
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    func arrive() async {
        arrived += 1
        for watcher in watchers where watcher.count <= arrived { watcher.continuation.resume() }
        watchers.removeAll { $0.count <= arrived }
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }

    /// Returns once `count` tasks have arrived.
    func arrivals(_ count: Int) async {
        if arrived >= count { return }
        await withCheckedContinuation { watchers.append((count, $0)) }
    }
}

extension TestClientProtocol {
    /// `POST /api/v1/session` as if from `address` (the app trusts the test client as a proxy).
    func signIn(_ name: String, _ password: String, from address: String) async throws -> TestResponse {
        try await send(
            .post, "/api/v1/session", json: #"{"name": "\#(name)", "password": "\#(password)"}"#,
            headers: [.forwardedFor: address])
    }
}

extension HTTPField.Name {
    static let forwardedFor = Self("X-Forwarded-For")!
}

extension ServerConfiguration {
    /// The test client has no socket, so its address is "unknown"; trusting it as a proxy lets
    /// each request say which client it stands for.
    static let behindTestProxy = ServerConfiguration(trustedProxies: ["unknown"])
}
