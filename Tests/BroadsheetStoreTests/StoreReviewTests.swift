import Broadsheet
import Foundation
import Testing

/// Review cannot be skipped: what a role may do to an article is decided inside the store's
/// transaction, so no timing between a read and a write lets a contributor change what readers see.
@Suite("Review inside the store's transaction", .timeLimit(.minutes(10)))
struct StoreReviewTests {
    let editor = Attribution(actor: "amina", role: .editor, address: "192.0.2.7")
    let reporter = Attribution(actor: "bilal", role: .contributor, address: "192.0.2.8")

    @Test(arguments: StoreKind.allCases)
    func aContributorEditsDraftsOnly(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: reporter)
        let edited = try await store.change(
            articleID: draft.id, .edit(headline("Bridge reopens", on: draft)), expectedRevision: nil, by: reporter)
        #expect(edited.revision == 2)

        _ = try await store.change(articleID: draft.id, .publish, expectedRevision: nil, by: editor)
        await #expect(
            throws: StoreError.forbidden("bilal is a contributor and may not edit article \(draft.id): it is published")
        ) {
            try await store.change(
                articleID: draft.id, .edit(headline("Bridge reopens at last", on: draft)), expectedRevision: nil,
                by: reporter)
        }
        #expect(try await store.storedArticle(id: draft.id).content.headline == "Bridge reopens")
    }

    @Test(arguments: StoreKind.allCases)
    func aContributorCannotPublishOrScheduleOrFileAsPublished(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: reporter)
        let later = Date().addingTimeInterval(3600)
        for change in [ArticleChange.publish, .schedule(later), .retract(note: "Gone")] {
            await #expect(throws: StoreError.self, "\(change.action)") {
                try await store.change(articleID: draft.id, change, expectedRevision: nil, by: reporter)
            }
        }
        await #expect(throws: StoreError.self) {
            try await store.create(Story.make(headline: "Straight to readers"), status: .published, by: reporter)
        }
        #expect(try await store.storedArticle(id: draft.id).status == .draft)
    }

    /// The contributor read a draft; before the edit lands an editor publishes it. The edit, made
    /// with what the contributor saw, must not reach readers.
    @Test(arguments: StoreKind.allCases)
    func anEditRacingAPublicationNeverChangesThePublishedCopy(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        var ids: [Int64] = []
        for round in 0..<12 {
            ids.append(
                try await store.create(Story.make(headline: "Story \(round) filed"), status: .draft, by: reporter).id)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids {
                let seen = try await store.storedArticle(id: id)
                group.addTask {
                    var content = seen.content
                    content.body = [.paragraph("A late change by the reporter.")]
                    _ = try? await store.change(articleID: id, .edit(content), expectedRevision: nil, by: reporter)
                }
                group.addTask {
                    _ = try await store.change(articleID: id, .publish, expectedRevision: nil, by: editor)
                }
            }
            try await group.waitForAll()
        }
        for id in ids {
            let revisions = try await store.revisions(ofArticle: id)
            #expect(try await store.storedArticle(id: id).status == .published)
            // A contributor's revision is always one made while the story was a draft.
            for revision in revisions where revision.madeBy == "bilal" {
                #expect(revision.status == .draft, "article \(id) revision \(revision.number)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aScheduledStoryPublishesTheScheduledCopyAndAnEditCancelsTheSchedule(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: reporter)
        let soon = Date().addingTimeInterval(60)
        _ = try await store.change(articleID: draft.id, .schedule(soon), expectedRevision: nil, by: editor)

        await #expect(throws: StoreError.self, "a scheduled story is the editor's now") {
            try await store.change(
                articleID: draft.id, .edit(headline("Sneaked in", on: draft)), expectedRevision: nil, by: reporter)
        }
        _ = try await store.change(
            articleID: draft.id, .edit(headline("Bridge reopens on Monday", on: draft)), expectedRevision: nil,
            by: editor)
        #expect(try await store.publishDue(at: soon.addingTimeInterval(1)).isEmpty, "the edit cancelled it")
        #expect(try await store.auditLog(limit: 1, before: nil).first?.detail.contains("is cancelled") == true)

        _ = try await store.change(articleID: draft.id, .schedule(soon), expectedRevision: nil, by: editor)
        #expect(try await store.publishDue(at: soon.addingTimeInterval(1)) == [draft.id])
        let published = try await store.storedArticle(id: draft.id)
        #expect(published.status == .published && published.content.headline == "Bridge reopens on Monday")
        let line = try #require(try await store.auditLog(limit: 1, before: nil).first)
        #expect(line.actor == "scheduler")
        #expect(line.detail.contains("published as scheduled by amina"), "\(line.detail)")
        #expect(line.detail.contains("copy last written by amina"), "\(line.detail)")
    }

    /// A row no Broadsheet writes (a day of year 10000, kept by an older version) is an error for
    /// the request that meets it.
    @Test(arguments: StoreKind.allCases)
    func aStoredDayOutsideTheArchiveIsAnErrorNotACrash(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        _ = try await store.save(Story.make(), status: .published)
        try await temporary.tamper("UPDATE editions SET date = '10000-01-01'")
        await #expect(throws: StoreError.self) { try await store.editions() }
        await #expect(throws: StoreError.self) { try await store.articles(matching: ArticleQuery()) }
    }

    @Test(arguments: StoreKind.allCases)
    func contentOutsideTheArchiveTimeIsRefusedBeforeTheStore(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        var far = Story.make(headline: "A story of year ten thousand")
        far.published = Timestamp(Date(timeIntervalSince1970: 253_402_297_200))  // 9999-12-31T23:00:00Z
        await #expect(throws: StoreError.self) { try await store.save(far, status: .published) }
        await #expect(throws: StoreError.self) { try await store.create(far, status: .draft, by: editor) }
        #expect(try await store.editions().isEmpty)
    }

    private func headline(_ text: String, on article: Article) -> ArticleContent {
        var content = article.content
        content.headline = text
        return content
    }
}

