import Broadsheet
import Foundation
import Hummingbird

/// `/desk/editions`: planning a day's paper. The stories of a date by page, what is not placed
/// yet, which pages have their printed image, and moving a story to another page (by dragging,
/// or without JavaScript by the buttons beside it). A move is an edit of the story's page, so
/// it is a revision like any other and follows the same rules.
struct DeskEditionController {
    typealias Context = BroadsheetRequestContext
    let site: Site
    var access: DeskAccess { DeskAccess(site: site) }
    /// Stories read for one plan; a day's paper holds far fewer.
    static let storyLimit = 1000

    func addRoutes(to desk: RouterGroup<Context>) {
        desk.get(SiteURL.desk(.editions).route, use: editions)
        desk.get(SiteURL.desk(.edition(.key)).route, use: plan)
        desk.post(SiteURL.desk(.moveStory(.key)).route, use: move)
    }

    /// The dates with stories, newest first, and a way to open any other.
    @Sendable func editions(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        if let text = request.formParameters.get("date"), !text.isEmpty {
            guard let date = EditionDate(iso: text) else {
                throw HTTPError(.badRequest, message: "date: expected a date like 2025-04-29; found “\(text)”.")
            }
            return DeskRedirect.to(DeskPath.edition(date))
        }
        let printed = Set(try await site.store.printedEditionDates())
        let model = DeskEditionsModel(
            desk: DeskChrome(session, current: DeskPath.editions, notice: nil),
            today: EditionDate(Date(), in: site.publication.timeZone).iso,
            editions: try await site.store.editions().prefix(60).map {
                DeskEditionRowModel(
                    date: $0.date.iso, url: DeskPath.edition($0.date), articles: $0.articleCount,
                    printed: printed.contains($0.date))
            })
        return try site.deskPage(title: "Editions", model)
    }

    @Sendable func plan(_ request: Request, context: Context) async throws -> Response {
        let session = try await access.require(request)
        let date = try editionDate(context)
        let stories = try await storiesOfEdition(date)
        let printedPages = try await site.store.printedPages(on: date)
        let imaged = Set(printedPages.filter { $0.image != nil }.map(\.number))
        let labels = Dictionary(printedPages.map { ($0.number, $0.label) }, uniquingKeysWith: { first, _ in first })
        let placedNumbers = stories.compactMap { $0.summary.edition.page?.number }
        let lastPage = max(placedNumbers.max() ?? 0, printedPages.map(\.number).max() ?? 0, 1)
        let choices = Array(1...(lastPage + 1))
        let mayMove = session.may(.editDraft)
        func row(_ story: DeskPlannedStory, page: Int?) -> DeskPlanStoryModel {
            DeskPlanStoryModel(
                id: story.summary.id, headline: story.summary.headline, url: DeskPath.article(story.summary.id),
                status: story.status, lang: story.summary.language,
                dir: PageContext.direction(of: story.summary.language),
                earlier: page.flatMap { $0 > 1 ? $0 - 1 : nil }, later: page.map { $0 + 1 } ?? 1,
                choices: choices.map { DeskOptionModel(value: String($0), label: "Page \($0)", selected: $0 == page) },
                may_move: mayMove)
        }
        let pages = choices.dropLast().map { number in
            let placed = stories.filter { $0.summary.edition.page?.number == number }
            return DeskPlanPageModel(
                number: number, label: labels[number].flatMap { $0 } ?? "Page \(number)",
                printed: imaged.contains(number),
                replica_url: imaged.contains(number)
                    ? SiteURL.printedPage(.value(date), .value(number)).href : nil,
                stories: placed.map { row($0, page: number) }, empty: placed.isEmpty)
        }
        let unplaced = stories.filter { $0.summary.edition.page == nil }.map { row($0, page: nil) }
        let model = DeskPlanModel(
            desk: DeskChrome(session, current: DeskPath.editions, notice: DeskNotice.from(request)), date: date.iso,
            move_url: DeskPath.moveStory(date), pages: pages, unplaced: unplaced,
            has_unplaced: !unplaced.isEmpty,
            may_move: mayMove, truncated: stories.count >= Self.storyLimit)
        return try site.deskPage(title: "Plan of \(date.iso)", model)
    }

