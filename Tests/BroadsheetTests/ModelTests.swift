import Broadsheet
import Foundation
import Testing

@Suite("Datelines, languages, cursors and validation", .timeLimit(.minutes(10)))
struct ModelTests {
    @Test func datelinesPrintAsTheyOpenAParagraph() {
        #expect(Dateline(places: ["SEOUL"]).printed == "SEOUL:")
        #expect(Dateline(places: ["WASHINGTON", "MOSCOW"]).printed == "WASHINGTON / MOSCOW:")
        let wire = Dateline(places: ["LONDON"], date: "April 28", agency: "Reuters", style: .wire)
        #expect(wire.printed == "LONDON, April 28 (Reuters) -")
        #expect(wire.place == "LONDON")
    }

    @Test(arguments: [
        ("The harbour bridge reopened on Monday.", "en"),
        ("شہر کی لائبریری میں مشاعرہ ہوا", "ur"),
        ("افتتح الجسر يوم الاثنين", "ar"),
    ])
    func languageFollowsTheScript(text: String, language: String) {
        #expect(LanguageGuess.language(of: text, fallback: "en") == language)
    }

    @Test func urduAndArabicReadRightToLeft() {
        #expect(LanguageGuess.isRightToLeft("ur"))
        #expect(LanguageGuess.isRightToLeft("ar-SA"))
        #expect(!LanguageGuess.isRightToLeft("en"))
    }

    @Test func cursorsSurviveTheirRoundTripAndRejectStrangers() {
        let cursor = ArticleCursor(published: Date(timeIntervalSince1970: 1_745_895_600), id: 42)
        #expect(ArticleCursor(encoded: cursor.encoded) == cursor)
        #expect(ArticleCursor(encoded: "not a cursor") == nil)
        #expect(ArticleCursor(encoded: "") == nil)
    }

    @Test func queriesKeepTheirLimitWithinBounds() {
        #expect(ArticleQuery(limit: 500).limit == 100)
        #expect(ArticleQuery(limit: 0).limit == 1)
    }

    @Test func validationNamesTheField() {
        let date = EditionDate(year: 2025, month: 4, day: 29)!
        var content = ArticleContent(
            headline: "  ", body: [.paragraph("Text.")], section: Section(name: "World"),
            published: Timestamp(Date(timeIntervalSince1970: 0)),
            edition: EditionReference(publication: "Paper", date: date),
            source: .epaper(publication: "Paper", date: date, headline: "x"))
        #expect(throws: StoreError.invalidContent(field: "headline", reason: "must not be empty")) {
            try content.validate()
        }
        content.headline = "A real headline"
        content.topics = [Topic(name: "—")]
        #expect(throws: StoreError.invalidContent(field: "topics", reason: "'—' has no letter or digit")) {
            try content.validate()
        }
    }

    @Test func epaperSourcesAreIdentifiedByPublicationDateAndHeadline() {
        let source = ArticleSource.epaper(
            publication: "The Daily Ledger", date: EditionDate(year: 2025, month: 4, day: 29)!,
            headline: "Bridge reopens!")
        #expect(source.uri == "epaper:the-daily-ledger/2025-04-29/bridge-reopens")
        #expect(source.format == "epaper")
    }

    @Test func publicationsKnowTheirSections() {
        let publication = Publication(sections: Publication.defaultSections + ["Pakistan"])
        #expect(publication.section(named: "pakistan")?.name == "Pakistan")
        #expect(publication.section(named: "WORLD")?.name == "World")
        #expect(publication.section(named: "News")?.name == "News", "the default section is always one")
        #expect(publication.section(named: "Cricket") == nil)
        #expect(Publication(baseURL: "https://example.org/").url("/news/1/x") == "https://example.org/news/1/x")
    }
}
