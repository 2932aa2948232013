import Broadsheet

/// The sections, topics and authors a static export has listed, by slug, for the listing pages
/// and feeds it renders next: each of those asked the database for its own term, a wait on a
/// reader's thread for each of a topic's or an author's four files.
///
/// Bound for the listings' task tree (`$current.withValue`) by the export that read them; the
/// server binds none, so each of its pages reads the archive as it is now. A slug not held is
/// asked of the store.
final class KnownTerms: Sendable {
    @TaskLocal static var current: KnownTerms?

    let sections: [Slug: Section]
    let topics: [Slug: Topic]
    let authors: [Slug: Author]

    init(
        sections: [TaxonomyCount<Section>], topics: [TaxonomyCount<Topic>], authors: [TaxonomyCount<Author>]
    ) {
        self.sections = Dictionary(sections.map { ($0.term.slug, $0.term) }, uniquingKeysWith: { first, _ in first })
        self.topics = Dictionary(topics.map { ($0.term.slug, $0.term) }, uniquingKeysWith: { first, _ in first })
        self.authors = Dictionary(authors.map { ($0.term.slug, $0.term) }, uniquingKeysWith: { first, _ in first })
    }
}
