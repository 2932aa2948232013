import Broadsheet
import Foundation

/// The authors a story credits, from its byline and from the names and agencies a format lists
/// apart from it, without duplicates (the same slug is the same author).
struct CreditReader: Sendable {
    let bylineReader: BylineReader

    init(publication: Publication) {
        self.bylineReader = publication.bylineReader
    }

    func authors(byline: String?, names: [String] = [], agencies: [String] = []) -> [Author] {
        var authors: [Author] = []
        var seen: Set<Slug> = []
        func add(_ author: Author) {
            guard !author.slug.rawValue.isEmpty, seen.insert(author.slug).inserted else { return }
            authors.append(author)
        }
        // A credit the source also lists as an agency is one, even if we do not know its name.
        let agencySlugs = Set(agencies.map { Slug($0) })
        func classified(_ author: Author) -> Author {
            agencySlugs.contains(author.slug) ? Author(name: author.name, kind: .agency) : author
        }
        if let byline { bylineReader.authors(in: byline).map(classified).forEach(add) }
        for name in names where !name.trimmingCharacters(in: .whitespaces).isEmpty {
            add(classified(bylineReader.author(named: name)))
        }
        for agency in agencies {
            let trimmed = agency.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { add(Author(name: trimmed, kind: .agency)) }
        }
        return authors
    }
}
