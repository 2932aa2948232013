import Broadsheet
import Foundation
import Testing

@Suite("Printed pages, in every store", .timeLimit(.minutes(10)))
struct PrintedPageStoreTests {
    static let day = EditionDate(year: 2025, month: 4, day: 29)!

    static func page(_ number: Int, words: [String], image: String? = nil) throws -> PrintedPageWords {
        let boxes = try words.enumerated().map { index, word in
            try WordBox(text: word, box: PageBox(x: 0.05 + 0.1 * Double(index % 8), y: 0.1, width: 0.08, height: 0.02))
        }
        return PrintedPageWords(
            page: try PrintedPage(date: day, number: number, width: 2000, height: 3000, image: image), words: boxes)
    }

    @Test(arguments: StoreKind.allCases) func pagesAndTheirWordsAreFiledAndReadBack(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let before = try await store.archiveVersion()
        let front = try Self.page(
            1, words: ["Harbour", "bridge", "reopens"], image: String(repeating: "a", count: 64) + ".jpg")
        try await store.savePrintedPages([try Self.page(2, words: ["Sport"]), front], publication: "The Daily Ledger")

        #expect(try await store.printedPages(on: Self.day) == [front.page, try Self.page(2, words: []).page])
        #expect(try await store.words(on: Self.day, page: 1) == front.words)
        #expect(try await store.words(on: Self.day, page: 3) == nil)
        #expect(try await store.printedPages(on: EditionDate(year: 2025, month: 4, day: 30)!).isEmpty)
        #expect(try await store.archiveVersion() != before, "readers' caches learn of new pages")
    }