    /// Puts a story on `page` (or takes it off every page with `page=none`).
    @Sendable func move(_ request: Request, context: Context) async throws -> Response {
        let (session, form) = try await access.form(request, for: .editDraft)
        let date = try editionDate(context)
        guard let id = form.text("article").flatMap(Int64.init), let article = try await site.store.article(id: id)
        else {
            throw HTTPError(.badRequest, message: "article: expected the id of a story of \(date.iso).")
        }
        guard article.content.edition.date == date else {
            throw HTTPError(
                .badRequest,
                message: "article \(id) is in the edition of \(article.content.edition.date.iso), not \(date.iso).")
        }
        var content = article.content
        switch form.text("page") {
        case "none"?: content.edition.page = nil
        case let text?:
            guard let number = Int(text), PageReference.numbers.contains(number) else {
                throw HTTPError(
                    .badRequest,
                    message:
                        "page: expected a page number from 1 to \(PageReference.numbers.upperBound); found “\(text)”.")
            }
            content.edition.page = PageReference(number: number)
        case nil: throw HTTPError(.badRequest, message: "page: expected the page to move the story to.")
        }
        _ = try await site.store.change(
            articleID: id, .edit(content), expectedRevision: article.revision, by: context.attribution(session.user))
        site.cache.invalidateAll()
        return DeskRedirect.to(DeskNotice.moved.after(DeskPath.edition(date)) + "#story-\(id)")
    }

    private func editionDate(_ context: Context) throws -> EditionDate {
        let text = context.parameters.get("date") ?? ""
        guard let date = EditionDate(iso: text) else {
            throw HTTPError(.notFound, message: "“\(text)” is not a date like 2025-04-29.")
        }
        return date
    }

    /// The date's drafts and published stories (retracted ones are off the paper), in page order.
    private func storiesOfEdition(_ date: EditionDate) async throws -> [DeskPlannedStory] {
        var stories: [DeskPlannedStory] = []
        for status in [ArticleStatus.published, .draft] {
            var query = ArticleQuery(edition: date, status: status, limit: ArticleQuery.maximumLimit)
            while stories.count < Self.storyLimit {
                let list = try await site.store.articles(matching: query)
                stories += list.items.map { DeskPlannedStory(summary: $0, status: status.rawValue) }
                guard let next = list.nextCursor else { break }
                query.cursor = next
            }
        }
        return stories.sorted {
            ($0.summary.edition.page?.number ?? .max, $0.summary.id) < (
                $1.summary.edition.page?.number ?? .max, $1.summary.id
            )
        }
    }
}

struct DeskPlannedStory {
    var summary: ArticleSummary
    var status: String
}

/// `desk-editions.mustache`.
struct DeskEditionsModel: DeskContent {
    static let template = "desk-editions"
    var desk: DeskChrome
    var today: String
    var editions: [DeskEditionRowModel]
}

struct DeskEditionRowModel {
    var date: String
    var url: String
    var articles: Int
    var printed: Bool
}

/// `desk-edition.mustache`: one day's page plan.
struct DeskPlanModel: DeskContent {
    static let template = "desk-edition"
    var desk: DeskChrome
    var date: String
    var move_url: String
    var pages: [DeskPlanPageModel]
    var unplaced: [DeskPlanStoryModel]
    var has_unplaced: Bool
    var may_move: Bool
    var truncated: Bool
}

struct DeskPlanPageModel {
    var number: Int
    var label: String
    var printed: Bool
    var replica_url: String?
    var stories: [DeskPlanStoryModel]
    var empty: Bool
}

struct DeskPlanStoryModel {
    var id: Int64
    var headline: String
    var url: String
    var status: String
    var lang: String
    var dir: String
    var earlier: Int?
    var later: Int
    var choices: [DeskOptionModel]
    var may_move: Bool
}
