import Broadsheet

extension StaticExport {
    /// A story whose related box is not the one the last export kept, and its box now.
    struct MovedBox: Sendable {
        var summary: ArticleSummary
        var box: [Int64]
    }

    /// The published stories whose related boxes are not the ones the last export kept (`links`).
    /// A story that came, went or changed a field the boxes weigh can enter or leave the box of a
    /// story that never linked to it, but only of a story filed after it: a box draws on the
    /// stories filed before its own (`RelatedArticles`). So the boxes of the stories filed after
    /// `filedAfter` (the first such story) are made again and compared, and only the pages whose
    /// box differs are rendered again. A day's new stories, filed last, reach no older box. A
    /// differing box stays held for its page to take.
    func relatedBoxesMoved(links: ExportLinks, filedAfter: Int64) async throws -> [MovedBox] {
        let store = site.store
        let limit = RelatedArticles.defaultLimit
        var moved: [MovedBox] = []
        // Three hundreds of stories are read at once, their boxes made, while this hundred's are
        // compared: one at a time, the walk kept the two cores a third idle. Each page of the
        // archive is listed after the one before it, which says where it starts.
        var query: ArticleQuery? = ArticleQuery(limit: ArticleQuery.maximumLimit)
        query?.filedAfter = filedAfter
        var reading: [Task<ArchiveWalkStep, any Error>] = []
        defer { for task in reading { task.cancel() } }
        while true {
            while reading.count < 3, let listing = query {
                let list = try await store.articles(matching: listing)
                reading.append(Task { try await walkStep(list, readingRelated: true) })
                query = list.nextCursor.map { next in
                    var query = listing
                    query.cursor = next
                    return query
                }
            }
            guard !reading.isEmpty else { break }
            let step = try await reading.removeFirst().value
            for summary in step.list.items {
                guard let article = step.articles[summary.id], article.status == .published else { continue }
                // Taken from the memo, where the step's read left it.
                let box = try await store.related(to: article, limit: limit)
                let ids = box.map(\.id)
                guard ids != links.relatedBox(of: article.id) else { continue }
                RelatedCandidateMemo.current?.hold(box, of: article, limit: limit)
                moved.append(MovedBox(summary: summary, box: ids))
            }
        }
        return moved
    }
}
