import Foundation

extension ArticleContent {
    /// Checks the rules every stored article keeps, naming the first field that breaks one.
    public func validate() throws(StoreError) {
        if headline.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .invalidContent(field: "headline", reason: "must not be empty")
        }
        if source.uri.isEmpty { throw .invalidContent(field: "source.uri", reason: "must not be empty") }
        if section.name.trimmingCharacters(in: .whitespaces).isEmpty || section.slug.isEmpty {
            throw .invalidContent(field: "section", reason: "must have a name made of letters or digits")
        }
        if let topic = topics.first(where: { $0.slug.isEmpty }) {
            throw .invalidContent(field: "topics", reason: "'\(topic.name)' has no letter or digit")
        }
        if let author = authors.first(where: { $0.slug.isEmpty }) {
            throw .invalidContent(field: "authors", reason: "'\(author.name)' has no letter or digit")
        }
        if Slug(headline).isEmpty {
            throw .invalidContent(field: "headline", reason: "must contain at least one letter or digit")
        }
        if let field = fieldHoldingNUL {
            // PostgreSQL refuses NUL in text, and no copy needs one.
            throw .invalidContent(field: field, reason: "holds a NUL character")
        }
        try checkTime("published", published.instant)
        if let updated { try checkTime("updated", updated.instant) }
        if let page = edition.page, !PageReference.numbers.contains(page.number) {
            throw .invalidContent(
                field: "edition.page",
                reason: "must be a page number from 1 to \(PageReference.numbers.upperBound), found \(page.number)")
        }
    }

    /// The first text field holding a NUL character, named as the article JSON names it.
    private var fieldHoldingNUL: String? {
        let fields: [(String, [String])] = [
            ("headline", [headline]), ("summary", [summary ?? ""]), ("byline", [byline ?? ""]),
            ("authors", authors.map(\.name)),
            ("dateline", dateline.map { $0.places + [$0.date ?? "", $0.agency ?? ""] } ?? []),
            ("body", body.flatMap(\.texts)), ("section", [section.name]), ("topics", topics.map(\.name)),
            ("language", [language]),
            (
                "edition",
                [edition.publication, edition.region ?? "", edition.supplement ?? "", edition.page?.name ?? ""]
            ),
            ("source", [source.format, source.uri]),
        ]
        return fields.first { $0.1.contains { $0.utf8.contains(0) } }?.0
    }

    private func checkTime(_ field: String, _ instant: Date) throws(StoreError) {
        guard ArchiveTime.contains(instant) else {
            throw .invalidContent(field: field, reason: TimeOutOfRange(field: field, instant: instant).description)
        }
    }
}
