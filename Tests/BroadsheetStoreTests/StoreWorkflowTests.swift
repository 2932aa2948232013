import Broadsheet
import Foundation
import Testing

@Suite("The newsroom's workflow, in every store", .timeLimit(.minutes(10)))
struct StoreWorkflowTests {
    let editor = Attribution(actor: "amina", address: "192.0.2.7")

    @Test(arguments: StoreKind.allCases) func aStatusChangeIsARevisionOfWhoDidIt(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: editor)
        #expect(draft.status == .draft && draft.revision == 1)
        let versionBefore = try await store.archiveVersion()
        let published = try await store.change(articleID: draft.id, .publish, expectedRevision: 1, by: editor)
        #expect(published.status == .published && published.revision == 2)
        #expect(try await store.archiveVersion() > versionBefore)
        _ = try await store.change(articleID: draft.id, .unpublish, expectedRevision: nil, by: editor)
        let revisions = try await store.revisions(ofArticle: draft.id)
        #expect(revisions.map(\.status) == [.draft, .published, .draft])
        #expect(revisions.map(\.madeBy) == ["amina", "amina", "amina"])
        #expect(revisions.map(\.action) == ["article.create", "article.publish", "article.unpublish"])
        #expect(try await store.check().isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func anEditWithAStaleRevisionIsAConflict(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: editor)
        var content = draft.content
        content.headline = "Harbour bridge reopens to traffic"
        let edited = try await store.change(articleID: draft.id, .edit(content), expectedRevision: 1, by: editor)
        #expect(edited.revision == 2 && edited.slug.rawValue == "harbour-bridge-reopens-to-traffic")
        content.summary = "A colleague's change"
        await #expect(throws: StoreError.self) {
            try await store.change(articleID: draft.id, .edit(content), expectedRevision: 1, by: editor)
        }
        #expect(try await store.article(id: draft.id)?.content.summary == draft.content.summary)
        let audit = try await store.auditLog(limit: 10, before: nil)
        #expect(audit.first?.detail == "revision 2: headline")
        #expect(audit.first?.address == "192.0.2.7")
        #expect(try await store.check().isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func retractingAPublishedArticleLeavesItsPublicNote(kind: StoreKind)
        async throws
    {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let article = try await store.create(Story.make(), status: .published, by: editor)
        let retracted = try await store.change(
            articleID: article.id, .retract(note: "The report relied on a forged letter."), expectedRevision: nil,
            by: editor)
        #expect(retracted.status == .retracted)
        #expect(retracted.retraction?.note == "The report relied on a forged letter.")
        #expect(try await store.articles(matching: ArticleQuery()).items.isEmpty)
        await #expect(throws: StoreError.self) {
            try await store.change(articleID: article.id, .publish, expectedRevision: nil, by: editor)
        }

        let draft = try await store.create(Story.make(headline: "A draft pulled early"), status: .draft, by: editor)
        let withdrawn = try await store.change(
            articleID: draft.id, .retract(note: "never ran"), expectedRevision: nil, by: editor)
        #expect(withdrawn.status == .retracted && withdrawn.retraction == nil, "nothing to tell readers")
    }

    @Test(arguments: StoreKind.allCases) func correctionsArePublicAndDated(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: editor)
        await #expect(throws: StoreError.self) {
            try await store.change(
                articleID: draft.id, .correct(.correction, text: "x"), expectedRevision: nil, by: editor)
        }
        _ = try await store.change(articleID: draft.id, .publish, expectedRevision: nil, by: editor)
        let corrected = try await store.change(
            articleID: draft.id, .correct(.clarification, text: "The bridge is in Karachi, not Keamari."),
            expectedRevision: nil, by: editor)
        #expect(corrected.corrections.map(\.kind) == [.clarification])
        #expect(corrected.revision == 2, "a correction leaves the copy's revisions alone")
        _ = try await store.change(
            articleID: draft.id, .correct(.correction, text: "The ferry sails at nine."), expectedRevision: nil,
            by: editor)
        let read = try #require(try await store.article(id: draft.id))
        #expect(read.corrections.map(\.kind) == [.clarification, .correction], "in the order they were made")
        #expect(read.corrections.map(\.text) == ["The bridge is in Karachi, not Keamari.", "The ferry sails at nine."])
        #expect(read.corrections.allSatisfy { abs($0.createdAt.timeIntervalSinceNow) < 600 }, "each dated")
    }

    @Test(arguments: StoreKind.allCases) func scheduledDraftsArePublishedOnceWhenDue(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let draft = try await store.create(Story.make(), status: .draft, by: editor)
        let at = Date().addingTimeInterval(60)
        let scheduled = try await store.change(articleID: draft.id, .schedule(at), expectedRevision: nil, by: editor)
        #expect(scheduled.publishAt.map { Int($0.timeIntervalSince1970) } == Int(at.timeIntervalSince1970))
        #expect(try await store.publishDue(at: Date()).isEmpty)
        #expect(try await store.publishDue(at: at.addingTimeInterval(1)) == [draft.id])
        #expect(try await store.publishDue(at: at.addingTimeInterval(2)).isEmpty, "only once")
        let published = try #require(try await store.article(id: draft.id))
        #expect(published.status == .published && published.publishAt == nil)
        #expect(try await store.revisions(ofArticle: draft.id).last?.madeBy == "scheduler")
    }

    @Test(arguments: StoreKind.allCases) func ofTwoServersOnOneArchiveOnlyOnePublishesEachArticle(kind: StoreKind)
        async throws
    {
        let temporary = try await TemporaryStore(kind)
        let other = try temporary.reopen()
        var ids: [Int64] = []
        for index in 0..<20 {
            let draft = try await temporary.store.create(
                Story.make(headline: "Scheduled story \(index)"), status: .draft, by: editor)
            _ = try await temporary.store.change(
                articleID: draft.id, .schedule(Date().addingTimeInterval(-1)), expectedRevision: nil, by: editor)
            ids.append(draft.id)
        }
        async let first = temporary.store.publishDue(at: Date())
        async let second = other.publishDue(at: Date())
        let (a, b) = try await (first, second)
        #expect(Set(a).isDisjoint(with: b), "no article published twice")
        #expect(Set(a + b) == Set(ids))
        for id in ids { #expect(try await temporary.store.revisions(ofArticle: id).count == 2) }
        try await other.close()
    }

    @Test(arguments: StoreKind.allCases) func creatingATakenSourceIsAConflict(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        _ = try await temporary.store.create(Story.make(), status: .draft, by: editor)
        await #expect(throws: StoreError.self) {
            try await temporary.store.create(Story.make(), status: .draft, by: editor)
        }
    }
}

