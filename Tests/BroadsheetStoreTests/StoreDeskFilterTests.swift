import Broadsheet
import Foundation
import Testing

/// The desk's list filters (scheduled or not, first filed by, a headline's words) in every store.
@Suite("The desk's article filters, in every store", .timeLimit(.minutes(10)))
struct StoreDeskFilterTests {
    let amina = Attribution(actor: "amina", role: .contributor)
    let bilal = Attribution(actor: "bilal", role: .editor)

    @Test(arguments: StoreKind.allCases) func draftsSplitByScheduleFilerAndHeadline(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let own = try await store.create(
            Story.make(headline: "Ferry timetable changes for 50% of winter sailings"), status: .draft, by: amina)
        let other = try await store.create(
            Story.make(headline: "Library extends night hours"), status: .draft, by: bilal)
        _ = try await store.change(
            articleID: other.id, .schedule(Date().addingTimeInterval(86_400)), expectedRevision: nil, by: bilal)
        // An edit by someone else leaves who filed it.
        var edited = own.content
        edited.summary = "Sailings move by an hour."
        _ = try await store.change(articleID: own.id, .edit(edited), expectedRevision: nil, by: bilal)

        func ids(_ change: (inout ArticleQuery) -> Void) async throws -> [Int64] {
            var query = ArticleQuery(status: .draft)
            change(&query)
            let listed = try await store.articles(matching: query).items.map(\.id)
            #expect(try await store.count(matching: query) == listed.count)
            return listed
        }
        #expect(try await ids { $0.scheduled = false } == [own.id])
        #expect(try await ids { $0.scheduled = true } == [other.id])
        #expect(try await ids { $0.filedBy = "amina" } == [own.id])
        #expect(try await ids { $0.filedBy = "bilal" } == [other.id])
        #expect(try await ids { $0.filedBy = "nobody" }.isEmpty)
        #expect(try await ids { $0.headlineContains = "FERRY" } == [own.id])
        // LIKE's wildcards are taken as text.
        #expect(try await ids { $0.headlineContains = "50%" } == [own.id])
        #expect(try await ids { $0.headlineContains = "_" }.isEmpty)
        #expect(try await ids { $0.headlineContains = "night" } == [other.id])
    }
}

@Suite("Changing an account's role, in every store", .timeLimit(.minutes(10)))
struct StoreRoleChangeTests {
    @Test(arguments: StoreKind.allCases) func aRoleChangeIsAuditedAndAMissingAccountRefused(kind: StoreKind)
        async throws
    {
        let temporary = try await TemporaryStore(kind)
        let store = temporary.store
        let admin = Attribution(actor: "root", role: .admin)
        _ = try await store.addUser(name: "sana", role: .contributor, passwordHash: nil, by: admin)
        try await store.changeRole(of: "sana", to: .editor, by: admin)
        #expect(try await store.user(named: "sana")?.role == .editor)
        #expect(try await store.auditLog(limit: 1, before: nil).first?.detail == "sana: contributor to editor")
        await #expect(throws: StoreError.self) {
            try await store.changeRole(of: "nobody", to: .admin, by: admin)
        }
    }
}
