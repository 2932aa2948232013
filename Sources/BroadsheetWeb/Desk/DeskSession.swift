import Broadsheet
import Crypto
import Foundation
import Hummingbird

/// Who is signed in at the desk, and the form token every page of their session carries.
///
/// A desk session is a newsroom token like the API's, labelled `desk` and kept in an `HttpOnly`,
/// `SameSite=Strict` cookie, so signing out everywhere and the audit log treat both alike.
struct DeskSignedIn: Sendable {
    var user: User
    /// The SHA-256 of the session's token: what the store keys it by.
    var tokenHash: String
    /// Sent back by every form; a page of another site cannot read it, so cannot forge a form.
    var formToken: String

    func may(_ action: NewsroomAction) -> Bool { user.role.may(action) }
}

/// The desk session's cookie and form token.
enum DeskSession {
    static let cookieName = "broadsheet_desk"
    static let tokenLabel = "desk"
    /// How long a desk sign-in lasts: a working day and a bit.
    static let lifetime: TimeInterval = 12 * 3600
    static let formField = "_csrf"

    /// The form token of a session: derived from its token, so nothing more is stored, and
    /// useless without the cookie it came from.
    static func formToken(forTokenHash hash: String) -> String {
        let digest = SHA256.hash(data: Data("broadsheet desk form\u{0}\(hash)".utf8))
        return digest.prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    /// The cookie that carries `token`; `Secure` when the site is served over TLS.
    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(
            name: cookieName, value: token, maxAge: Int(lifetime), path: DeskPath.home, secure: secure, httpOnly: true,
            sameSite: .strict)
    }

    /// What a browser is told to forget at sign-out.
    static func clearedCookie(secure: Bool) -> Cookie {
        Cookie(
            name: cookieName, value: "", maxAge: 0, path: DeskPath.home, secure: secure, httpOnly: true,
            sameSite: .strict)
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the token.
    static func sameText(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// Asked for a desk page without a session: the desk sends the browser to sign in.
struct DeskSignInNeeded: Error {
    /// Where to come back to after signing in.
    var next: String
}

/// The desk's door: the session behind a request, and the form checks every change goes through.
struct DeskAccess {
    let site: Site

    /// Whether cookies must be `Secure`: the site's own address says it is served over TLS.
    var secureCookies: Bool { site.publication.baseURL.lowercased().hasPrefix("https://") }

    /// The session the request's cookie holds, if it is still good.
    func session(_ request: Request) async throws -> DeskSignedIn? {
        guard let token = request.cookies[DeskSession.cookieName]?.value, !token.isEmpty else { return nil }
        let hash = Credentials.hash(token: token)
        guard let user = try await site.store.user(holdingTokenHash: hash, at: Date()) else { return nil }
        return DeskSignedIn(user: user, tokenHash: hash, formToken: DeskSession.formToken(forTokenHash: hash))
    }

    /// The session, or a trip to the sign-in page that comes back here.
    func require(_ request: Request) async throws -> DeskSignedIn {
        guard let session = try await session(request) else {
            throw DeskSignInNeeded(next: request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
        }
        return session
    }

    /// The session and the form it posted, when the role may do `action` and the form carries the
    /// session's own token: 403 otherwise, naming which.
    func form(_ request: Request, for action: NewsroomAction? = nil) async throws -> (DeskSignedIn, DeskForm) {
        let session = try await require(request)
        let form = try await DeskForm.read(request)
        guard DeskSession.sameText(form.text(DeskSession.formField) ?? "", session.formToken) else {
            throw HTTPError(
                .forbidden,
                message:
                    "This form is out of date (it was opened in another session). Go back, reload the page and try again."
            )
        }
        if let action { try NewsroomAccess.check(session.user, may: action) }
        return (session, form)
    }

    /// Starts a session for `user`: a new token (the old one, if the browser held one, revoked, so
    /// a session fixed before sign-in is worthless) and its cookie.
    func start(for user: User, replacing old: DeskSignedIn?, by attribution: Attribution) async throws -> Cookie {
        if let old, let stored = try await site.store.token(withHash: old.tokenHash) {
            try await site.store.revokeToken(id: stored.id, by: attribution)
        }
        let token = Credentials.newToken()
        _ = try await site.store.addToken(
            NewToken(
                userName: user.name, label: DeskSession.tokenLabel, hash: Credentials.hash(token: token),
                expiresAt: Date().addingTimeInterval(DeskSession.lifetime)),
            by: attribution)
        return DeskSession.cookie(token, secure: secureCookies)
    }
}

/// Turns `DeskSignInNeeded` into a trip to the sign-in page, shows a refused or failed step on a
/// desk page that leads back to the desk, and keeps every desk answer out of shared caches:
/// desk pages are one person's. Server errors go on to `ErrorPageMiddleware`, which logs them.
struct DeskMiddleware<Context: RequestContext>: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let needed as DeskSignInNeeded {
            response = DeskRedirect.to(DeskPath.signIn(next: needed.next))
        } catch {
            // A server error goes on to ErrorPageMiddleware, which logs it.
            guard let refusal = ErrorPageMiddleware<Context>.refusal(error) else { throw error }
            response = try site.deskPage(
                title: refusal.status.reasonPhrase,
                DeskErrorModel(
                    status: Int(refusal.status.code), heading: Self.heading(refusal.status), message: refusal.message),
                status: refusal.status)
            response.headers.append(contentsOf: refusal.headers)
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private static func heading(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 403: "Not allowed"
        case 404: "Not found"
        case 409: "That cannot be done now"
        default: "That was not done"
        }
    }
}

/// `desk-error.mustache`.
struct DeskErrorModel: DeskContent {
    static let template = "desk-error"
    var status: Int
    var heading: String
    var message: String
}

/// The desk answers a form with a redirect (303): reloading the page that follows never posts again.
enum DeskRedirect {
    static func to(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
