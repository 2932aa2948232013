import Broadsheet
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// Sign-in against guessing and CPU burning: the failure budget is taken before bcrypt runs,
/// lock-outs are per account and address, and checks wait on a bounded pool.
@Suite("The sign-in budget", .timeLimit(.minutes(10)))
struct SignInBudgetTests {
    static let attacker = "203.0.113.7"
    static let newsroom = "198.51.100.20"

    @Test func twoHundredConcurrentGuessesCheckOnlyTheBudget() async throws {
        let clock = ManualSignInClock()
        let counted = CountedChecks()
        let policy = SignInPolicy()
        try await Newsroom.withApp(
            signInPolicy: policy, signInClock: clock.clock, passwordChecks: counted.checks(),
            configuration: .behindTestProxy
        ) { client, _, _ in
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for attempt in 0..<200 {
                    group.addTask { try await client.signIn("editor", "guess \(attempt)", from: Self.attacker) }
                }
                return try await group.reduce(into: [TestResponse]()) { $0.append($1) }
            }
            #expect(counted.count == policy.lockAfter, "only the budget reaches bcrypt: \(counted.count)")
            #expect(responses.filter { $0.status == .unauthorized }.count == policy.lockAfter)
            let refused = responses.filter { $0.status == .tooManyRequests }
            #expect(refused.count == 200 - policy.lockAfter)
            for response in refused.prefix(3) {
                #expect(try response.apiError()["code"] == "too_many_requests")
                #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 >= 1)
            }
            let locked = try await client.signIn("editor", Newsroom.password, from: Self.attacker)
            #expect(locked.status == .tooManyRequests, "that address is locked out of the account")
            let editor = try await client.signIn("editor", Newsroom.password, from: Self.newsroom)
            #expect(editor.status == .created, "the editor still signs in from elsewhere")
            #expect(counted.count == policy.lockAfter + 1)
        }
    }

    @Test func guessesSpreadOverAddressesLockTheAccountForAWhile() async throws {
        let clock = ManualSignInClock()
        let policy = SignInPolicy(
            slowAfter: 100, lockAfter: 5, lockAccountAfter: 6, lockAccountAddresses: 3, lockDuration: .seconds(600))
        try await Newsroom.withApp(
            signInPolicy: policy, signInClock: clock.clock, configuration: .behindTestProxy
        ) { client, _, _ in
            for address in ["192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.2"] {
                #expect(try await client.signIn("editor", "guess", from: address).status == .unauthorized)
            }
            let third = try await client.signIn("editor", "guess", from: "192.0.2.3")
            #expect(third.status == .unauthorized, "the sixth failure, from a third address")
            let locked = try await client.signIn("editor", Newsroom.password, from: Self.newsroom)
            #expect(locked.status == .tooManyRequests, "now the account is locked everywhere")
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 500)
            clock.advance(by: .seconds(601))
            let later = try await client.signIn("editor", Newsroom.password, from: Self.newsroom)
            #expect(later.status == .created, "the lock lasts a while, not for ever")
        }
    }

    @Test func failuresFromOneAddressLockItForEveryAccount() async throws {
        let clock = ManualSignInClock()
        let policy = SignInPolicy(slowAfter: 100, lockAddressAfter: 3, lockDuration: .seconds(60))
        try await Newsroom.withApp(
            signInPolicy: policy, signInClock: clock.clock, configuration: .behindTestProxy
        ) { client, _, _ in
            for name in ["admin", "nobody", "someone"] {
                #expect(try await client.signIn(name, "guess", from: Self.attacker).status == .unauthorized)
            }
            let locked = try await client.signIn("contributor", Newsroom.password, from: Self.attacker)
            #expect(locked.status == .tooManyRequests)
            #expect(try await client.signIn("contributor", Newsroom.password, from: Self.newsroom).status == .created)
            clock.advance(by: .seconds(61))
            #expect(try await client.signIn("contributor", Newsroom.password, from: Self.attacker).status == .created)
        }
    }

    @Test func repeatedFailuresAreAnsweredMoreSlowly() async throws {
        let clock = ManualSignInClock()
        let policy = SignInPolicy(
            slowAfter: 1, delay: .milliseconds(20), maximumDelay: .milliseconds(40), lockAfter: 4,
            lockDuration: .seconds(60))
        try await Newsroom.withApp(
            signInPolicy: policy, signInClock: clock.clock, configuration: .behindTestProxy
        ) { client, _, _ in
            for _ in 0..<4 {
                #expect(try await client.signIn("editor", "guess", from: Self.attacker).status == .unauthorized)
            }
            #expect(clock.pauses == [.milliseconds(20), .milliseconds(40), .milliseconds(40)])
            let locked = try await client.signIn("editor", Newsroom.password, from: Self.attacker)
            #expect(locked.status == .tooManyRequests, "locked even with the right password")
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 50)
            let other = try await client.signIn("contributor", Newsroom.password, from: Self.attacker)
            #expect(other.status == .created, "another account from the same address still signs in")
            let metrics = try await client.get("/metrics").text
            #expect(metrics.contains(#"broadsheet_sign_ins_total{outcome="locked"}"#), "operators see lock-outs")
        }
    }

    @Test func aFullQueueOfChecksIsRefusedAtOnce() async throws {
        let counted = CountedChecks(holding: true)
        let latch = try #require(counted.held)
        try await Newsroom.withApp(
            passwordChecks: counted.checks(PasswordChecks.Limits(concurrency: 1, queueLimit: 0)),
            configuration: .behindTestProxy
        ) { client, _, _ in
            async let held = client.signIn("editor", Newsroom.password, from: Self.newsroom)
            await latch.arrivals(1)
            let busy = try await client.signIn("admin", Newsroom.password, from: "192.0.2.9")
            #expect(busy.status == .tooManyRequests)
            #expect(try busy.apiError()["code"] == "too_many_requests")
            #expect(busy.headers[.retryAfter] == "2")
            await latch.open()
            #expect(try await held.status == .created)
            let again = try await client.signIn("admin", Newsroom.password, from: "192.0.2.9")
            #expect(again.status == .created, "a refused check costs the account nothing")
            #expect(counted.count == 2, "the refused one never reached bcrypt")
        }
    }
}

