/// The desk an article belongs to ("World", "Business"). Every article has exactly one.
public struct Section: Hashable, Sendable, Codable {
    public var name: String
    public var slug: Slug

    public init(name: String) {
        self.name = name
        self.slug = Slug(name)
    }

    /// A section as a store keeps it, with the slug it was filed under.
    public init(name: String, slug: String) {
        self.name = name
        self.slug = Slug(verbatim: slug)
    }
}

/// A free tag ("Russia Ukraine War"); an article has any number.
public struct Topic: Hashable, Sendable, Codable {
    public var name: String
    public var slug: Slug

    public init(name: String) {
        self.name = name
        self.slug = Slug(name)
    }

    /// A topic as a store keeps it, with the slug it was filed under.
    public init(name: String, slug: String) {
        self.name = name
        self.slug = Slug(verbatim: slug)
    }
}

/// A section, topic or author with how many published articles it holds, for listings.
public struct TaxonomyCount<Term: Sendable & Hashable>: Sendable, Hashable {
    public var term: Term
    public var articleCount: Int

    public init(term: Term, articleCount: Int) {
        self.term = term
        self.articleCount = articleCount
    }
}
