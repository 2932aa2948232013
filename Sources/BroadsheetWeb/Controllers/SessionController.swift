import Broadsheet
import Foundation
import Hummingbird
import Metrics

/// `POST /api/v1/session`: a name and password for a token, for people at a newsroom tool;
/// `DELETE /api/v1/session`: signing that token out, or every token of the account.
///
/// Each attempt takes its place in the failure budget before its password is checked, and
/// failures slow the answers down and then lock the address or the account out for a while
/// (`SignInGuard`); the check itself waits for a place on a bounded pool (`PasswordChecks`). A
/// missing account costs as much time as a wrong password.
struct SessionController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: NewsroomAccess { NewsroomAccess(store: site.store) }
    /// How long a signed-in session's token lasts.
    static let lifetime: TimeInterval = 12 * 3600

    func addRoutes(to router: Router<Context>) {
        router.post(SiteURL.api(.session).route, use: signIn).delete(SiteURL.api(.session).route, use: signOut)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> PrivateJSON {
        let body = try await OptionalBody(request, allowed: ["name", "password", "label"])
        guard let name = try body.string("name"), let password = try body.string("password") else {
            throw APIError.badBody("expected {\"name\": ..., \"password\": ...}")
        }
        let ticket = try await admit(name, from: context.clientAddress)
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
        let token = Credentials.newToken()
        let expires = Date().addingTimeInterval(Self.lifetime)
        let label = try body.string("label") ?? "session"
        let stored = try await site.store.addToken(
            NewToken(userName: user.name, label: label, hash: Credentials.hash(token: token), expiresAt: expires),
            by: context.attribution(user))
        return try PrivateJSON(
            SessionJSON(
                token: token, tokenID: stored.id, user: user.name, role: user.role.rawValue,
                expiresAt: DateDisplay.rfc3339(expires)),
            status: .created)
    }

    /// Revokes the token the request carries; with `?everywhere=true`, every token its account
    /// holds (scripts' too), for a lost laptop or a leaked token. Each revocation is audited.
    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.signedIn(request)
        let token = NewsroomAccess.bearerToken(request) ?? ""
        let everywhere: Bool
        switch request.uri.queryParameters.get("everywhere") {
        case nil, "false"?: everywhere = false
        case "true"?: everywhere = true
        case let other?: throw APIError.badParameter("everywhere", "expected true or false, found '\(other)'")
        }
        var revoked: [APIToken]
        if everywhere {
            let now = Date()
            revoked = try await site.store.tokens().filter { $0.userName == user.name && $0.isValid(at: now) }
        } else {
            revoked = []
            if let used = try await site.store.token(withHash: Credentials.hash(token: token)) { revoked.append(used) }
        }
        for stored in revoked {
            try await site.store.revokeToken(id: stored.id, by: context.attribution(user))
        }
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
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
