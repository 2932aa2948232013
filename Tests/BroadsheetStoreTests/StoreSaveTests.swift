import Broadsheet
import Foundation
import Testing

@Suite("Filing articles, in every store", .timeLimit(.minutes(10)))
struct StoreSaveTests {
    @Test(arguments: StoreKind.allCases) func createsThenReadsBackTheSameContent(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let content = Story.make()
        let outcome = try await temporary.store.save(content, status: .published)
        guard case .created(let id) = outcome else { Issue.record("expected created, got \(outcome)"); return }
        let article = try #require(try await temporary.store.article(id: id))
        #expect(article.content == content)
        #expect(article.revision == 1)
        #expect(article.status == .published)
        #expect(article.slug.rawValue == "harbour-bridge-reopens-after-repairs")
    }

    @Test(arguments: StoreKind.allCases) func everyKindOfBodyBlockIsKeptAndSearchable(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        var content = Story.make()
        content.body = [
            .paragraph("The bridge reopened."), .heading("Traffic"), .quote("“At last,” said a driver."),
            .list(BodyList(ordered: true, items: ["North lane", "South lane"])),
            .image(BodyImage(url: "https://cdn.example/bridge.jpg", alt: "The bridge", caption: "Cormorants overhead")),
            .preformatted("Lane  Open\nNorth yes"),
            .embed(EmbedLink(url: "https://video.example/9", title: "Drone flight")),
        ]
        let id = try await temporary.store.save(content, status: .published).articleID
        #expect(try await temporary.store.article(id: id)?.content == content)
        for word in ["cormorants", "south", "drone"] {
            let hits = try await temporary.store.search(SearchQuery(word)).hits
            #expect(hits.map(\.article.id) == [id], "\(word)")
        }
        #expect(try await temporary.store.save(content, status: .published) == .unchanged(id: id))
    }

    @Test(arguments: StoreKind.allCases) func theSameVersionAgainChangesNothing(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let first = try await temporary.store.save(Story.make(), status: .published)
        let second = try await temporary.store.save(Story.make(), status: .published)
        #expect(second == .unchanged(id: first.articleID))
        #expect(try await temporary.store.revisions(ofArticle: first.articleID).count == 1)
    }

    @Test(arguments: StoreKind.allCases) func aNewerVersionMakesARevisionAndKeepsTheOldOne(kind: StoreKind) async throws
    {
        let temporary = try await TemporaryStore(kind)
        let id = try await temporary.store.save(Story.make(), status: .published).articleID
        let newer = Story.make(body: ["The bridge reopened on Monday.", "Tolls stay suspended."], updatedHour: 10)
        #expect(try await temporary.store.save(newer, status: .published) == .updated(id: id, revision: 2))
        let revisions = try await temporary.store.revisions(ofArticle: id)
        #expect(revisions.map(\.number) == [1, 2])
        #expect(revisions[0].content == Story.make())
        #expect(revisions[1].content == newer)
        #expect(try await temporary.store.article(id: id)?.revision == 2)
        #expect(try await temporary.store.check().isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func anOlderVersionIsReportedAndIgnored(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let id = try await temporary.store.save(Story.make(updatedHour: 12), status: .published).articleID
        let older = Story.make(body: ["An early draft of the story."], updatedHour: 9)
        let outcome = try await temporary.store.save(older, status: .published)
        guard case .stale(let staleID, _) = outcome else { Issue.record("expected stale, got \(outcome)"); return }
        #expect(staleID == id)
        #expect(try await temporary.store.article(id: id)?.content == Story.make(updatedHour: 12))
    }

