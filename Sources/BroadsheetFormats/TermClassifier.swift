import Broadsheet
import Foundation

/// Sorts a story's terms into its one section and its topics, the same way for every format:
/// the first term that names a configured section is the section, the rest are topics, in order
/// and without duplicates.
struct TermClassifier: Sendable {
    let defaultSection: Section
    /// `publication.section(named:)` as a table: the same answers without slugging every
    /// configured section for every term.
    private let sectionsBySlug: [Slug: Section]

    init(publication: Publication) {
        var sections: [Slug: Section] = [:]
        for name in publication.sections.reversed() { sections[Slug(name)] = Section(name: name) }
        sections[Slug(publication.defaultSection)] = Section(name: publication.defaultSection)
        self.sectionsBySlug = sections
        self.defaultSection = Section(name: publication.defaultSection)
    }

    /// The configured section `term` names, if any.
    func section(named term: String) -> Section? { sectionsBySlug[Slug(term)] }

    /// - Parameters:
    ///   - terms: the story's terms in order (subjects, tags, categories, topic lines).
    ///   - section: a section the source names as such (a primary category, a subject marked
    ///     as the section); it wins over the terms, and need not be configured.
    func classify(_ terms: [String], section named: String? = nil) -> (Section, [Topic]) {
        var section = named.map { self.section(named: $0) ?? Section(name: $0) }
        var topics: [Topic] = []
        var seen: Set<Slug> = []
        for term in terms {
            let trimmed = term.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            if section == nil, let configured = self.section(named: trimmed) {
                section = configured
                continue
            }
            let topic = Topic(name: trimmed)
            if seen.insert(topic.slug).inserted { topics.append(topic) }
        }
        return (section ?? defaultSection, topics)
    }
}
