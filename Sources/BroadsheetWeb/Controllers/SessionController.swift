import Broadsheet
import Foundation
import Hummingbird
import Metrics

/// `POST /api/v1/session`: a name and password for a token, for people at a newsroom tool.
///
/// Failures slow the answers down and then lock the account, or the client's address, for a
/// while (`SignInGuard`); a missing account costs as much time as a wrong password.
struct SessionController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    /// How long a signed-in session's token lasts.
    static let lifetime: TimeInterval = 12 * 3600

    func addRoutes(to router: Router<Context>) {
        router.group("/api/v1").post("/session", use: signIn)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> PrivateJSON {
        let body = try await OptionalBody(request, allowed: ["name", "password", "label"])
        guard let name = try body.string("name"), let password = try body.string("password") else {
            throw APIError.badBody("expected {\"name\": ..., \"password\": ...}")
        }
        let address = context.clientAddress
        if let wait = await site.signIn.lockedFor(account: name, address: address) {
            Counter(label: "broadsheet_sign_ins_total", dimensions: [("outcome", "locked")]).increment()
            let seconds = max(1, Int(wait.components.seconds) + 1)
            throw APIError(
                status: .tooManyRequests, code: "too_many_requests",
                message: "too many failed sign-ins; try again in \(seconds) seconds",
                headers: [.retryAfter: String(seconds)])
        }
        let user = try await site.store.user(named: name)
        guard await Credentials.verify(password: password, hash: user?.passwordHash), let user else {
            Counter(label: "broadsheet_sign_ins_total", dimensions: [("outcome", "failed")]).increment()
            let pause = await site.signIn.failed(account: name, address: address)
            if pause > .zero { try await Task.sleep(for: pause) }
            throw APIError.unauthorized("wrong name or password")
        }
        await site.signIn.succeeded(account: name)
        Counter(label: "broadsheet_sign_ins_total", dimensions: [("outcome", "succeeded")]).increment()
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
}
