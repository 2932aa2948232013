import Broadsheet
import Foundation
import Metrics

/// The one check behind every sign-in, the API's and the desk's: the attempt takes its place in
/// the failure budget before its password is checked; failures slow the answers down and then
/// lock the address or the account out for a while (`SignInGuard`); the check itself waits for a
/// place on a bounded pool (`PasswordChecks`). A missing account costs as much time as a wrong
/// password.
struct SignInCheck {
    let site: Site

    /// The account, when the password is its own; else a 401, or a 429 that says how long to wait.
    func user(named name: String, password: String, from address: String) async throws -> User {
        let ticket = try await admit(name, from: address)
        let user: User?
        let matches: Bool
        do {
            user = try await site.store.user(named: name)
            matches = try await site.passwordChecks.verify(password: password, hash: user?.passwordHash)
        } catch {
            // Nothing was checked, so nothing is counted against the account.
            await site.signIn.abandoned(ticket)
            guard error is PasswordChecks.Busy else { throw error }
            Self.count("busy")
            throw Self.tooManyRequests("the server is checking too many sign-ins; try again in 2 seconds", after: 2)
        }
        guard matches, let user else {
            Self.count("failed")
            let pause = await site.signIn.failed(ticket)
            if pause > .zero { try await site.signIn.clock.sleep(pause) }
            throw APIError.unauthorized("wrong name or password")
        }
        await site.signIn.succeeded(ticket)
        Self.count("succeeded")
        return user
    }

    /// The attempt's place in the failure budget, or the 429 that says how long to wait.
    private func admit(_ name: String, from address: String) async throws -> SignInGuard.Ticket {
        switch await site.signIn.admit(account: name, address: address) {
        case .admitted(let ticket):
            return ticket
        case .locked(let wait):
            Self.count("locked")
            let seconds = max(1, Int(wait.components.seconds) + 1)
            throw Self.tooManyRequests("too many failed sign-ins; try again in \(seconds) seconds", after: seconds)
        case .busy:
            Self.count("locked")
            throw Self.tooManyRequests("sign-ins for this account are being checked; try again in 1 second", after: 1)
        }
    }

    private static func tooManyRequests(_ message: String, after seconds: Int) -> APIError {
        APIError(
            status: .tooManyRequests, code: "too_many_requests", message: message,
            headers: [.retryAfter: String(seconds)])
    }

    private static func count(_ outcome: String) {
        Counter(label: "broadsheet_sign_ins_total", dimensions: [("outcome", outcome)]).increment()
    }
}

extension Site {
    /// Revokes `userName`'s tokens that still let someone in (scripts' and desk sessions' alike),
    /// each audited: signing out everywhere.
    func revokeEveryToken(of userName: String, by attribution: Attribution) async throws {
        let now = Date()
        for token in try await store.tokens() where token.userName == userName && token.isValid(at: now) {
            try await store.revokeToken(id: token.id, by: attribution)
        }
    }
}
