import Broadsheet
import Foundation
import Testing

@testable import BroadsheetSQLite

@Suite("Copying a whole archive between stores", .timeLimit(.minutes(10)))
struct ArchiveCopyTests {
    /// A filled source and an empty target.
    func ends(_ route: (StoreKind, StoreKind)) async throws -> (source: TransferStore, target: TransferStore) {
        let source = try await TransferStore(route.0)
        try await ArchiveFixture.fill(source.store)
        return (source, try await TransferStore(route.1))
    }

    @Test(arguments: StoreKind.routes)
    func copiesTheWholeArchive(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        let copier = ArchiveCopier(from: source.store, to: target.store, batchSize: 4)
        var batches: [ArchivePart: Int] = [:]
        var reported = 0
        let outcome = try await copier.copy { progress in
            batches[progress.part, default: 0] += 1
            #expect(progress.done - reported <= 4, "a batch at a time, never more")
            reported = progress.done
        }
        #expect(batches[.articles] == 4, "14 articles in batches of 4")
        #expect(reported == (try await source.store.archiveCensus().total))
        #expect(outcome.copied[.articles] == 5 + ArchiveFixture.plainStories)
        #expect(outcome.copied[.users] == 2 && outcome.copied[.tokens] == 2)
        #expect(outcome.settingsCopied && !outcome.resumed)

        let original = try await ArchiveSnapshot(source)
        let copy = try await ArchiveSnapshot(target)
        #expect(copy.articles == original.articles)
        #expect(copy.revisions == original.revisions)
        #expect(copy.records == original.records, "every record as the transfer reads it, links and times included")
        #expect(copy.users == original.users)
        #expect(copy.tokens == original.tokens)
        #expect(copy.audit == original.audit)
        #expect(copy.settings == ArchiveFixture.settings)
        #expect(copy.searches == original.searches && copy.searches.allSatisfy { !$0.isEmpty })
        #expect(copy.snippets == original.snippets)
        #expect(copy.printedPageSearches == original.printedPageSearches)
        #expect(original.printedPageSearches.contains(["2025-04-29/2"]), "a page's words are found after a copy")
        #expect(copy.records.contains { $0.part == .printedPages && $0.count == 2 })
        #expect(copy.snippets.cut.allSatisfy { $0.allSatisfy { !$0.parts.isEmpty } }, "every hit has a snippet")
        #expect(copy == original)

        let comparison = try await copier.compare()
        #expect(comparison.agrees, "\(comparison)")
        #expect(comparison.targetProblems.isEmpty)
    }

    @Test(arguments: StoreKind.transferable)
    func thereAndBackAgainGivesTheSameArchive(through kind: StoreKind) async throws {
        let original = try await TransferStore(.sqlite)
        try await ArchiveFixture.fill(original.store)
        let middle = try await TransferStore(kind)
        let back = try await TransferStore(.sqlite)
        _ = try await ArchiveCopier(from: original.store, to: middle.store, batchSize: 5).copy()
        _ = try await ArchiveCopier(from: middle.store, to: back.store, batchSize: 3).copy()
        #expect(try await ArchiveSnapshot(back) == (try await ArchiveSnapshot(original)))
        #expect(try await back.store.check().isEmpty)
    }

    @Test(arguments: StoreKind.routes)
    func theCopyWorksAsAnArchiveOfItsOwn(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        _ = try await ArchiveCopier(from: source.store, to: target.store).copy()
        let copy = target.store
        let amina = try await copy.user(holdingTokenHash: ArchiveFixture.liveTokenHash, at: Date())
        #expect(amina?.name == "amina", "a token issued by the source lets its holder in")
        #expect(try await copy.user(holdingTokenHash: ArchiveFixture.revokedTokenHash, at: Date()) == nil)

        // New records get ids after the copied ones, and the scheduled draft still goes out.
        let lastArticle = try await copy.archiveCensus().lastIDs[.articles] ?? 0
        let fresh = try await copy.create(
            Story.make(headline: "Harbour regatta draws record crowd"), status: .published, by: ArchiveFixture.editor)
        #expect(fresh.id == lastArticle + 1)
        let newcomer = try await copy.addUser(
            name: "bilal", role: .contributor, passwordHash: nil, by: ArchiveFixture.editor)
        #expect(newcomer.id > (try await source.store.archiveCensus().lastIDs[.users] ?? 0))
        let token = try await copy.addToken(
            NewToken(userName: "bilal", label: "phone", hash: String(repeating: "e5", count: 32), expiresAt: nil),
            by: ArchiveFixture.editor)
        #expect(token.id > (try await source.store.archiveCensus().lastIDs[.tokens] ?? 0))
        let corrected = try await copy.change(
            articleID: fresh.id, .correct(.clarification, text: "The crowd was counted at the gates."),
            expectedRevision: nil, by: ArchiveFixture.editor)
        #expect(corrected.corrections.count == 1, "a new correction's id follows the copied ones")
        let published = try await copy.publishDue(at: ArchiveFixture.scheduledFor)
        #expect(published.count == 1)
        #expect(try await copy.check().isEmpty)
    }

    @Test(arguments: StoreKind.routes)
    func anInterruptedCopyResumesAndEndsEqual(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        struct Interrupted: Error {}
        let copier = ArchiveCopier(from: source.store, to: target.store, batchSize: 3)
        await #expect(throws: Interrupted.self) {
            _ = try await copier.copy { progress in
                if progress.part == .articles { throw Interrupted() }
            }
        }
        let partial = try await target.store.archiveCensus()
        #expect(partial[.articles] == 3, "one whole batch, no more")
        #expect(partial[.users] == 2 && partial[.audit] == 0)
        #expect(try await target.store.check().isEmpty, "what was written is whole")

