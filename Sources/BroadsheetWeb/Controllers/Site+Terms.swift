import Broadsheet
import Hummingbird

extension Site {
    /// The section a `{slug}` names, or the reader's 404: what a listing and its feeds both need.
    func existingSection(_ slug: Slug) async throws -> Section {
        if let section = KnownTerms.current?.sections[slug] { return section }
        guard let section = try await store.section(slug: slug) else {
            throw HTTPError(.notFound, message: "There is no section called “\(slug)”.")
        }
        return section
    }

    func existingTopic(_ slug: Slug) async throws -> Topic {
        if let topic = KnownTerms.current?.topics[slug] { return topic }
        guard let topic = try await store.topic(slug: slug) else {
            throw HTTPError(.notFound, message: "There is no topic called “\(slug)”.")
        }
        return topic
    }

    func existingAuthor(_ slug: Slug) async throws -> Author {
        if let author = KnownTerms.current?.authors[slug] { return author }
        guard let author = try await store.author(slug: slug) else {
            throw HTTPError(.notFound, message: "There is no author called “\(slug)”.")
        }
        return author
    }
}
