import Broadsheet
import Foundation
import Hummingbird

/// Accounts and tokens for admins: the same as `broadsheet users` and `broadsheet tokens`, from a
/// newsroom tool. Anyone signed in lists and revokes their own tokens. Every change is audited by
/// the store.
struct AccountsController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: NewsroomAccess { NewsroomAccess(store: site.store) }
    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.api(.users).route, use: users)
        router.post(SiteURL.api(.users).route, use: addUser)
        router.delete(SiteURL.api(.user(.key)).route, use: removeUser)
            .patch(SiteURL.api(.user(.key)).route, use: changeRole)
        router.get(SiteURL.api(.tokens).route, use: tokens)
        router.post(SiteURL.api(.tokens).route, use: createToken)
        router.delete(SiteURL.api(.token(.key)).route, use: revokeToken)
    }

    @Sendable func users(_ request: Request, context: Context) async throws -> PrivateJSON {
        _ = try await access.require(.manageAccounts, request)
        return try PrivateJSON(ItemsJSON(items: try await site.store.users().map(UserJSON.init)))
    }

    /// `{"name", "role", "password"?}`: without a password the account works with tokens only.
    @Sendable func addUser(_ request: Request, context: Context) async throws -> PrivateJSON {
        let admin = try await access.require(.manageAccounts, request)
        let body = try await OptionalBody(request, allowed: ["name", "role", "password"])
        guard let name = try body.string("name")?.trimmingCharacters(in: .whitespaces), User.isAcceptableName(name)
        else { throw APIError.badBody("name: required, one line of text without control characters") }
        let roleText = try body.string("role") ?? ""
        guard let role = Role(rawValue: roleText) else {
            throw APIError.badBody("role: expected admin, editor or contributor, found '\(roleText)'")
        }
        var hash: String?
        if let password = try body.string("password") {
            if let problem = Credentials.passwordProblem(password) { throw APIError.badBody("password: \(problem)") }
            hash = try await Credentials.hash(password: password)
        }
        let user = try await site.store.addUser(
            name: name, role: role, passwordHash: hash, by: context.attribution(admin))
        return try PrivateJSON(UserJSON(user: user), status: .created)
    }

    @Sendable func removeUser(_ request: Request, context: Context) async throws -> Response {
        let admin = try await access.require(.manageAccounts, request)
        let name = context.parameters.get("name") ?? ""
        guard name != admin.name else {
            throw APIError(status: .conflict, code: "conflict", message: "an admin cannot remove their own account")
        }
        try await site.store.removeUser(named: name, by: context.attribution(admin))
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    /// `{"role"}`: another role for an account, not the admin's own (the last admin keeps the keys).
    @Sendable func changeRole(_ request: Request, context: Context) async throws -> PrivateJSON {
        let admin = try await access.require(.manageAccounts, request)
        let name = context.parameters.get("name") ?? ""
        let body = try await OptionalBody(request, allowed: ["role"])
        let roleText = try body.string("role") ?? ""
        guard let role = Role(rawValue: roleText) else {
            throw APIError.badBody("role: expected admin, editor or contributor, found '\(roleText)'")
        }
        guard name != admin.name else {
            throw APIError(status: .conflict, code: "conflict", message: "an admin cannot change their own role")
        }
        try await site.store.changeRole(of: name, to: role, by: context.attribution(admin))
        guard let user = try await site.store.user(named: name) else {
            throw APIError.notFound("no account is named '\(name)'")
        }
        return try PrivateJSON(UserJSON(user: user))
    }

    /// Admins see every token; anyone else the tokens of their own account.
    @Sendable func tokens(_ request: Request, context: Context) async throws -> PrivateJSON {
        let user = try await access.signedIn(request)
        let tokens = try await site.store.tokens().filter { Self.may(user, manage: $0) }
        return try PrivateJSON(ItemsJSON(items: tokens.map(TokenJSON.init)))
    }

    /// `{"user", "label"?, "expires_in_days"?}`: the token is in the answer, and nowhere else, ever.
    @Sendable func createToken(_ request: Request, context: Context) async throws -> PrivateJSON {
        let admin = try await access.require(.manageAccounts, request)
        let body = try await OptionalBody(request, allowed: ["user", "label", "expires_in_days"])
        guard let name = try body.string("user") else { throw APIError.badBody("user: required") }
        let days = try body.integer("expires_in_days")
        if let days, !(1...3650).contains(days) {
            throw APIError.badBody("expires_in_days: expected 1 to 3650, found \(days)")
        }
        guard let user = try await site.store.user(named: name) else {
            throw APIError.notFound("no account is named '\(name)'")
        }
        let token = Credentials.newToken()
        let stored = try await site.store.addToken(
            NewToken(
                userName: user.name, label: try body.string("label") ?? "", hash: Credentials.hash(token: token),
                expiresAt: days.map { Date().addingTimeInterval(TimeInterval($0) * 86_400) }),
            by: context.attribution(admin))
        return try PrivateJSON(
            SessionJSON(
                token: token, tokenID: stored.id, user: user.name, role: user.role.rawValue,
                expiresAt: stored.expiresAt.map(DateDisplay.rfc3339)),
            status: .created)
    }

    /// Admins revoke any token; anyone else only their own: another's is a 404, as if it did not
    /// exist, so token ids say nothing about other accounts.
    @Sendable func revokeToken(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.signedIn(request)
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw APIError.notFound("there is no token \(context.parameters.get("id") ?? "")")
        }
        if !user.role.may(.manageAccounts) {
            guard let token = try await site.store.tokens().first(where: { $0.id == id }), Self.may(user, manage: token)
            else { throw APIError.notFound("\(user.name) holds no token \(id)") }
        }
        try await site.store.revokeToken(id: id, by: context.attribution(user))
        return Response(status: .noContent, headers: [.cacheControl: "no-store"])
    }

    static func may(_ user: User, manage token: APIToken) -> Bool {
        user.role.may(.manageAccounts) || token.userName == user.name
    }
}