        let outcome = try await copier.copy()
        #expect(outcome.resumed)
        #expect(outcome.alreadyThere[.articles] == 3)
        #expect(outcome.copied[.articles] == 2 + ArchiveFixture.plainStories)
        #expect(outcome.copied[.users] ?? 0 == 0)
        #expect(try await ArchiveSnapshot(target) == (try await ArchiveSnapshot(source)))
        #expect(try await copier.compare().agrees)

        let again = try await copier.copy()
        #expect(again.copied.values.allSatisfy { $0 == 0 }, "a finished copy run again writes nothing")
    }

    @Test(arguments: StoreKind.routes)
    func aCancelledCopyStopsBetweenBatches(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        let copier = ArchiveCopier(from: source.store, to: target.store, batchSize: 2)
        let task = Task {
            try await copier.copy { progress in
                if progress.part == .articles { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(try await target.store.archiveCensus()[.articles] == 2)
        _ = try await copier.copy()
        #expect(try await copier.compare().agrees)
    }

    @Test(arguments: StoreKind.routes)
    func aSourceWrittenAfterTheCopyDiffersUntilCopiedAgain(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        let copier = ArchiveCopier(from: source.store, to: target.store)
        _ = try await copier.copy()
        _ = try await source.store.save(Story.make(headline: "Late news from the harbour office"), status: .published)
        let stale = try await copier.compare()
        #expect(!stale.agrees)
        #expect(stale.mismatches == ["articles", "published", "revisions"])
        #expect(stale.sourceProblems.isEmpty && stale.targetProblems.isEmpty)

        let outcome = try await copier.copy()
        #expect(outcome.copied[.articles] == 1 && outcome.resumed)
        #expect(try await copier.compare().agrees)
    }

    /// A write to the source between two batches, be it a new record or a change in place (the
    /// settings, which no count shows), makes the copy fail rather than report a copy it is not.
    @Test(.timeLimit(.minutes(10)), arguments: StoreKind.routes)
    func aSourceWrittenDuringTheCopyIsRefused(route: (StoreKind, StoreKind)) async throws {
        for write in ["a new story", "new settings"] {
            let (source, target) = try await ends(route)
            let copier = ArchiveCopier(from: source.store, to: target.store, batchSize: 3)
            var written = false
            let error = await #expect(throws: ArchiveCopyError.self, "\(write)") {
                _ = try await copier.copy { progress in
                    guard progress.part == .articles, !written else { return }
                    written = true
                    if write == "a new story" {
                        _ = try await source.store.save(
                            Story.make(headline: "Ferry strike called off at dawn"), status: .published)
                    } else {
                        var settings = ArchiveFixture.settings
                        settings.extraSections = ["Harbour", "Weather"]
                        try await source.store.savePublicationSettings(settings)
                    }
                }
            }
            guard case .sourceChanged(let before, let after, let versionMoved)? = error else {
                Issue.record("expected sourceChanged after \(write), got \(String(describing: error))")
                continue
            }
            #expect(versionMoved, "\(write) moves the archive version")
            #expect(write == "a new story" ? after > before : after == before)
            #expect(error?.description.contains("copy again into a new, empty target") == true)
        }
    }

    @Test(arguments: StoreKind.routes)
    func aTargetHoldingAnotherArchiveIsRefused(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        _ = try await target.store.save(Story.make(headline: "Council approves new bus lanes"), status: .published)
        let before = try await target.store.archiveCensus()
        await #expect {
            _ = try await ArchiveCopier(from: source.store, to: target.store).copy()
        } throws: { error in
            guard case .differentArchive(.articles, 1, let theirs, let ours)? = error as? ArchiveCopyError else {
                return false
            }
            let message = "\(error)"
            return theirs != ours && ours != nil && message.contains("the target holds a different archive")
                && message.contains("new, empty database")
        }
        #expect(try await target.store.archiveCensus() == before, "nothing was written")
        #expect(try await target.store.publicationSettings() == PublicationSettings())
    }

    @Test(arguments: StoreKind.routes)
    func anAccountTheSourceLacksIsRefusedToo(route: (StoreKind, StoreKind)) async throws {
        let (source, target) = try await ends(route)
        _ = try await ArchiveCopier(from: source.store, to: target.store).copy()
        // Someone used the copy before the second run: it is no longer the source's copy.
        _ = try await target.store.addUser(
            name: "intruder", role: .admin, passwordHash: nil, by: Attribution(actor: "cli:root"))
        await #expect {
            _ = try await ArchiveCopier(from: source.store, to: target.store).copy()
        } throws: { error in
            guard case .differentArchive(.users, _, let theirs, nil)? = error as? ArchiveCopyError else { return false }
            return theirs.hasPrefix("'intruder' (added ") && "\(error)".contains("the source has no account")
        }
    }

    @Test(arguments: StoreKind.transferable)
    func aBatchWrittenTwiceIsWrittenOnce(kind: StoreKind) async throws {
        let source = try await TransferStore(kind)
        try await ArchiveFixture.fill(source.store)
        let target = try await TransferStore(kind)
        for part in ArchivePart.allCases {
            let batch = try await source.store.archived(part, after: 0, limit: 100)
            let version = try await target.store.archiveVersion()
            try await target.store.restore(batch)
            #expect(try await target.store.archiveVersion() == version + 1, "one change a batch")
            try await target.store.restore(batch)
        }
        #expect(try await target.store.archiveCensus() == (try await source.store.archiveCensus()))
        #expect(try await target.store.check().isEmpty)
    }
}