    @Test(arguments: StoreKind.allCases) func aFailingArticleLeavesNothingAndTheOthersGoIn(kind: StoreKind) async throws
    {
        let temporary = try await TemporaryStore(kind)
        _ = try await temporary.store.save(Story.make(headline: "First story of the day"), status: .published)
        var broken = Story.make(headline: "A story with a broken section")
        broken.section = Section(name: "!!!")
        await #expect(
            throws: StoreError.invalidContent(field: "section", reason: "must have a name made of letters or digits")
        ) {
            try await temporary.store.save(broken, status: .published)
        }
        _ = try await temporary.store.save(Story.make(headline: "Third story of the day"), status: .published)
        let stats = try await temporary.store.stats()
        #expect(stats.articles == 2)
        #expect(stats.revisions == 2)
        #expect(try await temporary.store.check().isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func aTopicNamedTwiceIsLinkedOnce(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let id = try await temporary.store.save(Story.make(topics: ["Rail", "rail", "Ports"]), status: .published)
            .articleID
        #expect(try await temporary.store.topics().map(\.term.name) == ["Ports", "Rail"])
        #expect(try await temporary.store.check().isEmpty, "article \(id) should check clean")
    }

    /// An import's batch is mostly new stories, filed together, among stories the archive
    /// already holds and stories a batch names twice; each must come out as if filed alone.
    @Test(arguments: StoreKind.allCases) func aMixedBatchFilesEachStoryAsIfAlone(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let kept = try await temporary.store.save(Story.make(headline: "Kept story"), status: .published).articleID
        let revised = try await temporary.store.save(Story.make(headline: "Revised story"), status: .draft).articleID
        let newer = Story.make(headline: "Revised story", body: ["A later telling."], updatedHour: 11)
        let fresh = Story.make(headline: "Fresh story", summary: nil, topics: ["Ports", "Rail"], byline: nil)
        let freshAgain = Story.make(
            headline: "Fresh story", summary: nil, topics: ["Ports", "Rail"], byline: nil, updatedHour: 12)
        let outcomes = try await temporary.store.save(
            [Story.make(headline: "Kept story"), fresh, newer, freshAgain, Story.make(headline: "Second fresh story")],
            status: .published
        ).map { try $0.get() }
        #expect(outcomes[0] == .unchanged(id: kept))
        guard case .created(let freshID) = outcomes[1], case .created(let secondID) = outcomes[4] else {
            Issue.record("expected the fresh stories created, got \(outcomes)")
            return
        }
        #expect(outcomes[2] == .updated(id: revised, revision: 2))
        #expect(
            outcomes[3] == .updated(id: freshID, revision: 2), "the story named twice is revised by its second copy")
        #expect(Set([kept, revised, freshID, secondID]).count == 4)
        let filed = try #require(try await temporary.store.article(id: freshID))
        #expect(filed.content == freshAgain)
        #expect(filed.status == .published)
        #expect(try await temporary.store.revisions(ofArticle: freshID).map(\.content) == [fresh, freshAgain])
        #expect(try await temporary.store.article(id: revised)?.status == .draft, "a revision keeps the stored status")
        #expect(try await temporary.store.article(id: secondID)?.content == Story.make(headline: "Second fresh story"))
        #expect(try await temporary.store.topics().map(\.term.name) == ["Infrastructure", "Ports", "Rail"])
        #expect(try await temporary.store.check().isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func aBatchRollsBackOnlyTheArticleThatFails(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        switch kind {
        case .sqlite:
            try await temporary.tamper(
                """
                CREATE TRIGGER refuse_doomed BEFORE INSERT ON articles WHEN NEW.headline = 'Doomed story'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        case .postgres:
            try await temporary.tamper(
                """
                CREATE FUNCTION refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.headline = 'Doomed story' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                    RETURN NEW;
                END $$
                """)
            try await temporary.tamper(
                "CREATE TRIGGER refuse_doomed BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse_doomed()")
        }
        var invalid = Story.make(headline: "Invalid story")
        invalid.section = Section(name: "!!!")
        let outcomes = try await temporary.store.save(
            [
                Story.make(headline: "First story"), Story.make(headline: "Doomed story", topics: ["Ports"]), invalid,
                Story.make(headline: "Last story"),
            ],
            status: .published)
        #expect(outcomes.count == 4)
        guard case .created = try outcomes[0].get() else {
            Issue.record("expected the first story created, got \(outcomes[0])")
            return
        }
        guard case .failure(.database(_, let message)) = outcomes[1] else {
            Issue.record("expected a database failure, got \(outcomes[1])")
            return
        }
        #expect(message.contains("refused by the test"))
        #expect(throws: StoreError.self) { try outcomes[2].get() }
        #expect((try? outcomes[3].get())?.articleID != nil)
        let stats = try await temporary.store.stats()
        #expect(stats.articles == 2)
        #expect(stats.revisions == 2)
        #expect(
            try await temporary.store.topics().map(\.term.name) == ["Infrastructure"],
            "the doomed story's topic left no link")
        #expect(try await temporary.store.check().isEmpty)
    }
}

@Suite("Two servers on one archive", .timeLimit(.minutes(10)))
struct SharedArchiveTests {
    /// What a second `broadsheet serve` relies on: another store's write moves the archive version
    /// it polls, and the article is there to read at once.
    @Test(arguments: StoreKind.allCases) func aSecondStoreSeesTheFirstsWrites(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let second = try temporary.reopen()
        let before = try await second.archiveVersion()
        let id = try await temporary.store.save(Story.make(), status: .published).articleID
        #expect(try await second.archiveVersion() > before)
        #expect(try await second.article(id: id)?.content == Story.make())
        try await temporary.store.savePublicationSettings(PublicationSettings(name: "The Evening Ledger"))
        #expect(try await second.publicationSettings().name == "The Evening Ledger")
        try await second.close()
    }
}
