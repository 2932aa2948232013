import Broadsheet
import Foundation
import Hummingbird

/// `POST /api/v1/session`: a name and password for a token, for people at a newsroom tool;
/// `DELETE /api/v1/session`: signing that token out, or every token of the account.
///
/// The password is checked by `SignInCheck`, which the desk's sign-in shares.
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
        let user = try await SignInCheck(site: site).user(named: name, password: password, from: context.clientAddress)
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
        if everywhere {
            try await site.revokeEveryToken(of: user.name, by: context.attribution(user))
        } else if let used = try await site.store.token(withHash: Credentials.hash(token: token)) {
            try await site.store.revokeToken(id: used.id, by: context.attribution(user))
        }
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }
}
