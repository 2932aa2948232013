import Broadsheet
import Synchronization
import Testing

/// An export's listing pages take their stories from stretches of ten pages, each read once.
@Suite("Listing pages read by the stretch", .timeLimit(.minutes(10)))
struct ListingStretchTests {
    /// The stretches a test's reads were asked for.
    final class Reads: Sendable {
        let asked = Mutex<[[Int64]]>([])
    }

    static func summary(_ id: Int64) -> ArticleSummary {
        ArticleSummary(
            Article(
                id: id, slug: Slug("quay-bulletin-\(id)"), status: .published, revision: 1,
                content: Story.make(headline: "Quay bulletin \(id)")))
    }

    /// Pages asked all at once, of 450 stories in listing order: each is the page's stories in
    /// its order, one the read does not answer left out, and a page across two stretches takes
    /// from both; each stretch is read once, the pages asking together sharing its read.
    @Test func aListingsPagesShareTheReadsOfTheirStretches() async throws {
        let ids = (1...450).map { Int64(1_000 - 2 * $0) }
        let summaries = Dictionary(uniqueKeysWithValues: ids.map { ($0, Self.summary($0)) })
        let gone = ids[190]
        let memo = ListingMemo()
        let reads = Reads()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for offset in stride(from: 0, through: 460, by: 20) {
                group.addTask {
                    var query = ArticleQuery(topic: Slug(verbatim: "port"))
                    query.limit = 20
                    query.offset = offset
                    let page = try await memo.summaries(of: query, in: ids) { stretch in
                        reads.asked.withLock { $0.append(stretch) }
                        return stretch.compactMap { $0 == gone ? nil : summaries[$0] }
                    }
                    #expect(page.map(\.id) == query.page(of: ids).filter { $0 != gone }, "from \(offset)")
                }
            }
            try await group.waitForAll()
        }
        let asked = reads.asked.withLock { $0 }.sorted { $0[0] > $1[0] }
        #expect(asked == [Array(ids[0..<200]), Array(ids[200..<400]), Array(ids[400...])])
    }
}
