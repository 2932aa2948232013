/// What `db check` asks of the printed pages, whichever store keeps them: every page's words
/// read back, its words are in the search index as they are now, and every story's region
/// stands on a page its edition has.
public enum PrintedPageCheck {
    /// One printed page as a store keeps it.
    public struct StoredPage: Sendable {
        public var date: String
        public var number: Int
        /// The words as stored (JSON).
        public var words: String
        /// The text the search index holds for the page; nil when it holds none.
        public var indexed: String?

        public init(date: String, number: Int, words: String, indexed: String?) {
            self.date = date
            self.number = number
            self.words = words
            self.indexed = indexed
        }
    }

    /// Where one story is printed, as a store keeps it.
    public struct StoredPlacement: Sendable {
        public var articleID: Int64
        public var date: String
        /// The regions as stored (JSON).
        public var regions: String

        public init(articleID: Int64, date: String, regions: String) {
            self.articleID = articleID
            self.date = date
            self.regions = regions
        }
    }

    public static func problems(pages: [StoredPage], placements: [StoredPlacement]) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        var filed: Set<String> = []
        for page in pages {
            filed.insert("\(page.date)/\(page.number)")
            let name = "printed page \(page.number) of \(page.date)"
            do {
                let words = try PrintedPageCoding.decode([WordBox].self, page.words, field: "printed_pages.words")
                if page.indexed != words.map(\.text).joined(separator: " ") {
                    problems.append(
                        StoreProblem(
                            message: "\(name): the search index does not hold its words as they are"
                                + " (file the page again to mend it)"))
                }
            } catch {
                problems.append(StoreProblem(message: "\(name): its words do not read back: \(error)"))
            }
        }
        for placement in placements {
            do {
                let printed = try PrintedPageCoding.decode(
                    PrintedArticle.self, placement.regions, field: "printed_articles.regions")
                for page in printed.pages where !filed.contains("\(placement.date)/\(page)") {
                    problems.append(
                        StoreProblem(
                            articleID: placement.articleID,
                            message: "printed on page \(page) of \(placement.date), which is not filed"))
                }
            } catch {
                problems.append(
                    StoreProblem(
                        articleID: placement.articleID, message: "where it was printed does not read back: \(error)"))
            }
        }
        return problems
    }
}