    /// What `db check` reads: every page with an image, in every edition, by date and number.
    @Test(arguments: StoreKind.allCases) func everyPageImageIsListedByDateAndNumber(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let image = String(repeating: "b", count: 64) + ".jpg"
        let later = EditionDate(year: 2025, month: 5, day: 2)!
        try await store.savePrintedPages(
            [
                try Self.page(2, words: [], image: image), try Self.page(1, words: []),
                PrintedPageWords(
                    page: try PrintedPage(date: later, number: 4, width: 10, height: 10, image: image), words: []),
            ], publication: "The Daily Ledger")

        #expect(
            try await store.printedPageImages() == [
                PrintedPageImage(date: Self.day, number: 2, image: image),
                PrintedPageImage(date: later, number: 4, image: image),
            ])
        #expect(
            PrintedPageImage(date: later, region: "Karachi", number: 4, image: image).pageName
                == "2025-05-02 (Karachi) page 4")
    }

    @Test(arguments: StoreKind.allCases) func aStorysRegionsAreKeptUntilItsPagesAreFiledAgain(kind: StoreKind)
        async throws
    {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let id = try await store.save(Story.make(), status: .published).articleID
        try await store.savePrintedPages(
            [try Self.page(1, words: ["a"]), try Self.page(2, words: ["b"])], publication: "The Daily Ledger")
        let printed = try PrintedArticle(regions: [
            try Region(page: 1, box: PageBox(x: 0.1, y: 0.2, width: 0.3, height: 0.4)),
            try Region(page: 2, box: PageBox(x: 0, y: 0, width: 0.25, height: 0.5)),
        ])

        try await store.savePrintedArticle(printed, articleID: id)
        #expect(try await store.printedArticles(on: Self.day) == [id: printed])

        try await store.savePrintedPages([try Self.page(2, words: ["again"])], publication: "The Daily Ledger")
        #expect(try await store.printedArticles(on: Self.day).isEmpty, "new pages: the import finds the story again")
        #expect(try await store.words(on: Self.day, page: 2)?.map(\.text) == ["again"])
    }

    @Test(arguments: StoreKind.allCases) func aStoryFoundInPrintIsPlacedOnItsFirstPageUnlessFiledOnOne(
        kind: StoreKind
    ) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let unplaced = try await store.save(Story.make(), status: .published).articleID
        var filed = Story.make(headline: "Ferry strike called off")
        filed.edition.page = PageReference(number: 5, name: "Sport")
        let placed = try await store.save(filed, status: .published).articleID
        try await store.savePrintedPages(
            [try Self.page(2, words: ["a"]), try Self.page(3, words: ["b"])], publication: "The Daily Ledger")
        let jump = try PrintedArticle(regions: [
            try Region(page: 3, box: PageBox(x: 0.1, y: 0.2, width: 0.3, height: 0.4)),
            try Region(page: 2, box: .whole),
        ])

        try await store.savePrintedArticle(jump, articleID: unplaced)
        try await store.savePrintedArticle(jump, articleID: placed)

        let first = try await store.article(id: unplaced)
        #expect(first?.content.edition.page == PageReference(number: 3))
        #expect(try await store.article(id: placed)?.content.edition.page == PageReference(number: 5, name: "Sport"))
        let edition = try #require(try await store.edition(on: Self.day))
        #expect(edition.pages.first { $0.number == 3 }?.articles.map(\.id) == [unplaced], "the text view groups it")
        let problems = try await store.check()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test(arguments: StoreKind.allCases) func aSearchFindsThePagesWhoseWordsAnswerIt(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let next = EditionDate(year: 2025, month: 4, day: 30)!
        var later = try Self.page(1, words: ["Ferries", "return", "to", "the", "harbour"])
        later.page = try PrintedPage(date: next, number: 1, width: 2000, height: 3000)
        try await store.savePrintedPages(
            [
                try Self.page(1, words: ["Harbour", "bridge", "reopens"]),
                try Self.page(2, words: ["Cricket", "final", "tonight"]),
                try Self.page(3, words: ["The", "old", "harbour", "wall"]),
            ], publication: "The Daily Ledger")
        try await store.savePrintedPages([later], publication: "The Daily Ledger")
        let everything = EditionDate.first...EditionDate.last
        func found(_ query: String, dates: ClosedRange<EditionDate> = EditionDate.first...EditionDate.last)
            async throws -> [String]
        {
            try await store.printedPages(matching: SearchExpression(parsing: query), dates: dates, limit: 10)
                .map { "\($0.page.date.iso)/\($0.page.number)" }
        }

        #expect(
            try await found("harbours") == ["2025-04-30/1", "2025-04-29/1", "2025-04-29/3"], "newest first, stemmed")
        #expect(try await found("harbour", dates: Self.day...Self.day) == ["2025-04-29/1", "2025-04-29/3"])
        #expect(try await found("\"harbour bridge\"") == ["2025-04-29/1"])
        #expect(try await found("headline:cricket") == ["2025-04-29/2"], "a page has no headline: anywhere")
        #expect(try await found("harbour -wall") == ["2025-04-30/1", "2025-04-29/1"])
        #expect(try await found("ferr*") == ["2025-04-30/1"])
        #expect(try await found("").isEmpty)
        let match = try #require(
            try await store.printedPages(matching: SearchExpression(parsing: "cricket"), dates: everything, limit: 1)
                .first)
        #expect(match.words.map(\.text) == ["Cricket", "final", "tonight"], "the words come with the page")

        try await store.savePrintedPages(
            [try Self.page(2, words: ["Rain", "expected"])], publication: "The Daily Ledger")
        #expect(try await found("cricket").isEmpty, "a page filed again is searched as it is now")
        #expect(try await found("rain") == ["2025-04-29/2"])
    }

    /// What the IIIF collection lists: days with printed pages and a published story, newest first.
    @Test(arguments: StoreKind.allCases) func printedEditionsAreThoseWithPagesAndAPublishedStory(kind: StoreKind)
        async throws
    {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let earlier = EditionDate(year: 2025, month: 4, day: 27)!
        let draftOnly = EditionDate(year: 2025, month: 4, day: 28)!
        let textOnly = EditionDate(year: 2025, month: 4, day: 30)!
        _ = try await store.save(Story.make(), status: .published)
        _ = try await store.save(Story.make(headline: "An older story", date: earlier), status: .published)
        _ = try await store.save(Story.make(headline: "Held back", date: draftOnly), status: .draft)
        _ = try await store.save(Story.make(headline: "Not printed", date: textOnly), status: .published)
        #expect(try await store.printedEditionDates().isEmpty)

        var pages = [try Self.page(1, words: ["a"])]
        for date in [earlier, draftOnly] {
            pages.append(
                PrintedPageWords(
                    page: try PrintedPage(date: date, number: 1, width: 2000, height: 3000), words: pages[0].words))
        }
        try await store.savePrintedPages(pages, publication: "The Daily Ledger")
        #expect(try await store.printedEditionDates() == [Self.day, earlier])
    }

    @Test(arguments: StoreKind.allCases) func theCheckFindsAStoryOnAMissingPageAndStaleSearchWords(kind: StoreKind)
        async throws
    {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let id = try await store.save(Story.make(), status: .published).articleID
        try await store.savePrintedPages(
            [try Self.page(1, words: ["Harbour", "bridge"])], publication: "The Daily Ledger")
        try await store.savePrintedArticle(
            try PrintedArticle(regions: [try Region(page: 1, box: .whole)]), articleID: id)
        #expect(try await store.check().isEmpty)

        try await temporary.tamper(
            #"UPDATE printed_articles SET regions = '{"regions":[{"page":9,"shape":{"rectangle":{"_0":{"x":0,"y":0,"width":1,"height":1}}}}]}'"#
        )
        try await temporary.tamper(
            kind == .sqlite ? "DELETE FROM printed_pages_fts" : "UPDATE printed_pages SET text = 'old words'")
        let problems = try await store.check().map(\.description)
        #expect(problems.contains { $0.contains("printed page 1 of 2025-04-29: the search index") }, "\(problems)")
        #expect(problems.contains("article \(id): printed on page 9 of 2025-04-29, which is not filed"), "\(problems)")
    }

    @Test(arguments: StoreKind.allCases) func aMissingArticleIsNamed(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let printed = try PrintedArticle(regions: [try Region(page: 1, box: .whole)])
        await #expect(throws: StoreError.notFound("no article has the id 999")) {
            try await temporary.store.savePrintedArticle(printed, articleID: 999)
        }
    }

    @Test(arguments: StoreKind.allCases) func aDamagedRowIsAnErrorNotACrash(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        try await temporary.store.savePrintedPages([try Self.page(1, words: ["a"])], publication: "The Daily Ledger")
        try await temporary.tamper(#"UPDATE printed_pages SET words = '{"words": 1}'"#)
        await #expect(throws: StoreError.self) { try await temporary.store.words(on: Self.day, page: 1) }
    }
}
