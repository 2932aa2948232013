extension ArticleContent {
    /// The names of the fields (as the API spells them) whose values differ between `self` and
    /// `other`, in the article JSON's order: what an audit line and a revision difference name.
    public func changedFields(comparedTo other: ArticleContent) -> [String] {
        var fields: [String] = []
        func note(_ name: String, _ differs: Bool) { if differs { fields.append(name) } }
        note("language", language != other.language)
        note("headline", headline != other.headline)
        note("summary", summary != other.summary)
        note("byline", byline != other.byline)
        note("authors", authors != other.authors)
        note("dateline", dateline != other.dateline)
        note("body", body != other.body)
        note("section", section != other.section)
        note("topics", topics != other.topics)
        note("published_at", published != other.published)
        note("updated_at", updated != other.updated)
        note("edition", edition != other.edition)
        note("source", source != other.source)
        return fields
    }
}
