import Broadsheet
import BroadsheetImport
import Foundation
import HTTPTypes
import Hummingbird

/// `/desk/articles`: writing a story, previewing it, and moving it through the workflow.
///
/// Each change is one store call (`NewsroomWorkflow`), so the desk obeys the same rules and
/// leaves the same audit lines as the API. A save names the revision it was opened at; when a
/// colleague saved in between, the reporter sees both versions instead of losing either.
struct DeskArticleController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: DeskAccess { DeskAccess(site: site) }

    func addRoutes(to desk: RouterGroup<Context>) {
        desk.get(SiteURL.desk(.newArticle).route, use: newArticle)
        desk.post(SiteURL.desk(.articles).route, use: create)
        desk.post(SiteURL.desk(.importStory).route, use: importStory)
        desk.post(SiteURL.desk(.preview).route, use: preview)
        desk.get(SiteURL.desk(.article(.key)).route, use: editor).post(SiteURL.desk(.article(.key)).route, use: save)
        let steps: [(DeskStep, @Sendable (Request, Context) async throws -> Response)] = [
            (.publish, publish), (.schedule, schedule), (.unpublish, unpublish), (.retract, retract),
            (.corrections, correct), (.submit, submit),
        ]
        for (step, handler) in steps { desk.post(SiteURL.desk(.step(.key, step)).route, use: handler) }
    }

    @Sendable func newArticle(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        try NewsroomAccess.check(session.user, may: .createDraft)
        var form = DeskArticleForm(
            DeskArticleForm.newContent(publication: site.publication, now: Date()), revision: 0)
        form.headline = ""
        form.section = ""
        return try await editorPage(session, request, form: form, article: nil, problems: [])
    }

    /// Files the form as a new draft.
    @Sendable func create(_ request: Request, context: Context) async throws -> Response {
        let (session, posted) = try await access.form(request, for: .createDraft)
        let form = DeskArticleForm(posted)
        let base = DeskArticleForm.newContent(publication: site.publication, now: Date())
        switch form.content(applyingTo: base, publication: site.publication) {
        case .failure(let refusal):
            return try await editorPage(
                session, request, form: form, article: nil, problems: refusal.problems, status: .unprocessableContent)
        case .success(let content):
            let article = try await site.store.create(content, status: .draft, by: context.attribution(session.user))
            site.cache.invalidateAll()
            return DeskRedirect.to(DeskNotice.created.after(DeskPath.article(article.id)))
        }
    }

    /// Starts a draft from pasted e-paper text or an uploaded file in any import format.
    @Sendable func importStory(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request, for: .createDraft)
        let content: ArticleContent
        if let upload = form.upload {
            content = try await SingleArticleImport(site: site).story(
                in: Data(upload.bytes), named: upload.fileName, place: upload.fileName, format: .auto,
                charset: MultipartFormData.parameter("charset", in: upload.contentType),
                batchAdvice: "an editor imports batches from the command line or the API")
        } else if let text = form.text("text") {
            content = try await SingleArticleImport(site: site).story(
                in: Data(text.utf8), named: "pasted text", place: "the pasted text", format: .named(.epaper),
                charset: "utf-8", batchAdvice: "paste one story at a time")
        } else {
            throw HTTPError(.badRequest, message: "Paste a story’s e-paper text or choose a file to upload.")
        }
        var filed = content
        filed.source = ArticleSource(format: "desk", uri: "desk:\(UUID().uuidString.lowercased())")
        let article = try await site.store.create(filed, status: .draft, by: context.attribution(session.user))
        site.cache.invalidateAll()
        return DeskRedirect.to(DeskNotice.created.after(DeskPath.article(article.id)))
    }

    @Sendable func editor(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        let article = try await stored(context)
        return try await editorPage(
            session, request, form: DeskArticleForm(article.content, revision: article.revision), article: article,
            problems: [])
    }

    /// Saves the form as a new revision, unless someone saved since it was opened.
    @Sendable func save(_ request: Request, context: Context) async throws -> Response {
        let (session, posted) = try await access.form(request, for: .editDraft)
        let article = try await stored(context)
        let form = DeskArticleForm(posted)
        if form.revision != article.revision {
            return try await conflict(session, request, form: form, current: article)
        }
        switch form.content(applyingTo: article.content, publication: site.publication) {
        case .failure(let refusal):
            return try await editorPage(
                session, request, form: form, article: article, problems: refusal.problems,
                status: .unprocessableContent)
        case .success(let content):
            do {
                _ = try await site.store.change(
                    articleID: article.id, .edit(content), expectedRevision: form.revision,
                    by: context.attribution(session.user))
            } catch StoreError.conflict {
                // A colleague's save landed between the read and the write.
                let current = try await stored(context)
                guard current.revision != form.revision else {
                    throw StoreError.conflict("article \(article.id) cannot be edited now")
                }
                return try await conflict(session, request, form: form, current: current)
            }
            site.cache.invalidateAll()
            return DeskRedirect.to(DeskNotice.saved.after(DeskPath.article(article.id)))
        }
    }

    /// The story exactly as the site will show it, from the form's unsaved text.
    @Sendable func preview(_ request: Request, context: Context) async throws -> Response {
        let (_, posted) = try await access.form(request, for: .createDraft)
        let form = DeskArticleForm(posted)
        var article: Article
        if let id = posted.text("id").flatMap(Int64.init), let stored = try await site.store.article(id: id) {
            article = stored
        } else {
            article = Article(
                id: 0, slug: Slug(""), status: .draft, revision: 0,
                content: DeskArticleForm.newContent(publication: site.publication, now: Date()))
        }
        switch form.content(applyingTo: article.content, publication: site.publication) {
        case .failure(let refusal):
            throw HTTPError(
                .unprocessableContent,
                message: "The preview cannot be shown: "
                    + refusal.problems.map { "\($0.field): \($0.message)" }.joined(separator: " "))
        case .success(let content):
            article.content = content
            article.slug = Slug(content.headline)
        }
        let html = try site.theme.render(try await PageContext(site: site).article(article, related: []))
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .xRobotsTag: "noindex"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    @Sendable func publish(_ request: Request, context: Context) async throws -> Response {
        try await step(request, context, .publish, notice: .published) { _ in .publish }
    }

    @Sendable func unpublish(_ request: Request, context: Context) async throws -> Response {
        try await step(request, context, .unpublish, notice: .unpublished) { _ in .unpublish }
    }

    /// `publish_at` is the paper's local time, as the form says; stored as the instant it names.
    @Sendable func schedule(_ request: Request, context: Context) async throws -> Response {
        try await step(request, context, .publish, notice: .scheduled) { form in
            let text = form.text("publish_at") ?? ""
            guard let date = DeskLocalTime(timeZone: site.publication.timeZone).date(text) else {
                throw HTTPError(
                    .badRequest, message: "publish_at: expected a date and time like 2025-04-29T06:30; found “\(text)”."
                )
            }
            guard date > Date() else {
                throw HTTPError(
                    .badRequest, message: "publish_at: \(text) has passed; choose a later time, or publish now.")
            }
            return .schedule(date)
        }
    }

    @Sendable func retract(_ request: Request, context: Context) async throws -> Response {
        try await step(request, context, .retract, notice: .retracted) { form in
            .retract(note: form.text("note") ?? "This article has been retracted.")
        }
    }

    @Sendable func correct(_ request: Request, context: Context) async throws -> Response {
        try await step(request, context, .correct, notice: .corrected) { form in
            let kindText = form.text("kind") ?? "correction"
            guard let kind = Correction.Kind(rawValue: kindText) else {
                throw HTTPError(
                    .badRequest, message: "kind: expected correction or clarification; found “\(kindText)”.")
            }
            guard let text = form.text("text") else {
                throw HTTPError(.badRequest, message: "text: write the note readers will see.")
            }
            return .correct(kind, text: text)
        }
    }

    /// A reporter hands a draft to the editors: an audit line the editors' list reads.
    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request, for: .createDraft)
        let article = try await stored(context)
        guard article.status == .draft, article.publishAt == nil else {
            throw StoreError.conflict(
                "article \(article.id) is \(article.status.rawValue); only an unscheduled draft is submitted")
        }
        let note = form.text("note").map { ": \($0)" } ?? ""
        try await site.store.recordAudit(
            action: DeskSubmissions.action, articleID: article.id,
            detail: "revision \(article.revision) submitted for review\(note)", by: context.attribution(session.user))
        return DeskRedirect.to(DeskNotice.submitted.after(DeskPath.article(article.id)))
    }

    private func step(
        _ request: Request, _ context: Context, _ action: NewsroomAction, notice: DeskNotice,
        _ change: (DeskForm) throws -> ArticleChange
    ) async throws -> Response {
        let (session, form) = try await access.form(request, for: action)
        let id = try articleID(context)
        _ = try await site.store.change(
            articleID: id, try change(form), expectedRevision: nil, by: context.attribution(session.user))
        site.cache.invalidateAll()
        return DeskRedirect.to(notice.after(DeskPath.article(id)))
    }

    private func stored(_ context: Context) async throws -> Article {
        let id = try articleID(context)
        guard let article = try await site.store.article(id: id) else {
            throw HTTPError(.notFound, message: "No article has id \(id).")
        }
        return article
    }

    func editorPage(
        _ session: DeskSignedIn, _ request: Request, form: DeskArticleForm, article: Article?,
        problems: [DeskArticleForm.Problem], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let sections = try await site.store.sections().map(\.term.name)
        let topics = try await site.store.topics().prefix(500).map(\.term.name)
        let language = form.language.isEmpty ? site.publication.language : form.language
        var workflow: DeskWorkflowModel?
        if let article { workflow = try await workflowModel(article, session) }
        let model = DeskEditorModel(
            desk: DeskChrome(
                session, current: article == nil ? DeskPath.newArticle : DeskPath.home,
                notice: DeskNotice.from(request)),
            heading: article == nil ? "New article" : "Edit article \(article!.id)", is_new: article == nil,
            id: article?.id ?? 0, action: article.map { DeskPath.article($0.id) } ?? DeskPath.articles,
            fields: DeskFieldsModel(form),
            problems: problems.map { DeskProblemModel(field: $0.field, message: $0.message) },
            has_problems: !problems.isEmpty, errors: DeskFieldErrors(problems),
            sections: Array(Set(sections + site.publication.sections)).sorted(), topics: Array(topics), lang: language,
            dir: PageContext.direction(of: language), workflow: workflow,
            corrections: (article?.corrections ?? []).map {
                DeskCorrectionModel(
                    kind: $0.kind == .correction ? "Correction" : "Clarification", text: $0.text,
                    date: site.dates.text(Timestamp($0.createdAt)))
            },
            has_corrections: !(article?.corrections.isEmpty ?? true))
        return try site.deskPage(title: model.heading, model, status: status)
    }

    private func workflowModel(_ article: Article, _ session: DeskSignedIn) async throws -> DeskWorkflowModel {
        let role = session.user.role
        let isDraft = article.status == .draft
        let local = DeskLocalTime(timeZone: site.publication.timeZone)
        let submitted = try await DeskSubmissions(store: site.store).latest(for: article.id)
        let statusText =
            article.publishAt != nil ? "scheduled" : article.status.rawValue
        return DeskWorkflowModel(
            status: statusText, revision: article.revision,
            scheduled_for: article.publishAt.map { site.dates.text(Timestamp($0)) },
            view_url: article.status == .published ? article.siteURL.href : nil,
            revisions_url: DeskPath.revisions(article.id),
            submitted: submitted.map { "Submitted by \($0.actor), \(site.dates.text(Timestamp($0.at))): \($0.detail)" },
            may_publish: isDraft && role.may(.publish), may_schedule: isDraft && role.may(.publish),
            may_unpublish: article.status == .published && role.may(.unpublish),
            may_retract: article.status != .retracted && role.may(.retract),
            may_correct: article.status == .published && role.may(.correct),
            may_submit: isDraft && article.publishAt == nil && role == .contributor,
            time_zone: site.publication.timeZone.identifier,
            schedule_default: local.text(Date().addingTimeInterval(3600)),
            publish_url: DeskPath.step(article.id, .publish),
            schedule_url: DeskPath.step(article.id, .schedule),
            unpublish_url: DeskPath.step(article.id, .unpublish),
            retract_url: DeskPath.step(article.id, .retract),
            correct_url: DeskPath.step(article.id, .corrections),
            submit_url: DeskPath.step(article.id, .submit),
            is_retracted: article.status == .retracted)
    }

    private func conflict(_ session: DeskSignedIn, _ request: Request, form: DeskArticleForm, current: Article)
        async throws -> Response
    {
        let revisions = try await site.store.revisions(ofArticle: current.id)
        let latest = revisions.last
        // Both sides as they would be stored, so defaults do not read as changes.
        let rows =
            switch form.content(applyingTo: current.content, publication: site.publication) {
            case .success(let mine): DeskComparison.rows(from: current.content, to: mine)
            case .failure:
                DeskComparison.rows(
                    left: DeskArticleForm.fieldTexts(DeskArticleForm(current.content, revision: current.revision)),
                    right: DeskArticleForm.fieldTexts(form))
            }
        var resend = form
        resend.revision = current.revision
        let model = DeskConflictModel(
            desk: DeskChrome(session, current: DeskPath.home, notice: nil), id: current.id,
            action: DeskPath.article(current.id), theirs_by: latest?.madeBy ?? "someone",
            theirs_when: latest.map { site.dates.text(Timestamp($0.createdAt)) } ?? "",
            theirs_revision: current.revision,
            rows: rows, fields: DeskFieldsModel(resend),
            editor_url: DeskPath.article(current.id))
        return try site.deskPage(title: "Someone else changed this", model, status: .conflict)
    }
}

extension HTTPField.Name {
    static let xRobotsTag = Self("X-Robots-Tag")!
}
