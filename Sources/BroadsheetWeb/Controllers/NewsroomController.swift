import Broadsheet
import Foundation
import Hummingbird

/// The write side of the API: creating, editing and moving articles through the workflow.
///
/// Every handler checks the token and role first, writes through one store call (which audits
/// it in the same transaction), drops the page cache, and answers `no-store`.
struct NewsroomController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: NewsroomAccess { NewsroomAccess(store: site.store) }

    func addRoutes(to router: Router<Context>) {
        router.post(SiteURL.api(.articles).route, use: create)
        router.patch(SiteURL.api(.article(.key)).route, use: edit)
        router.delete(SiteURL.api(.article(.key)).route, use: retract)
        router.post(SiteURL.api(.publish(.key)).route, use: publish)
        router.post(SiteURL.api(.unpublish(.key)).route, use: unpublish)
        router.post(SiteURL.api(.corrections(.key)).route, use: correct)
    }

    /// Our article JSON makes one article; any other content type is an import batch for those
    /// who may import, and one story filed as a draft for a contributor (`SingleArticleImport`).
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        guard MediaType.isJSON(request) else {
            let user = try await access.require(.createDraft, request)
            guard user.role.may(.importBatch) else {
                let article = try await SingleArticleImport(site: site).file(request, by: context.attribution(user))
                return try written(article, status: .created, location: SiteURL.api(.article(.value(article.id))).path)
                    .response(from: request, context: context)
            }
            return try await ImportController(site: site).importBatch(request, context: context)
        }
        let user = try await access.require(.createDraft, request)
        let input = try ArticleInput(
            try await BodyLimit.read(request, limit: BodyLimit.jsonLimit), allowed: Set(ArticleInput.writable))
        let status = try input.status()
        if status == .published { try NewsroomAccess.check(user, may: .publish) }
        // A source URI claims a story's identity for imports: a contributor's draft must not
        // hold a partner's guid and so block the partner's story.
        if input.has("source") { try NewsroomAccess.check(user, may: .importBatch) }
        let content = try input.newContent(publication: site.publication, now: Date())
        let article = try await site.store.create(content, status: status, by: context.attribution(user))
        return try written(article, status: .created, location: SiteURL.api(.article(.value(article.id))).path)
            .response(from: request, context: context)
    }

    /// A partial edit. With `If-Match`, only when the article is still what the client last saw.
    @Sendable func edit(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.require(.editDraft, request)
        // Whether this role may edit the article as it stands is decided inside the store's
        // transaction (WorkflowRules), so a publish between this read and the write cannot slip by.
        let article = try await stored(context)
        let input = try ArticleInput(
            try await BodyLimit.read(request, limit: BodyLimit.jsonLimit), allowed: ArticleInput.patchable)
        var expectedRevision: Int?
        if let ifMatch = request.headers[.ifMatch] {
            let current = try PrivateJSON(ArticleJSON(article: article, publication: site.publication)).entityTag
            guard EntityTagList(ifMatch).matches(current) else {
                throw APIError.preconditionFailed(
                    "article \(article.id) changed since that version (now revision \(article.revision), "
                        + "ETag \(current)); read it again and reapply your edit")
            }
            expectedRevision = article.revision
        }
        let content = try input.applied(to: article.content, publication: site.publication)
        do {
            let changed = try await site.store.change(
                articleID: article.id, .edit(content), expectedRevision: expectedRevision, by: context.attribution(user)
            )
            return try written(changed).response(from: request, context: context)
        } catch StoreError.conflict(let message) where expectedRevision != nil {
            throw APIError.preconditionFailed(message)
        }
    }

    /// Now, or `{"publish_at": RFC 3339}` later (202: the scheduler publishes it then).
    @Sendable func publish(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.require(.publish, request)
        let id = try articleID(context)
        let body = try await OptionalBody(request, allowed: ["publish_at"])
        if let text = try body.string("publish_at") {
            guard let date = RFC3339.date(text) else {
                throw APIError.badBody(
                    "publish_at: expected an RFC 3339 time like 2025-04-29T03:00:00Z, found '\(text)'")
            }
            guard ArchiveTime.contains(date) else {
                throw APIError.badBody(TimeOutOfRange(field: "publish_at", instant: date).description)
            }
            if date > Date() {
                let article = try await site.store.change(
                    articleID: id, .schedule(date), expectedRevision: nil, by: context.attribution(user))
                return try PrivateJSON(
                    ScheduleJSON(id: article.id, status: article.status.rawValue, publishAt: DateDisplay.rfc3339(date)),
                    status: .accepted
                ).response(from: request, context: context)
            }
        }
        return try await apply(.publish, to: id, user: user, request, context)
    }

    @Sendable func unpublish(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.require(.unpublish, request)
        _ = try await OptionalBody(request, allowed: [])
        return try await apply(.unpublish, to: try articleID(context), user: user, request, context)
    }

    /// Off the site; a published story leaves `{"note": ...}` (or a plain notice) for readers.
    @Sendable func retract(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.require(.retract, request)
        let body = try await OptionalBody(request, allowed: ["note"])
        let note = try body.string("note").flatMap { $0.isEmpty ? nil : $0 } ?? "This article has been retracted."
        return try await apply(.retract(note: note), to: try articleID(context), user: user, request, context)
    }

    /// `{"text": ..., "kind": "correction" | "clarification"}`: a dated public note.
    @Sendable func correct(_ request: Request, context: Context) async throws -> Response {
        let user = try await access.require(.correct, request)
        let body = try await OptionalBody(request, allowed: ["text", "kind"])
        guard let text = try body.string("text") else { throw APIError.badBody("text: required") }
        let kindText = try body.string("kind") ?? "correction"
        guard let kind = Correction.Kind(rawValue: kindText) else {
            throw APIError.badBody("kind: expected correction or clarification, found '\(kindText)'")
        }
        let id = try articleID(context)
        let article = try await site.store.change(
            articleID: id, .correct(kind, text: text), expectedRevision: nil, by: context.attribution(user))
        return try written(article, status: .created).response(from: request, context: context)
    }

    private func apply(
        _ change: ArticleChange, to id: Int64, user: User, _ request: Request, _ context: Context
    ) async throws -> Response {
        let article = try await site.store.change(
            articleID: id, change, expectedRevision: nil, by: context.attribution(user))
        return try written(article).response(from: request, context: context)
    }

    /// The article as it now stands; every reader page may have changed with it.
    private func written(_ article: Article, status: HTTPResponse.Status = .ok, location: String? = nil) throws
        -> PrivateJSON
    {
        site.cache.invalidateAll()
        return try PrivateJSON(
            ArticleJSON(article: article, publication: site.publication), status: status, location: location)
    }

    private func stored(_ context: Context) async throws -> Article {
        let id = try articleID(context)
        guard let article = try await site.store.article(id: id) else {
            throw APIError.notFound("no article has id \(id)")
        }
        return article
    }
}