@Suite("Accounts, tokens and the audit log, in every store", .timeLimit(.minutes(10)))
struct StoreAccountTests {
    let admin = Attribution(actor: "cli:root")

    @Test(arguments: StoreKind.allCases) func tokensWorkUntilRevokedOrExpired(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let user = try await store.addUser(name: "amina", role: .editor, passwordHash: nil, by: admin)
        #expect(user.role == .editor)
        await #expect(throws: StoreError.self) {
            try await store.addUser(name: "amina", role: .admin, passwordHash: nil, by: admin)
        }
        let hash = String(repeating: "a", count: 64)
        let token = try await store.addToken(
            NewToken(userName: "amina", label: "laptop", hash: hash, expiresAt: Date().addingTimeInterval(3600)),
            by: admin)
        #expect(try await store.user(holdingTokenHash: hash, at: Date())?.name == "amina")
        #expect(try await store.user(holdingTokenHash: hash, at: Date().addingTimeInterval(7200)) == nil, "expired")
        try await store.revokeToken(id: token.id, by: admin)
        #expect(try await store.user(holdingTokenHash: hash, at: Date()) == nil, "revoked")
        #expect(try await store.tokens().first?.revokedAt != nil)
        try await store.removeUser(named: "amina", by: admin)
        #expect(try await store.users().isEmpty)
        #expect(try await store.tokens().isEmpty, "an account's tokens go with it")
        let actions = try await store.auditLog(limit: 10, before: nil).map(\.action)
        #expect(actions == ["user.remove", "token.revoke", "token.create", "user.add"])
    }
}
