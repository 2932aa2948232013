import Broadsheet
import BroadsheetFormats
import Foundation

/// The editor's fields as a reporter types them, and the article content they make.
///
/// The form keeps what was typed, so a refused save shows the same text again with the problems
/// beside their fields; nothing typed is lost to a mistake.
struct DeskArticleForm: Sendable, Equatable {
    var headline = ""
    var summary = ""
    var byline = ""
    /// One author a line: `Name`, `Name (staff)` or `Name (agency)`.
    var authors = ""
    var dateline = ""
    var section = ""
    /// Comma-separated.
    var topics = ""
    var language = ""
    /// The body in `DeskBodyText`.
    var body = ""
    /// `yyyy-mm-dd`.
    var editionDate = ""
    var page = ""
    /// The revision the editor was opened at: a save against a newer one is a conflict.
    var revision = 0

    /// A problem with one field, in the words shown beside it.
    struct Problem: Error, Sendable, Equatable {
        var field: String
        var message: String
    }

    /// Every problem a save found; nothing is saved while there is one.
    struct Refusal: Error, Sendable, Equatable {
        var problems: [Problem]
    }

    init() {}

    /// The fields of stored content, as the editor shows them.
    init(_ content: ArticleContent, revision: Int) {
        headline = content.headline
        summary = content.summary ?? ""
        byline = content.byline ?? ""
        authors = content.authors.map(Self.authorLine).joined(separator: "\n")
        dateline = content.dateline?.place ?? ""
        section = content.section.name
        topics = content.topics.map(\.name).joined(separator: ", ")
        language = content.language
        body = DeskBodyText.text(of: content.body)
        editionDate = content.edition.date.iso
        page = content.edition.page.map { String($0.number) } ?? ""
        self.revision = revision
    }

    /// The fields a form posted.
    init(_ form: DeskForm) {
        headline = form.text("headline") ?? ""
        summary = form.text("summary") ?? ""
        byline = form.text("byline") ?? ""
        authors = form.raw("authors")
        dateline = form.text("dateline") ?? ""
        section = form.text("section") ?? ""
        topics = form.text("topics") ?? ""
        language = form.text("language") ?? ""
        body = form.raw("body")
        editionDate = form.text("edition_date") ?? ""
        page = form.text("page") ?? ""
        revision = Int(form.text("revision") ?? "") ?? 0
    }

    /// `base` with the form's fields applied (a new story starts from `DeskArticleForm.newContent`),
    /// or every problem found, each naming its field.
    func content(applyingTo base: ArticleContent, publication: Publication) -> Result<ArticleContent, Refusal> {
        var problems: [Problem] = []
        var content = base
        if headline.isEmpty { problems.append(Problem(field: "headline", message: "A headline is required.")) }
        content.headline = headline
        content.summary = summary.isEmpty ? nil : summary
        content.byline = byline.isEmpty ? nil : byline
        switch parsedAuthors() {
        case .success(let parsed):
            content.authors =
                parsed.isEmpty ? (content.byline.map(publication.bylineReader.authors(in:)) ?? []) : parsed
        case .failure(let problem): problems.append(problem)
        }
        if dateline.isEmpty {
            content.dateline = nil
        } else if dateline != base.dateline?.place {
            content.dateline = Dateline(
                places: dateline.components(separatedBy: "/").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty })
        }
        if section.isEmpty {
            problems.append(Problem(field: "section", message: "Choose the desk (section) this story belongs to."))
        } else {
            content.section = Section(name: section)
        }
        content.topics = topics.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { Topic(name: $0) }
        let code = language.isEmpty ? publication.language : language
        if code.range(of: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", options: .regularExpression) == nil {
            problems.append(
                Problem(
                    field: "language", message: "Expected a language code such as en, ur or ar; found “\(language)”."))
        } else {
            content.language = code
        }
        do {
            content.body = try DeskBodyText.blocks(from: body)
        } catch {
            problems.append(Problem(field: "body", message: String(describing: error)))
        }
        if let date = EditionDate(iso: editionDate) {
            content.edition.date = date
        } else if !editionDate.isEmpty {
            problems.append(
                Problem(field: "edition_date", message: "Expected a date like 2025-04-29; found “\(editionDate)”."))
        }
        if page.isEmpty {
            content.edition.page = nil
        } else if let number = Int(page), PageReference.numbers.contains(number) {
            if content.edition.page?.number != number { content.edition.page = PageReference(number: number) }
        } else {
            problems.append(
                Problem(
                    field: "page",
                    message: "Expected a page number from 1 to \(PageReference.numbers.upperBound); found “\(page)”."))
        }
        if content.edition.publication.isEmpty { content.edition.publication = publication.name }
        return problems.isEmpty ? .success(content) : .failure(Refusal(problems: problems))
    }

    /// What a story filed at the desk starts as: today's edition, the paper's language, a desk source.
    static func newContent(publication: Publication, now: Date) -> ArticleContent {
        ArticleContent(
            headline: "", body: [], section: Section(name: "News"), language: publication.language,
            published: Timestamp(now),
            edition: EditionReference(publication: publication.name, date: EditionDate(now, in: publication.timeZone)),
            source: ArticleSource(format: "desk", uri: "desk:\(UUID().uuidString.lowercased())"))
    }

    private func parsedAuthors() -> Result<[Author], Problem> {
        var parsed: [Author] = []
        for (index, line) in authors.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            var name = text
            var kind = Author.Kind.person
            // "AFP (agency)"; a name that merely ends in brackets stays a person's name.
            if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
                let named = Author.Kind(
                    rawValue: text[text.index(after: open)..<text.index(before: text.endIndex)].lowercased())
            {
                kind = named
                name = text[..<open].trimmingCharacters(in: .whitespaces)
            }
            guard !name.isEmpty else {
                return .failure(Problem(field: "authors", message: "Line \(index + 1): the author has no name."))
            }
            parsed.append(Author(name: name, kind: kind))
        }
        return .success(parsed)
    }

    private static func authorLine(_ author: Author) -> String {
        author.kind == .person ? author.name : "\(author.name) (\(author.kind.rawValue))"
    }
}