/// The `{id}` of an article address, or a 404 naming what was there.
func articleID(_ context: some RequestContext) throws -> Int64 {
    guard let id = context.parameters.get("id", as: Int64.self) else {
        throw APIError.notFound("no article has id \(context.parameters.get("id") ?? "")")
    }
    return id
}

/// A small JSON object body that may also be absent (`POST .../publish` with nothing to say).
struct OptionalBody {
    private let fields: [String: Any]

    init(_ request: Request, allowed: Set<String>) async throws {
        let buffer = try await BodyLimit.read(request, limit: BodyLimit.jsonLimit)
        guard buffer.readableBytes > 0 else {
            fields = [:]
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw APIError.badBody("expected a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            let expected = allowed.isEmpty ? "no fields" : "only " + allowed.sorted().joined(separator: ", ")
            throw APIError.badBody("\(unknown): unknown field; expected \(expected)")
        }
        fields = object
    }

    func integer(_ name: String) throws -> Int? {
        switch fields[name] {
        case nil, is NSNull: return nil
        case let number as Int: return number
        default: throw APIError.badBody("\(name): expected a whole number")
        }
    }

    func string(_ name: String) throws -> String? {
        switch fields[name] {
        case nil, is NSNull: return nil
        case let text as String: return text
        default: throw APIError.badBody("\(name): expected text")
        }
    }
}

/// The list of tags in `If-Match` (RFC 9110, 13.1.1): strong comparison, `*` matches anything.
struct EntityTagList {
    let tags: [String]

    init(_ header: String) {
        tags = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func matches(_ tag: String) -> Bool {
        tags.contains("*") || tags.contains(tag) || tags.contains(EntityTag.gzipVariant(of: tag))
    }
}

/// What a request body's `Content-Type` says it is.
enum MediaType {
    static func of(_ request: Request) -> String {
        (request.headers[.contentType] ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    static func isJSON(_ request: Request) -> Bool {
        let type = of(request)
        return type == "application/json" || type.isEmpty
    }
}
