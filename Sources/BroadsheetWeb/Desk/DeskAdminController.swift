import Broadsheet
import Foundation
import Hummingbird

/// `/desk/users` and `/desk/audit`: an admin's accounts, tokens and audit log, through the same
/// store calls (and the same audit lines) as the API's account routes.
struct DeskAdminController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: DeskAccess { DeskAccess(site: site) }
    /// Audit lines shown on one page, and read at most to fill it when filters are on.
    static let auditPage = 100
    static let auditScan = 5000

    func addRoutes(to desk: RouterGroup<Context>) {
        desk.get(SiteURL.desk(.users).route, use: users).post(SiteURL.desk(.users).route, use: addUser)
        desk.post(SiteURL.desk(.removeUser(.key)).route, use: removeUser)
        desk.post(SiteURL.desk(.changeRole(.key)).route, use: changeRole)
        desk.post(SiteURL.desk(.tokens).route, use: createToken)
        desk.post(SiteURL.desk(.revokeToken(.key)).route, use: revokeToken)
        desk.get(SiteURL.desk(.audit).route, use: audit)
    }

    @Sendable func users(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        try NewsroomAccess.check(session.user, may: .manageAccounts)
        return try await usersPage(session, request, problem: nil, newToken: nil)
    }

    @Sendable func addUser(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request, for: .manageAccounts)
        guard let name = form.text("name"), User.isAcceptableName(name) else {
            return try await usersPage(
                session, request, problem: "Name: required, one line of text without control characters.",
                newToken: nil)
        }
        guard let role = Role(rawValue: form.text("role") ?? "") else {
            return try await usersPage(
                session, request, problem: "Role: choose contributor, editor or admin.", newToken: nil)
        }
        var hash: String?
        if let password = form.fields["password"]?.first, !password.isEmpty {
            if let problem = Credentials.passwordProblem(password) {
                return try await usersPage(session, request, problem: "Password: \(problem).", newToken: nil)
            }
            hash = try await Credentials.hash(password: password)
        }
        do {
            _ = try await site.store.addUser(
                name: name, role: role, passwordHash: hash, by: context.attribution(session.user))
        } catch StoreError.conflict(let message) {
            return try await usersPage(session, request, problem: DeskController.sentence(message), newToken: nil)
        }
        return DeskRedirect.to(DeskNotice.userAdded.after(DeskPath.users))
    }

    @Sendable func removeUser(_ request: Request, context: Context) async throws -> Response {
        let (session, _) = try await access.form(request, for: .manageAccounts)
        let name = context.parameters.get("name") ?? ""
        guard name != session.user.name else {
            return try await usersPage(session, request, problem: "You cannot remove your own account.", newToken: nil)
        }
        try await site.store.removeUser(named: name, by: context.attribution(session.user))
        return DeskRedirect.to(DeskNotice.userRemoved.after(DeskPath.users))
    }

    /// Another role for an account; not one's own, so the last admin cannot lock the desk.
    @Sendable func changeRole(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request, for: .manageAccounts)
        let name = context.parameters.get("name") ?? ""
        guard name != session.user.name else {
            return try await usersPage(session, request, problem: "You cannot change your own role.", newToken: nil)
        }
        guard let role = Role(rawValue: form.text("role") ?? "") else {
            return try await usersPage(
                session, request, problem: "Role: choose contributor, editor or admin.", newToken: nil)
        }
        try await site.store.changeRole(of: name, to: role, by: context.attribution(session.user))
        return DeskRedirect.to(DeskNotice.roleChanged.after(DeskPath.users))
    }

    /// The token is shown on this one page and stored only as its hash.
    @Sendable func createToken(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request, for: .manageAccounts)
        guard let name = form.text("user"), let user = try await site.store.user(named: name) else {
            return try await usersPage(session, request, problem: "Token: choose an existing account.", newToken: nil)
        }
        var expires: Date?
        if let text = form.text("expires_in_days") {
            guard let days = Int(text), (1...3650).contains(days) else {
                return try await usersPage(
                    session, request, problem: "Expires in days: expected 1 to 3650; found “\(text)”.", newToken: nil)
            }
            expires = Date().addingTimeInterval(TimeInterval(days) * 86_400)
        }
        let token = Credentials.newToken()
        _ = try await site.store.addToken(
            NewToken(
                userName: user.name, label: form.text("label") ?? "", hash: Credentials.hash(token: token),
                expiresAt: expires),
            by: context.attribution(session.user))
        return try await usersPage(session, request, problem: nil, newToken: token, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: Context) async throws -> Response {
        let (session, _) = try await access.form(request, for: .manageAccounts)
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw HTTPError(.notFound, message: "There is no token \(context.parameters.get("id") ?? "").")
        }
        try await site.store.revokeToken(id: id, by: context.attribution(session.user))
        return DeskRedirect.to(DeskNotice.tokenRevoked.after(DeskPath.users))
    }

    /// The log newest first, narrowed by who, what and which article; `before` pages back.
    @Sendable func audit(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        try NewsroomAccess.check(session.user, may: .readAudit)
        let parameters = request.formParameters
        let actor = parameters.get("actor").flatMap { $0.isEmpty ? nil : $0 }
        let action = parameters.get("action").flatMap { $0.isEmpty ? nil : $0 }
        var article: Int64?
        if let text = parameters.get("article"), !text.isEmpty {
            guard let id = Int64(text) else {
                throw HTTPError(.badRequest, message: "article: expected an article id; found “\(text)”.")
            }
            article = id
        }
        var before = parameters.get("before").flatMap(Int64.init)
        var entries: [AuditEntry] = []
        var scanned = 0
        var exhausted = false
        while entries.count < Self.auditPage, scanned < Self.auditScan {
            let batch = try await site.store.auditLog(limit: 200, before: before)
            scanned += batch.count
            for entry in batch
            where (actor == nil || entry.actor == actor) && (action == nil || entry.action.hasPrefix(action!))
                && (article == nil || entry.articleID == article)
            {
                entries.append(entry)
                if entries.count == Self.auditPage { break }
            }
            before = entries.count == Self.auditPage ? entries.last?.id : batch.last?.id
            if batch.count < 200 {
                exhausted = true
                break
            }
        }
        var older: String?
        if !exhausted, let before {
            var components = URLComponents()
            components.path = DeskPath.audit
            components.queryItems = [
                actor.map { URLQueryItem(name: "actor", value: $0) },
                action.map { URLQueryItem(name: "action", value: $0) },
                article.map { URLQueryItem(name: "article", value: String($0)) },
                URLQueryItem(name: "before", value: String(before)),
            ].compactMap { $0 }
            older = components.string
        }
        let model = DeskAuditModel(
            desk: DeskChrome(session, current: DeskPath.audit, notice: nil), actor: actor ?? "", action: action ?? "",
            article: article.map(String.init) ?? "",
            rows: entries.map { entry in
                DeskAuditRowModel(
                    when: site.dates.text(Timestamp(entry.at)), actor: entry.actor, action: entry.action,
                    article: entry.articleID.map(String.init) ?? "",
                    article_url: entry.articleID.map { DeskPath.article($0) }, address: entry.address ?? "",
                    detail: entry.detail)
            },
            empty: entries.isEmpty, older: older)
        return try site.deskPage(title: "Audit log", model)
    }

    private func usersPage(
        _ session: DeskSignedIn, _ request: Request, problem: String?, newToken: String?,
        status: HTTPResponse.Status? = nil
    ) async throws -> Response {
        let now = Date()
        let users = try await site.store.users()
        let model = DeskUsersModel(
            desk: DeskChrome(session, current: DeskPath.users, notice: DeskNotice.from(request)), problem: problem,
            new_token: newToken,
            users: users.map { user in
                DeskUserRowModel(
                    name: user.name, role: user.role.rawValue,
                    signs_in: user.passwordHash == nil ? "tokens only" : "password and tokens",
                    since: site.dates.text(Timestamp(user.createdAt, precision: .day)),
                    remove_url: DeskPath.removeUser(user.name), role_url: DeskPath.changeRole(user.name),
                    roles: Role.allCases.map {
                        DeskOptionModel(value: $0.rawValue, label: $0.rawValue, selected: $0 == user.role)
                    },
                    is_self: user.name == session.user.name)
            },
            user_names: users.map(\.name),
            tokens: try await site.store.tokens().map { token in
                DeskTokenRowModel(
                    id: token.id, user: token.userName, label: token.label.isEmpty ? "—" : token.label,
                    created: site.dates.text(Timestamp(token.createdAt)),
                    expires: token.expiresAt.map { site.dates.text(Timestamp($0)) } ?? "never",
                    state: token.revokedAt != nil ? "revoked" : (token.isValid(at: now) ? "active" : "expired"),
                    active: token.isValid(at: now), revoke_url: DeskPath.revokeToken(token.id))
            })
        let answerStatus: HTTPResponse.Status = status ?? (problem == nil ? .ok : .unprocessableContent)
        return try site.deskPage(title: "Users and tokens", model, status: answerStatus)
    }
}

/// `desk-users.mustache`.
struct DeskUsersModel: DeskContent {
    static let template = "desk-users"
    var desk: DeskChrome
    var problem: String?
    var new_token: String?
    var users: [DeskUserRowModel]
    var user_names: [String]
    var tokens: [DeskTokenRowModel]
}

struct DeskUserRowModel {
    var name: String
    var role: String
    var signs_in: String
    var since: String
    var remove_url: String
    var role_url: String
    var roles: [DeskOptionModel]
    var is_self: Bool
}

struct DeskTokenRowModel {
    var id: Int64
    var user: String
    var label: String
    var created: String
    var expires: String
    var state: String
    var active: Bool
    var revoke_url: String
}

/// `desk-audit.mustache`.
struct DeskAuditModel: DeskContent {
    static let template = "desk-audit"
    var desk: DeskChrome
    var actor: String
    var action: String
    var article: String
    var rows: [DeskAuditRowModel]
    var empty: Bool
    var older: String?
}

struct DeskAuditRowModel {
    var when: String
    var actor: String
    var action: String
    var article: String
    var article_url: String?
    var address: String
    var detail: String
}
