import Broadsheet
import BroadsheetSQLite

extension WebFixture {
    /// The digest a fixture page's image is filed under (the web tests serve no image from it).
    static let pageImage = String(repeating: "c4", count: 32) + ".jpg"

    /// Files two printed pages of April 29th with a few words, and prints the edition's first
    /// story across both (a jump from page 1 to page 2); returns that story's id.
    @discardableResult
    static func printPages(_ store: SQLiteStore) async throws -> Int64 {
        func page(_ number: Int, _ words: [String]) throws -> PrintedPageWords {
            let boxes = try words.enumerated().map { index, word in
                try WordBox(text: word, box: PageBox(x: 0.1 + 0.1 * Double(index), y: 0.2, width: 0.08, height: 0.02))
            }
            return PrintedPageWords(
                page: try PrintedPage(
                    date: april29, number: number, label: number == 1 ? "A1" : nil, width: 1600, height: 2400,
                    image: pageImage),
                words: boxes)
        }
        try await store.savePrintedPages(
            [try page(1, ["Harbour", "bridge", "reopens"]), try page(2, ["repairs", "ended"])],
            publication: publication.name)
        let story = try await store.edition(on: april29)!.articles[0].id
        let printed = try PrintedArticle(regions: [
            try Region(page: 1, box: PageBox(x: 0.05, y: 0.1, width: 0.45, height: 0.5)),
            try Region(
                page: 2,
                shape: .polygon([
                    try PagePoint(x: 0.1, y: 0.1), try PagePoint(x: 0.5, y: 0.1), try PagePoint(x: 0.3, y: 0.4),
                ])),
        ])
        try await store.savePrintedArticle(printed, articleID: story)
        return story
    }
}
