import Broadsheet
import Foundation
import Testing

/// What changed since an archive version: what a repeat static export renders again.
@Suite("What changed in the archive, in every store", .timeLimit(.minutes(10)))
struct ArchiveChangesTests {
    let editor = Attribution(actor: "amina")

    /// Stories saved, published, retracted or corrected after a version are named; those before are not.
    @Test(arguments: StoreKind.allCases) func storiesChangedAfterAVersionAreNamed(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let old = try await store.create(Story.make(headline: "An old story"), status: .published, by: editor)
        let corrected = try await store.create(
            Story.make(headline: "A story to correct"), status: .published, by: editor)
        let retracted = try await store.create(
            Story.make(headline: "A story to retract"), status: .published, by: editor)
        let version = try await store.archiveVersion()
        #expect(try await store.changes(since: version) == ArchiveChanges())

        let new = try await store.create(Story.make(headline: "A new story"), status: .draft, by: editor)
        _ = try await store.change(articleID: new.id, .publish, expectedRevision: nil, by: editor)
        _ = try await store.change(
            articleID: corrected.id, .correct(.clarification, text: "The bridge is 300 metres long."),
            expectedRevision: nil, by: editor)
        _ = try await store.change(
            articleID: retracted.id, .retract(note: "Published in error."), expectedRevision: nil, by: editor)
        let changes = try #require(try await store.changes(since: version))
        #expect(changes.articles == [new.id, corrected.id, retracted.id])
        #expect(!changes.articles.contains(old.id) && changes.editions.isEmpty && !changes.everything)
        #expect(try await store.changes(since: try await store.archiveVersion()) == ArchiveChanges())
    }

    /// Printed pages name their edition; the paper's settings, everything; a version the archive
    /// never reached, nothing it can vouch for.
    @Test(arguments: StoreKind.allCases) func editionsSettingsAndUnknownVersions(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let version = try await store.archiveVersion()
        try await store.savePrintedPages([try PrintedPageStoreTests.page(1, words: ["Tide"])], publication: "Ledger")
        #expect(try await store.changes(since: version) == ArchiveChanges(editions: [PrintedPageStoreTests.day]))

        var settings = try await store.publicationSettings()
        try await store.savePublicationSettings(settings)
        #expect(try await store.changes(since: version)?.everything == true, "the paper's first settings")
        let settled = try await store.archiveVersion()
        try await store.savePublicationSettings(settings)
        #expect(try await store.changes(since: settled) == ArchiveChanges(), "saving the same settings changes nothing")
        settings.name = "The Evening Tide"
        try await store.savePublicationSettings(settings)
        #expect(try await store.changes(since: settled)?.everything == true)

        #expect(try await store.changes(since: try await store.archiveVersion() + 1) == nil)
    }
}
