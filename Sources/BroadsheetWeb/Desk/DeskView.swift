import Broadsheet
import Foundation
import Hummingbird
import Mustache

/// A desk page's own model: a plain struct whose field names are the names its template reads.
protocol DeskContent {
    static var template: String { get }
}

/// A desk model as its template reads it: its fields, and its nested models' fields, turned
/// into dictionaries once per page. Mustache looks a name up at every tag, falling back through
/// the enclosing models; looking each up by reflection cost most of a desk page's time.
struct DeskPageFields<Content: DeskContent>: PageContent {
    static var template: String { Content.template }
    let fields: [String: Any]

    init(_ content: Content) {
        fields = DeskReflection.rendered(content) as? [String: Any] ?? [:]
    }

    func child(named name: String) -> Any? { fields[name] }
}

enum DeskReflection {
    /// What an absent optional is in a rendered model: found, and empty, so mustache does not look
    /// the name up again in an enclosing model that happens to have a field of that name.
    static var absent: Maybe<String> { nil }

    /// A struct as a dictionary of its fields, a list as a list, an optional as its value or
    /// `absent`; text, numbers and flags as they are.
    static func rendered(_ value: Any) -> Any {
        switch value {
        case is String, is Int, is Int64, is Bool, is Double: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional: return mirror.children.first.map { rendered($0.value) } ?? absent
        case .struct:
            var fields: [String: Any] = [:]
            for case (let label?, let field) in mirror.children { fields[label] = rendered(field) }
            return fields
        case .collection: return mirror.children.map { rendered($0.value) }
        default: return value
        }
    }
}

/// What every signed-in desk page shows around its content: who is signed in, the desk's
/// sections, the form token its forms send back, and a notice after a change.
struct DeskChrome {
    var user: String
    var role: String
    var csrf: String
    var nav: [NavItemModel]
    var notice: String
    var has_notice: Bool
    var is_admin: Bool

    /// `current`: the navigation entry this page belongs to.
    init(_ session: DeskSignedIn, current: String, notice: String?) {
        user = session.user.name
        role = session.user.role.rawValue
        csrf = session.formToken
        let isAdmin = session.user.role == .admin
        is_admin = isAdmin
        nav = Self.entries.filter { !$0.adminOnly || isAdmin }.map {
            NavItemModel(name: $0.name, url: $0.url, current: $0.url == current)
        }
        self.notice = notice ?? ""
        has_notice = notice != nil
    }

    private static let entries: [(name: String, url: String, adminOnly: Bool)] = [
        ("Articles", DeskPath.home, false), ("Write", DeskPath.newArticle, false),
        ("Editions", DeskPath.editions, false),
        ("Users", DeskPath.users, true), ("Audit log", DeskPath.audit, true),
    ]
}

/// The desk's links, written from the route table (`DeskRoute`).
enum DeskPath {
    static let home = SiteURL.desk(.home).path
    static let signInPage = SiteURL.desk(.signIn).path
    static let newArticle = SiteURL.desk(.newArticle).path
    static let articles = SiteURL.desk(.articles).path
    static let editions = SiteURL.desk(.editions).path
    static let users = SiteURL.desk(.users).path
    static let audit = SiteURL.desk(.audit).path

    static func signIn(next: String) -> String {
        guard next != home, next.hasPrefix(home) else { return signInPage }
        return signInPage + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    static func article(_ id: Int64) -> String { SiteURL.desk(.article(.value(id))).path }
    static func step(_ id: Int64, _ step: DeskStep) -> String { SiteURL.desk(.step(.value(id), step)).path }
    static func revisions(_ id: Int64) -> String { SiteURL.desk(.revisions(.value(id))).path }
    static func compareRevisions(_ id: Int64) -> String { SiteURL.desk(.compareRevisions(.value(id))).path }
    static func restore(_ id: Int64, _ number: Int) -> String {
        SiteURL.desk(.restoreRevision(.value(id), .value(number))).path
    }
    static func edition(_ date: EditionDate) -> String { SiteURL.desk(.edition(.value(date))).path }
    static func moveStory(_ date: EditionDate) -> String { SiteURL.desk(.moveStory(.value(date))).path }
    static func removeUser(_ name: String) -> String { SiteURL.desk(.removeUser(.value(name))).path }
    static func changeRole(_ name: String) -> String { SiteURL.desk(.changeRole(.value(name))).path }
    static func revokeToken(_ id: Int64) -> String { SiteURL.desk(.revokeToken(.value(id))).path }

    /// A local desk address to return to after signing in; anything else goes home.
    static func safeNext(_ text: String?) -> String {
        guard let text, text.hasPrefix(home), !text.hasPrefix("//"), !text.contains("\\") else { return home }
        return text
    }
}

/// What a change tells the person who made it on the page that follows (`?done=`). Only these
/// texts are shown, so a link cannot put words of its own on a desk page.
enum DeskNotice: String, CaseIterable {
    case saved, created, published, scheduled, unpublished, retracted, corrected, submitted, restored, moved
    case userAdded = "user-added", userRemoved = "user-removed", roleChanged = "role-changed"
    case tokenRevoked = "token-revoked"
    case signedIn = "signed-in"

    var text: String {
        switch self {
        case .saved: "Saved as a new revision."
        case .created: "The draft is filed."
        case .published: "Published: readers can see it now."
        case .scheduled: "Scheduled: it will be published at the time shown."
        case .unpublished: "Unpublished: it is a draft again, off the site."
        case .retracted: "Retracted."
        case .corrected: "The note is published with the article."
        case .submitted: "Submitted to the editors."
        case .restored: "The old revision is restored as a new one."
        case .moved: "The page plan is changed."
        case .userAdded: "The account is added."
        case .userRemoved: "The account is removed."
        case .roleChanged: "The account's role is changed."
        case .tokenRevoked: "The token is revoked."
        case .signedIn: "Signed in."
        }
    }

    static func from(_ request: Request) -> String? {
        request.uri.queryParameters.get("done").flatMap(DeskNotice.init(rawValue:))?.text
    }

    func after(_ path: String) -> String {
        path + (path.contains("?") ? "&" : "?") + "done=" + rawValue
    }
}

extension Site {
    /// A desk page, rendered into a private answer.
    func deskPage<Content: DeskContent>(title: String, _ content: Content, status: HTTPResponse.Status = .ok) throws
        -> Response
    {
        var layout = PageContext(site: self).bareLayout(title: "\(title) — Desk")
        layout.page.title = "\(title) — \(publication.name) desk"
        let html = try theme.render(PageModel(layout: layout, content: DeskPageFields(content)))
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
