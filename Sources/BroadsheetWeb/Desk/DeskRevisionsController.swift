import Broadsheet
import Foundation
import Hummingbird

/// `/desk/articles/{id}/revisions`: every stored version with who and when, any two side by side,
/// and an old one restored as a new revision (history is never rewritten).
struct DeskRevisionsController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: DeskAccess { DeskAccess(site: site) }

    func addRoutes(to desk: RouterGroup<Context>) {
        desk.get(SiteURL.desk(.revisions(.key)).route, use: list)
        desk.get(SiteURL.desk(.compareRevisions(.key)).route, use: compare)
        desk.post(SiteURL.desk(.restoreRevision(.key, .key)).route, use: restore)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        let (article, revisions) = try await history(context)
        let newest = revisions.last?.number ?? article.revision
        let model = DeskRevisionsModel(
            desk: DeskChrome(session, current: DeskPath.home, notice: DeskNotice.from(request)),
            id: article.id, headline: article.content.headline, editor_url: DeskPath.article(article.id),
            compare_url: DeskPath.compareRevisions(article.id),
            rows: revisions.reversed().map { revision in
                DeskRevisionRowModel(
                    number: revision.number, when: site.dates.text(Timestamp(revision.createdAt)),
                    by: revision.madeBy ?? "—", action: Self.describe(revision.action),
                    status: revision.status?.rawValue ?? "—", headline: revision.content.headline,
                    current: revision.number == newest,
                    restore_url: DeskPath.restore(article.id, revision.number))
            },
            from_options: options(revisions, selected: max(1, newest - 1)),
            to_options: options(revisions, selected: newest),
            may_restore: article.status != .retracted && session.may(.editDraft))
        return try site.deskPage(title: "Revisions of article \(article.id)", model)
    }

    /// `?from=N&to=M`: the two revisions field by field, words removed and added marked.
    @Sendable func compare(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        let (article, revisions) = try await history(context)
        let from = try revision(request.formParameters.get("from"), "from", in: revisions)
        let to = try revision(request.formParameters.get("to"), "to", in: revisions)
        let model = DeskCompareModel(
            desk: DeskChrome(session, current: DeskPath.home, notice: nil), id: article.id,
            headline: article.content.headline, from: from.number, to: to.number,
            from_label:
                "Revision \(from.number), \(site.dates.text(Timestamp(from.createdAt))) by \(from.madeBy ?? "—")",
            to_label: "Revision \(to.number), \(site.dates.text(Timestamp(to.createdAt))) by \(to.madeBy ?? "—")",
            rows: DeskComparison.rows(from: from.content, to: to.content),
            revisions_url: DeskPath.revisions(article.id))
        return try site.deskPage(title: "Revisions \(from.number) and \(to.number) of article \(article.id)", model)
    }

    /// The old copy saved again as the newest revision, through the workflow's edit rules.
    @Sendable func restore(_ request: Request, context: Context) async throws -> Response {
        let (session, _) = try await access.form(request, for: .editDraft)
        let (article, revisions) = try await history(context)
        let old = try revision(context.parameters.get("number"), "number", in: revisions)
        var content = old.content
        // The story keeps the identity it has now; only its copy goes back.
        content.source = article.content.source
        _ = try await site.store.change(
            articleID: article.id, .edit(content), expectedRevision: article.revision,
            by: context.attribution(session.user))
        site.cache.invalidateAll()
        return DeskRedirect.to(DeskNotice.restored.after(DeskPath.article(article.id)))
    }

    private func history(_ context: Context) async throws -> (Article, [Revision]) {
        let id = try articleID(context)
        guard let article = try await site.store.article(id: id) else {
            throw HTTPError(.notFound, message: "No article has id \(id).")
        }
        return (article, try await site.store.revisions(ofArticle: id))
    }

    private func revision(_ text: String?, _ name: String, in revisions: [Revision]) throws -> Revision {
        guard let text, let number = Int(text), let revision = revisions.first(where: { $0.number == number }) else {
            let range = revisions.isEmpty ? "none" : "1 to \(revisions.last!.number)"
            throw HTTPError(
                .badRequest, message: "\(name): expected a revision number (\(range)); found “\(text ?? "")”.")
        }
        return revision
    }

    private func options(_ revisions: [Revision], selected: Int) -> [DeskOptionModel] {
        revisions.reversed().map {
            DeskOptionModel(
                value: String($0.number), label: "Revision \($0.number) (\(Self.describe($0.action)))",
                selected: $0.number == selected)
        }
    }

    /// "article.edit" → "edit".
    static func describe(_ action: String?) -> String {
        guard let action else { return "—" }
        return action.hasPrefix("article.") ? String(action.dropFirst("article.".count)) : action
    }
}

/// `desk-revisions.mustache`.
struct DeskRevisionsModel: DeskContent {
    static let template = "desk-revisions"
    var desk: DeskChrome
    var id: Int64
    var headline: String
    var editor_url: String
    var compare_url: String
    var rows: [DeskRevisionRowModel]
    var from_options: [DeskOptionModel]
    var to_options: [DeskOptionModel]
    var may_restore: Bool
}

struct DeskRevisionRowModel {
    var number: Int
    var when: String
    var by: String
    var action: String
    var status: String
    var headline: String
    var current: Bool
    var restore_url: String
}

/// `desk-compare.mustache`.
struct DeskCompareModel: DeskContent {
    static let template = "desk-compare"
    var desk: DeskChrome
    var id: Int64
    var headline: String
    var from: Int
    var to: Int
    var from_label: String
    var to_label: String
    var rows: [DeskCompareRowModel]
    var revisions_url: String
}