@Suite("The sign-in guard and the check pool", .timeLimit(.minutes(10)))
struct SignInGuardTests {
    @Test func guessedNamesAreForgottenOnceStale() async throws {
        let clock = ManualSignInClock()
        // One address guessing names for ever: its own lock is another test's business.
        let policy = SignInPolicy(slowAfter: 100, lockAddressAfter: .max, window: .seconds(1))
        let guardian = SignInGuard(policy: policy, clock: clock.clock)
        for batch in 0..<3 {
            for index in 0..<(SignInGuard.forgetAbove / 2) {
                guard
                    case .admitted(let ticket) = await guardian.admit(account: "guess-\(batch)-\(index)", address: "a")
                else { Issue.record("refused a fresh name"); return }
                _ = await guardian.failed(ticket)
            }
            clock.advance(by: .seconds(2))
        }
        let remembered = await guardian.remembered
        #expect(remembered <= SignInGuard.forgetAbove + 3, "15,000 guesses, bounded memory: \(remembered)")
    }

    @Test func aCheckThatWasNeverMadeGivesItsPlaceBack() async throws {
        let guardian = SignInGuard(policy: SignInPolicy(lockAfter: 1))
        guard case .admitted(let first) = await guardian.admit(account: "editor", address: "a") else {
            Issue.record("the first attempt is admitted")
            return
        }
        guard case .busy = await guardian.admit(account: "editor", address: "a") else {
            Issue.record("the budget of one is held by the first attempt")
            return
        }
        await guardian.abandoned(first)
        guard case .admitted(let second) = await guardian.admit(account: "editor", address: "a") else {
            Issue.record("the place was given back")
            return
        }
        _ = await guardian.failed(second)
        guard case .locked = await guardian.admit(account: "editor", address: "a") else {
            Issue.record("one failure locks with a budget of one")
            return
        }
    }

    @Test func theGateQueuesUpToItsLimitAndTurnsTheRestAway() async throws {
        let gate = AdmissionGate(concurrency: 1, queueLimit: 1)
        #expect(await gate.enter())
        async let queued = gate.enter()
        while await gate.occupancy.waiting < 1 { await Task.yield() }
        #expect(await gate.enter() == false, "one running, one waiting: full")
        await gate.leave()
        #expect(await queued, "the waiting one gets the place")
        let after = await gate.occupancy
        #expect(after.running == 1 && after.waiting == 0)
        await gate.leave()
        #expect(await gate.occupancy.running == 0)
    }
}