/// An import updates only a story an import filed in the same format: a guid that matches the
/// newsroom's own story, or one filed in another format, is refused and reported.
@Suite("Whose story an import may update", .timeLimit(.minutes(10)))
struct ImportIdentityTests {
    @Test(arguments: StoreKind.allCases)
    func anImportCannotOverwriteTheNewsroomsOwnStory(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        var own = Story.make(headline: "The desk's own account")
        own.source = ArticleSource(format: "rss", uri: "https://wire.example/guid/7")
        let made = try await store.create(own, status: .published, by: Attribution(actor: "amina", role: .editor))
        var wire = Story.make(headline: "A wire story with the same guid")
        wire.source = own.source
        let outcome = try await store.save([wire], status: .published)[0]
        guard case .failure(.conflict(let message)) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(message.contains("article \(made.id), which the newsroom made itself"))
        #expect(try await store.storedArticle(id: made.id).content.headline == "The desk's own account")
    }

    @Test(arguments: StoreKind.allCases)
    func anImportInAnotherFormatIsRefusedAndTheSameFormatUpdates(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        var first = Story.make(headline: "Tide tables reprinted")
        first.source = ArticleSource(format: "ninjs", uri: "urn:wire:tides")
        let id = try await store.save(first, status: .published).articleID
        var other = Story.make(headline: "Tide tables replaced")
        other.source = ArticleSource(format: "rss", uri: "urn:wire:tides")
        let refused = try await store.save([other], status: .published)[0]
        guard case .failure(.conflict(let message)) = refused else {
            Issue.record("expected a refusal, got \(refused)")
            return
        }
        #expect(message.contains("filed as ninjs"))
        var newer = first
        newer.headline = "Tide tables reprinted for the season"
        newer.updated = Timestamp(first.published.instant.addingTimeInterval(3600))
        #expect(try await store.save(newer, status: .published) == .updated(id: id, revision: 2))
    }
}
