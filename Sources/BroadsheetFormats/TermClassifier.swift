import Broadsheet

/// Sorts the terms a copy carries (e-paper topic lines, feed categories, wire subjects) into the
/// one section and the topics: the first term that names a configured section is the section,
/// the rest are topics, in order and without duplicates.
public struct TermClassifier: Sendable {
    public let defaultSection: Section
    /// `publication.section(named:)` as a table: the same answers without slugging every
    /// configured section for every term.
    private let sectionsBySlug: [Slug: Section]

    public init(publication: Publication) {
        var sections: [Slug: Section] = [:]
        for name in publication.sections.reversed() { sections[Slug(name)] = Section(name: name) }
        sections[Slug(publication.defaultSection)] = Section(name: publication.defaultSection)
        self.sectionsBySlug = sections
        self.defaultSection = Section(name: publication.defaultSection)
    }

    /// The configured section `term` names, if any.
    public func section(named term: String) -> Section? { sectionsBySlug[Slug(term)] }

    /// The section and topics `terms` name; `section` when given is the section whatever it is
    /// (a migration's own category), and then every term is a topic unless it repeats it.
    /// A term that names the section again later stays a topic, as the e-paper format prints it.
    public func classify(_ terms: [String], section given: String? = nil) -> (Section, [Topic]) {
        var section = given.map { self.section(named: $0) ?? Section(name: $0) }
        var topics: [Topic] = []
        // A stated section is not repeated as a topic; a term that named the section may be.
        var seen: Set<Slug> = section.map { [$0.slug] } ?? []
        for term in terms {
            if section == nil, let named = sectionsBySlug[Slug(term)] {
                section = named
                continue
            }
            let topic = Topic(name: term)
            if seen.insert(topic.slug).inserted { topics.append(topic) }
        }
        return (section ?? defaultSection, topics)
    }
}
