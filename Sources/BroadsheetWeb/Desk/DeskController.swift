import Broadsheet
import Foundation
import Hummingbird

/// `/desk`: signing in and out, and the list of the day's work.
///
/// The desk is another client of the same store calls as the newsroom API: every change goes
/// through `NewsroomWorkflow` and `WorkflowRules`, audited in the same transaction.
struct DeskController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: DeskAccess { DeskAccess(site: site) }
    static let perPage = 50

    func addRoutes(to desk: RouterGroup<Context>) {
        desk.get(SiteURL.desk(.home).route, use: home)
        desk.get(SiteURL.desk(.signIn).route, use: signInPage).post(SiteURL.desk(.signIn).route, use: signIn)
        desk.post(SiteURL.desk(.signOut).route, use: signOut)
    }

    @Sendable func signInPage(_ request: Request, context: Context) async throws -> Response {
        let next = DeskPath.safeNext(request.formParameters.get("next"))
        if try await access.session(request) != nil { return DeskRedirect.to(next) }
        return try site.deskPage(title: "Sign in", DeskSignInModel(next: next, name: "", error: nil))
    }

    /// Checks the password as the API does (same limits and lock-out), then starts a new session.
    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        let form = try await DeskForm.read(request, limit: BodyLimit.jsonLimit)
        let next = DeskPath.safeNext(form.text("next"))
        let name = form.text("name") ?? ""
        let password = form.fields["password"]?.first ?? ""
        guard !name.isEmpty, !password.isEmpty else {
            return try refused(name: name, next: next, "Enter your name and password.", status: .badRequest)
        }
        let user: User
        do {
            user = try await SignInCheck(site: site).user(named: name, password: password, from: context.clientAddress)
        } catch let error as APIError {
            var response = try refused(
                name: name, next: next, Self.sentence(error.message), status: error.status)
            response.headers.append(contentsOf: error.headers)
            return response
        }
        let cookie = try await access.start(
            for: user, replacing: try await access.session(request), by: context.attribution(user))
        var response = DeskRedirect.to(next)
        response.setCookie(cookie)
        return response
    }

    /// Ends this session, or with `everywhere` every session and token of the account.
    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request)
        if form.text("everywhere") == "true" {
            try await site.revokeEveryToken(of: session.user.name, by: context.attribution(session.user))
        } else if let stored = try await site.store.token(withHash: session.tokenHash) {
            try await site.store.revokeToken(id: stored.id, by: context.attribution(session.user))
        }
        var response = DeskRedirect.to(DeskPath.signInPage)
        response.setCookie(DeskSession.clearedCookie(secure: access.secureCookies))
        return response
    }

    /// The articles of one status (drafts first), narrowed by the filters; a contributor's own
    /// drafts come first.
    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        let filter = try DeskListFilter(request.formParameters, timeZone: site.publication.timeZone)
        var query = filter.query(user: session.user.name)
        query.limit = Self.perPage
        query.offset = (filter.page - 1) * Self.perPage
        var groups: [DeskRowGroupModel] = []
        var shown: Set<Int64> = []
        if filter.tab == .drafts, filter.page == 1, session.may(.publish) {
            // What reporters handed in comes first on an editor's list.
            var submitted: [ArticleSummary] = []
            for id in try await DeskSubmissions(store: site.store).submittedIDs().prefix(Self.perPage) {
                guard let article = try await site.store.article(id: id), article.status == .draft,
                    article.publishAt == nil
                else { continue }
                submitted.append(ArticleSummary(article))
            }
            if !submitted.isEmpty {
                shown = Set(submitted.map(\.id))
                groups.append(try await group("Submitted for review", submitted, filter.tab))
            }
        }
        if filter.tab == .drafts, session.user.role == .contributor, !filter.mine, filter.page == 1 {
            var own = query
            own.filedBy = session.user.name
            let items = try await site.store.articles(matching: own).items
            shown.formUnion(items.map(\.id))
            groups.append(try await group("Your drafts", items, filter.tab))
        }
        let list = try await site.store.articles(matching: query)
        groups.append(
            try await group(
                groups.isEmpty ? filter.tab.title : "All drafts", list.items.filter { !shown.contains($0.id) },
                filter.tab))
        var tabs: [DeskTabModel] = []
        for tab in DeskListFilter.Tab.allCases {
            var counted = filter
            counted.tab = tab
            let count = try await site.store.count(matching: counted.query(user: session.user.name))
            tabs.append(
                DeskTabModel(name: tab.title, url: counted.link(page: 1), count: count, current: tab == filter.tab))
        }
        let sections = try await site.store.sections()
        let model = DeskArticlesModel(
            desk: DeskChrome(session, current: DeskPath.home, notice: DeskNotice.from(request)),
            heading: filter.tab.title, tabs: tabs, q: filter.headline ?? "", author: filter.author?.rawValue ?? "",
            edition: filter.edition?.iso ?? "", mine: filter.mine, status: filter.tab.rawValue,
            sections: [DeskOptionModel(value: "", label: "Every section", selected: filter.section == nil)]
                + sections.map {
                    DeskOptionModel(
                        value: $0.term.slug.rawValue, label: $0.term.name, selected: $0.term.slug == filter.section)
                },
            groups: groups,
            newer: filter.page > 1 ? filter.link(page: filter.page - 1) : nil,
            older: list.nextCursor != nil ? filter.link(page: filter.page + 1) : nil)
        return try site.deskPage(title: filter.tab.title, model)
    }

    private func group(_ title: String, _ items: [ArticleSummary], _ tab: DeskListFilter.Tab) async throws
        -> DeskRowGroupModel
    {
        var rows: [DeskRowModel] = []
        for item in items {
            var label = tab == .published ? "Published" : "Filed"
            var when = site.dates.text(item.published)
            if tab == .scheduled, let publishAt = try await site.store.article(id: item.id)?.publishAt {
                label = "Publishes"
                when = site.dates.text(Timestamp(publishAt))
            }
            rows.append(
                DeskRowModel(
                    id: item.id, headline: item.headline, url: DeskPath.article(item.id), section: item.section.name,
                    byline: item.byline ?? "", edition: item.edition.date.iso,
                    page: item.edition.page.map { "p. \($0.number)" } ?? "", when_label: label, when: when,
                    lang: item.language, dir: PageContext.direction(of: item.language)))
        }
        return DeskRowGroupModel(title: title, rows: rows, empty: rows.isEmpty)
    }

    private func refused(name: String, next: String, _ message: String, status: HTTPResponse.Status) throws -> Response
    {
        try site.deskPage(
            title: "Sign in", DeskSignInModel(next: next, name: name, error: message), status: status)
    }

    /// "wrong name or password" → "Wrong name or password."
    static func sentence(_ message: String) -> String {
        guard let first = message.first else { return message }
        return first.uppercased() + message.dropFirst() + (message.hasSuffix(".") ? "" : ".")
    }
}

