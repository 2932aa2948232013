import Broadsheet
import Foundation

/// An article of an issue's logical structure as a story of the edition, with where it is printed.
public struct METSStory: Hashable, Sendable {
    public var article: ParsedArticle
    public var printed: PrintedArticle
}

/// Turns the articles a library marked out in an issue's METS into the edition's stories: the
/// headline from the article's label or title (else its heading areas), the byline from its
/// author areas, a paragraph per ALTO text block of its body in the METS's reading order, and
/// its regions on every page it runs on.
///
/// A story is identified by the publication, the day and the article's `ID` (else its place in
/// the issue), so importing the same issue again files nothing new.
public struct METSStoryReader: Sendable {
    public var publication: Publication { desk.publication }
    private let desk: DraftDesk

    public init(publication: Publication) {
        desk = DraftDesk(
            publication: publication,
            fields: ArticleDraft.FieldNames(
                headline: "the article div's LABEL, its MODS title or a HEADING area", uri: "the article div's ID",
                published: "the issue's MODS dateIssued", body: "the article's text areas"))
    }

    /// The source URI of the `index`th (from 1) article of the issue of `date`.
    public func uri(of article: METSArticle, index: Int, date: EditionDate) -> String {
        "mets:\(Slug(publication.name))/\(date.iso)/\(article.id ?? "article-\(index)")"
    }

    /// Each article of `issue` as a story of the edition of `date`, or why it cannot be one.
    /// `pages` holds each page's ALTO by number; `file` names the METS file in errors.
    public func stories(of issue: METSIssue, date: EditionDate, pages: [Int: ALTOPage], file: String)
        -> [Result<METSStory, FormatError>]
    {
        issue.articles.enumerated().map { offset, article in
            do throws(FormatError) {
                let printed = try article.printed(on: pages, file: file)
                var draft = ArticleDraft(format: "mets", line: article.line)
                draft.uri = uri(of: article, index: offset + 1, date: date)
                let heading = text(of: article.areas.filter { $0.role == .heading }, on: pages)
                draft.headline = article.title ?? heading.joined(separator: " ")
                let byline = text(of: article.areas.filter { $0.role == .byline }, on: pages)
                draft.byline = byline.isEmpty ? nil : byline.joined(separator: " ")
                draft.body = text(of: article.areas.filter { $0.role == .body }, on: pages).map(BodyBlock.paragraph)
                draft.published = Timestamp(date.startOfDay(in: publication.timeZone), precision: .day)
                draft.editionDate = date
                draft.page = PageReference(number: printed.firstPage)
                let story = try desk.article(draft, file: file).get()
                return .success(METSStory(article: story, printed: printed))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The areas' text, a paragraph per ALTO text block; a paragraph that breaks off at the foot
    /// of one page (no closing stop) runs on into the first of the next.
    func text(of areas: [METSArea], on pages: [Int: ALTOPage]) -> [String] {
        var paragraphs: [String] = []
        var lastPage: Int?
        for area in areas {
            guard let page = pages[area.page] else { continue }
            for (index, paragraph) in Self.paragraphs(of: area, on: page).enumerated() {
                if index == 0, let lastPage, lastPage != area.page, let open = paragraphs.last,
                    !Self.endsSentence(open)
                {
                    paragraphs[paragraphs.count - 1] = open + " " + paragraph
                } else {
                    paragraphs.append(paragraph)
                }
            }
            lastPage = area.page
        }
        return paragraphs
    }

    /// An area's paragraphs: its block's text, or each text block inside a composed block (or
    /// inside the whole page, for an area that names the whole file).
    static func paragraphs(of area: METSArea, on page: ALTOPage) -> [String] {
        let range: Range<Int>
        if let id = area.block {
            guard let block = page.block(id) else { return [] }
            guard block.kind != "TextBlock" else { return [words(block.words, on: page)].filter { !$0.isEmpty } }
            range = block.words
        } else {
            range = page.words.indices
        }
        return page.blocks.filter { $0.kind == "TextBlock" && range.contains($0.words) }
            .map { words($0.words, on: page) }.filter { !$0.isEmpty }
    }

    private static func words(_ range: Range<Int>, on page: ALTOPage) -> String {
        page.words[range].map(\.text).joined(separator: " ")
    }

    private static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last(where: { !"\"'”’)".contains($0) }) else { return true }
        return ".!?:…".contains(last)
    }
}

extension Range<Int> {
    /// Whether `other` lies within this range (an empty range at its ends too).
    fileprivate func contains(_ other: Range<Int>) -> Bool {
        other.lowerBound >= lowerBound && other.upperBound <= upperBound && !other.isEmpty
    }
}
