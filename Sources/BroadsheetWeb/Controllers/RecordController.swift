import Broadsheet
import Foundation
import Hummingbird

/// The newsroom's record: every revision of an article, the difference between two, and the
/// audit log.
struct RecordController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: NewsroomAccess { NewsroomAccess(store: site.store) }

    func addRoutes(to router: Router<Context>) {
        router.get(SiteURL.api(.revisions(.key)).route, use: revisions)
        router.get(SiteURL.api(.revision(.key, .key)).route, use: revision)
        router.get(SiteURL.api(.revisionDiff(.key, .key)).route, use: difference)
        router.get(SiteURL.api(.audit).route, use: audit)
    }

    @Sendable func revisions(_ request: Request, context: Context) async throws -> PrivateJSON {
        _ = try await access.require(.readUnpublished, request)
        let (_, revisions) = try await record(context)
        return try PrivateJSON(ItemsJSON(items: revisions.map(RevisionSummaryJSON.init)))
    }

    @Sendable func revision(_ request: Request, context: Context) async throws -> PrivateJSON {
        _ = try await access.require(.readUnpublished, request)
        let (article, revisions) = try await record(context)
        let revision = try find(revisions, context.parameters.get("number"), name: "number")
        return try PrivateJSON(
            RevisionJSON(record: RevisionSummaryJSON(revision), article: json(of: revision, in: article)))
    }

    /// `?against=m` (default: the revision before): `{"from", "to", "changes": [{"field", "from", "to"}]}`,
    /// field by field in the article JSON's names, values as each revision had them.
    @Sendable func difference(_ request: Request, context: Context) async throws -> PrivateJSON {
        _ = try await access.require(.readUnpublished, request)
        let (article, revisions) = try await record(context)
        let newer = try find(revisions, context.parameters.get("number"), name: "number")
        let against = request.formParameters.get("against") ?? String(newer.number - 1)
        let older = try find(revisions, against, name: "against")
        let before = try fields(of: json(of: older, in: article))
        let after = try fields(of: json(of: newer, in: article))
        var changes: [[String: Any]] = []
        for field in RevisionDifference.fields {
            let old = before[field] ?? NSNull()
            let new = after[field] ?? NSNull()
            if try !RevisionDifference.same(old, new) {
                changes.append(["field": field, "from": old, "to": new])
            }
        }
        return try PrivateJSON(object: ["from": older.number, "to": newer.number, "changes": changes])
    }

    /// `?limit=` (≤ 100, default 50) and `?before=` an entry id: newest first.
    @Sendable func audit(_ request: Request, context: Context) async throws -> PrivateJSON {
        _ = try await access.require(.readAudit, request)
        let parameters = request.formParameters
        var limit = 50
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...100).contains(value) else {
                throw APIError.badParameter("limit", "expected a whole number from 1 to 100, found '\(text)'")
            }
            limit = value
        }
        var before: Int64?
        if let text = parameters.get("before") {
            guard let value = Int64(text), value > 0 else {
                throw APIError.badParameter("before", "expected an entry id (next_cursor), found '\(text)'")
            }
            before = value
        }
        let entries = try await site.store.auditLog(limit: limit, before: before)
        let next = entries.count == limit ? entries.last.map { String($0.id) } : nil
        return try PrivateJSON(ListJSON(items: entries.map(AuditEntryJSON.init), nextCursor: next))
    }

    private func record(_ context: Context) async throws -> (Article, [Revision]) {
        let id = try articleID(context)
        guard let article = try await site.store.article(id: id) else {
            throw APIError.notFound("no article has id \(id)")
        }
        return (article, try await site.store.revisions(ofArticle: id))
    }

    private func find(_ revisions: [Revision], _ text: String?, name: String) throws -> Revision {
        guard let text, let number = Int(text) else {
            throw APIError.badParameter(name, "expected a revision number, found '\(text ?? "")'")
        }
        guard let revision = revisions.first(where: { $0.number == number }) else {
            throw APIError.notFound("the article has revisions 1 to \(revisions.count); there is no \(number)")
        }
        return revision
    }

    /// The article JSON of a past revision: its copy, number and status, today's corrections aside.
    private func json(of revision: Revision, in article: Article) -> ArticleJSON {
        let past = Article(
            id: article.id, slug: Slug(revision.content.headline), status: revision.status ?? article.status,
            revision: revision.number, content: revision.content)
        return ArticleJSON(article: past, publication: site.publication)
    }

    private func fields(of json: ArticleJSON) throws -> [String: Any] {
        let data = try APIJSON.encoder.encode(json)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

/// Which fields a difference of revisions compares, and how two JSON values are the same.
enum RevisionDifference {
    static let fields = [
        "status", "headline", "summary", "byline", "authors", "dateline", "body", "section", "topics", "language",
        "published_at", "updated_at", "edition", "source", "slug",
    ]

    static func same(_ lhs: Any, _ rhs: Any) throws -> Bool {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .fragmentsAllowed]
        return try JSONSerialization.data(withJSONObject: lhs, options: options)
            == JSONSerialization.data(withJSONObject: rhs, options: options)
    }
}