/// The list's filters as the address carries them, so a filtered list can be bookmarked and shared.
struct DeskListFilter {
    enum Tab: String, CaseIterable {
        case drafts, scheduled, published, retracted

        var title: String {
            switch self {
            case .drafts: "Drafts"
            case .scheduled: "Scheduled"
            case .published: "Published"
            case .retracted: "Retracted"
            }
        }
    }

    var tab: Tab = .drafts
    var headline: String?
    var section: Slug?
    var author: Slug?
    var edition: EditionDate?
    var mine = false
    var page = 1

    init(_ parameters: Parameters, timeZone: TimeZone) throws {
        if let text = parameters.get("status"), !text.isEmpty {
            guard let tab = Tab(rawValue: text) else {
                throw HTTPError(
                    .badRequest, message: "status: expected drafts, scheduled, published or retracted; found “\(text)”."
                )
            }
            self.tab = tab
        }
        headline = parameters.get("q").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        section = parameters.get("section").flatMap { $0.isEmpty ? nil : Slug(verbatim: $0) }
        author = parameters.get("author").flatMap { $0.isEmpty ? nil : Slug($0) }
        if let text = parameters.get("edition"), !text.isEmpty {
            guard let date = EditionDate(iso: text) else {
                throw HTTPError(.badRequest, message: "edition: expected a date like 2025-04-29; found “\(text)”.")
            }
            edition = date
        }
        mine = parameters.get("mine") == "true"
        if let text = parameters.get("page") {
            guard let number = Int(text), number >= 1, number <= 10_000 else {
                throw HTTPError(.badRequest, message: "page: expected a page number from 1; found “\(text)”.")
            }
            page = number
        }
    }

    func query(user: String) -> ArticleQuery {
        var query = ArticleQuery(section: section, author: author, edition: edition, status: nil)
        switch tab {
        case .drafts:
            query.status = .draft
            query.scheduled = false
        case .scheduled:
            query.status = .draft
            query.scheduled = true
        case .published: query.status = .published
        case .retracted: query.status = .retracted
        }
        query.headlineContains = headline
        if mine { query.filedBy = user }
        return query
    }

    func link(page: Int) -> String {
        var items = [URLQueryItem(name: "status", value: tab.rawValue)]
        if let headline { items.append(URLQueryItem(name: "q", value: headline)) }
        if let section { items.append(URLQueryItem(name: "section", value: section.rawValue)) }
        if let author { items.append(URLQueryItem(name: "author", value: author.rawValue)) }
        if let edition { items.append(URLQueryItem(name: "edition", value: edition.iso)) }
        if mine { items.append(URLQueryItem(name: "mine", value: "true")) }
        if page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
        var components = URLComponents()
        components.path = DeskPath.home
        components.queryItems = items
        return components.string ?? DeskPath.home
    }
}
