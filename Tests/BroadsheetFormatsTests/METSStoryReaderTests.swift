import Broadsheet
@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// The articles a METS marks out, as stories: headline, body in reading order across a page
/// turn, identity, page and regions.
@Suite("METS articles as stories", .timeLimit(.minutes(10)))
struct METSStoryReaderTests {
    static let publication = Publication(name: "The Tidewater Courier", timeZone: TimeZone(identifier: "UTC")!)
    static let day = EditionDate(year: 2025, month: 4, day: 29)!

    static func stories(_ issue: METSIssue) throws -> [Result<METSStory, FormatError>] {
        METSStoryReader(publication: publication).stories(
            of: issue, date: day, pages: try METSReaderTests.altoPages(of: issue), file: "issue-mets.xml")
    }

    @Test func aContinuedArticleReadsAsOneStoryOnTwoPages() throws {
        let stories = try Self.stories(try METSReaderTests.issue())
        let bridge = try stories[0].get()
        let content = bridge.article.content
        #expect(content.headline == "Harbour bridge reopens")
        #expect(content.body.count == 1, "the paragraph broken at the foot of page 1 runs on: \(content.body)")
        let text = content.bodyText
        #expect(text.hasPrefix("The old harbour bridge"), "the heading area is not body text: \(text)")
        #expect(text.hasSuffix("after months of repairs to its girders."), "\(text)")
        #expect(bridge.printed.pages == [1, 2])
        #expect(content.edition.page?.number == 1)
        #expect(content.edition.date == Self.day)
        #expect(content.published == Timestamp(Self.day.startOfDay(in: Self.publication.timeZone), precision: .day))
        #expect(content.source == ArticleSource(format: "mets", uri: "mets:the-tidewater-courier/2025-04-29/ART1"))
        let market = try stories[1].get().article.content
        #expect(market.headline == "Market stalls move indoors", "from the article's MODS title")
    }

    @Test func theHeadingAreaGivesAHeadlineWhenTheArticleHasNoTitle() throws {
        var issue = try METSReaderTests.issue()
        issue.articles[0].title = nil
        #expect(try Self.stories(issue)[0].get().article.content.headline == "Harbour bridge reopens")
        #expect(issue.articles[0].areas.map(\.role) == [.heading, .body, .body])
    }

    @Test func anArticleWithoutTitleOrHeadingIsRefusedByLine() throws {
        var issue = try METSReaderTests.issue()
        issue.articles[1].title = nil
        let line = issue.articles[1].line
        let results = try Self.stories(issue)
        #expect((try? results[0].get()) != nil, "the other article still reads")
        #expect {
            try results[1].get()
        } throws: { error in
            let error = error as? FormatError
            return error?.line == line && error?.message.contains("expected a headline") == true
        }
    }

    @Test func anArticleWithoutAnIDIsNamedByItsPlace() throws {
        var issue = try METSReaderTests.issue()
        issue.articles[1].id = nil
        let uri = try Self.stories(issue)[1].get().article.content.source.uri
        #expect(uri == "mets:the-tidewater-courier/2025-04-29/article-2")
    }
}
