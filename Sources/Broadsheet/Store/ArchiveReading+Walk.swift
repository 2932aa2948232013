extension ArchiveReading {
    /// Every article `query` matches, newest first, a page of summaries at a time: what exports
    /// walk, so an archive of any size is written with one page in memory.
    ///
    /// The query's `limit` sets the page size, not the total; its cursor, if any, is where to start.
    public func forEachArticle(matching query: ArticleQuery, _ body: (Article) async throws -> Void) async throws {
        var query = query
        while true {
            let page = try await articles(matching: query)
            for summary in page.items {
                // An article retracted between the page and this read is simply not there any more.
                if let article = try await article(id: summary.id) { try await body(article) }
            }
            guard let next = page.nextCursor else { return }
            query.cursor = next
            query.offset = 0
        }
    }
}
