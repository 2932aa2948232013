import Broadsheet
import BroadsheetSQLite
import Foundation
import Testing

@testable import BroadsheetWeb

/// An export's listing pages and feeds take their section, topic or author from the terms the
/// export listed, and ask the store only for a slug it did not list.
@Suite("Terms an export has listed", .timeLimit(.minutes(10)))
struct KnownTermsTests {
    @Test func listedTermsAreAnsweredWithoutTheStore() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("terms-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let store = try SQLiteStore(path: file)
        try await store.migrate()
        _ = try await WebFixture.fill(store)
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        let sections = try await store.sections()
        let topics = try await store.topics()
        let authors = try await store.authors()
        let section = try #require(sections.first?.term)
        let topic = try #require(topics.first?.term)
        let author = try #require(authors.last?.term)
        let terms = KnownTerms(sections: sections, topics: topics, authors: authors)
        try await store.close()

        let found = try await KnownTerms.$current.withValue(terms) {
            (
                try await site.existingSection(section.slug), try await site.existingTopic(topic.slug),
                try await site.existingAuthor(author.slug)
            )
        }
        #expect(found.0 == section)
        #expect(found.1 == topic)
        #expect(found.2 == author)
        // Not listed: the store is asked, and it is closed; and without the terms, so is a listed one.
        await #expect(throws: (any Error).self) {
            try await KnownTerms.$current.withValue(terms) { try await site.existingAuthor(Slug("no-such-reporter")) }
        }
        await #expect(throws: (any Error).self) { try await site.existingSection(section.slug) }
    }
}
