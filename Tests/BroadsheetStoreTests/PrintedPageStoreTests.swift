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
