import Foundation
import Testing

@testable import Broadsheet

@Suite("Related articles", .timeLimit(.minutes(10)))
struct RelatedArticlesTests {
    let day = EditionDate(year: 2025, month: 4, day: 29)!

    /// A small desk's week: a story about the harbour bridge, what is, and is not, like it, filed
    /// before it, and one filed after it.
    func archive(_ kind: StoreKind) async throws -> (TemporaryStore, [String: Int64]) {
        let temporary = try await TemporaryStore(kind)
        var ids: [String: Int64] = [:]
        func add(
            _ key: String, _ headline: String, section: String = "National", topics: [String] = [],
            days: Int = 0, place: String? = nil, status: ArticleStatus = .published
        ) async throws {
            var content = Story.make(
                headline: headline, section: section, topics: topics, date: day.adding(days: -days), hour: 8)
            content.dateline = place.map { Dateline(places: [$0]) }
            ids[key] = try await temporary.store.save(content, status: status).articleID
        }
        try await add(
            "tolls", "Harbour bridge repairs to raise tolls", topics: ["Infrastructure", "Transport"], days: 3)
        try await add("ferry", "Ferry timetable changes for winter", topics: ["Transport"], days: 1)
        try await add("bridges", "Inspectors check the city's bridges", section: "Metropolitan", days: 2)
        try await add("dateline", "Council approves budget", days: 4, place: "KARACHI")
        try await add("cricket", "Karachi Kings win the final", section: "Sport", days: 1)
        try await add("draft", "Harbour bridge draft notes", topics: ["Infrastructure", "Transport"], status: .draft)
        try await add("older", "Harbour bridge closes for repairs", topics: ["Infrastructure", "Transport"], days: 200)
        try await add(
            "bridge", "Harbour bridge reopens after repairs", topics: ["Infrastructure", "Transport"], place: "KARACHI")
        // As like the bridge story as a story can be, but filed after it: in no box of the stories before.
        try await add(
            "later", "Harbour bridge repairs end", topics: ["Infrastructure", "Transport"], days: -1, place: "KARACHI")
        return (temporary, ids)
    }

    @Test(arguments: StoreKind.allCases) func sharedTopicsLeadThenHeadlineWordsThenDatelineAndDesk(kind: StoreKind)
        async throws
    {
        let (temporary, ids) = try await archive(kind)
        let article = try #require(try await temporary.store.article(id: ids["bridge"]!))
        let related = try await temporary.store.related(to: article, limit: 5).map(\.id)
        #expect(!related.contains(ids["bridge"]!), "never the article itself")
        #expect(!related.contains(ids["draft"]!), "never an unpublished story")
        #expect(!related.contains(ids["cricket"]!), "nothing in common")
        #expect(!related.contains(ids["later"]!), "never a story filed after it")
        // Both share two topics and three headline words; the more recent comes first, though
        // the older one is otherwise as close.
        #expect(Array(related.prefix(2)) == [ids["tolls"]!, ids["older"]!])
        #expect(related[2] == ids["ferry"]!, "one shared topic")
        #expect(Set(related.suffix(2)) == [ids["bridges"]!, ids["dateline"]!])
        #expect(related.count == 5)
    }

    /// An export's memo keeps what every page reads alike, but each story's box is its own:
    /// shared topics are counted for the story at hand, whichever story the memo first met.
    @Test(arguments: StoreKind.allCases) func aMemoGivesEachStoryTheBoxItHasWithout(kind: StoreKind) async throws {
        let (temporary, ids) = try await archive(kind)
        var articles: [Article] = []
        for key in ["ferry", "bridge", "bridges", "cricket", "bridge"] {
            articles.append(try #require(try await temporary.store.article(id: ids[key]!)))
        }
        let without = try await Self.boxes(of: articles, in: temporary.store)
        let with = try await Self.boxes(of: articles, in: temporary.store, memo: RelatedCandidateMemo())
        #expect(with == without)
        #expect(without[1].count == 5, "the bridge story's box is full, so the comparison weighs something")
    }

    /// Once an export's memo holds everything a story's box draws on, the box is made without
    /// asking the database: here it is closed, and the box is still the one it was.
    @Test(arguments: StoreKind.allCases) func aMemoThatHoldsABoxAsksNoDatabase(kind: StoreKind) async throws {
        let (temporary, ids) = try await archive(kind)
        let article = try #require(try await temporary.store.article(id: ids["bridge"]!))
        let other = try #require(try await temporary.store.article(id: ids["cricket"]!))
        let memo = RelatedCandidateMemo()
        let first = try await RelatedCandidateMemo.$current.withValue(memo) {
            try await temporary.store.related(to: article, limit: 5)
        }
        try await temporary.store.close()
        let again = try await RelatedCandidateMemo.$current.withValue(memo) {
            try await temporary.store.related(to: article, limit: 5)
        }
        #expect(again == first)
        #expect(first.count == 5)
        // What the memo has not seen still goes to the database, which is closed.
        await #expect(throws: (any Error).self) {
            try await RelatedCandidateMemo.$current.withValue(memo) {
                try await temporary.store.related(to: other, limit: 5)
            }
        }
    }

    /// An export reads ahead what a batch of stories' boxes draw on, in one read; each story's
    /// box then comes from the memo alone, with the database closed, as it would have been made
    /// from it. Without a memo the read-ahead reads nothing, and a closed store is no matter.
    @Test(arguments: StoreKind.allCases) func boxesReadAheadNeedNoDatabase(kind: StoreKind) async throws {
        let (temporary, ids) = try await archive(kind)
        var articles: [Article] = []
        for key in ["ferry", "bridge", "bridges", "cricket"] {
            articles.append(try #require(try await temporary.store.article(id: ids[key]!)))
        }
        let without = try await Self.boxes(of: articles, in: temporary.store)
        let memo = RelatedCandidateMemo()
        try await RelatedCandidateMemo.$current.withValue(memo) {
            try await temporary.store.readRelatedAhead(of: articles, limit: 5)
        }
        #expect(memo.heldBoxes == 4, "each box is held for its page")
        try await temporary.store.close()
        let with = try await Self.boxes(of: articles, in: temporary.store, memo: memo)
        #expect(with == without)
        #expect(memo.heldBoxes == 0, "each page took its box")
        // Taken once: made again, from the memo alone, it is the same box.
        #expect(try await Self.boxes(of: articles, in: temporary.store, memo: memo) == without)
        #expect(without[1].count == 5, "the bridge story's box is full, so the comparison weighs something")
        try await temporary.store.readRelatedAhead(of: articles, limit: 5)
    }

    /// Each story's related box of five, made with `memo` bound when there is one.
    static func boxes(of articles: [Article], in store: any ArticleStore, memo: RelatedCandidateMemo? = nil)
        async throws -> [[ArticleSummary]]
    {
        try await RelatedCandidateMemo.$current.withValue(memo) {
            var boxes: [[ArticleSummary]] = []
            for article in articles { boxes.append(try await store.related(to: article, limit: 5)) }
            return boxes
        }
    }

    /// A box weighs the last 200 stories filed before it that share a headline word. An export's
    /// memo asks for each word's on its own, and must find the same 200: a story sharing more
    /// words, but just past them, stays out, one just within them is shown, and one filed after
    /// the story is no candidate.
    @Test(arguments: StoreKind.allCases) func aMemoWeighsTheSameNewestHeadlineMatches(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        func add(_ headline: String) async throws -> Int64 {
            try await temporary.store.save(
                Story.make(headline: headline, topics: [], date: day), status: .published
            ).articleID
        }
        let past = try await add("Harbour tide warning lifted")
        let within = try await add("Harbour tide notice")
        for index in 0..<199 {
            _ = try await add(index.isMultiple(of: 2) ? "Harbour report \(index)" : "Tide chart \(index)")
        }
        let article = try #require(try await temporary.store.article(id: try await add("Harbour tide warning")))
        let after = try await add("Harbour tide warning ends")
        let without = try await temporary.store.related(to: article, limit: 5)
        let with = try await RelatedCandidateMemo.$current.withValue(RelatedCandidateMemo()) {
            try await temporary.store.related(to: article, limit: 5)
        }
        #expect(with == without)
        #expect(without.first?.id == within, "two shared words lead the box")
        #expect(!without.contains { $0.id == past }, "three shared words, but the 201st before it")
        #expect(!without.contains { $0.id == after }, "three shared words, but filed after it")
    }

    /// A box weighs the last sixty published stories of a topic filed before it. A draft the desk
    /// filed is no candidate, and it takes no candidate's place either: a busy topic's drafts,
    /// filed all day, would otherwise push published stories out of the boxes of the stories after.
    @Test(arguments: StoreKind.allCases) func aDraftTakesNoPlaceInTheListsABoxDrawsOn(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        func add(_ headline: String, topics: [String], status: ArticleStatus = .published) async throws -> Int64 {
            try await temporary.store.save(
                Story.make(headline: headline, section: "Sport", topics: topics, date: day), status: status
            ).articleID
        }
        // Two topics in common: first in the bridge's box while it is among the Tides' last sixty.
        let keeper = try await add("Lighthouse keeper retires", topics: ["Tides", "Ferries"])
        _ = try await add("Notice to come", topics: ["Tides"], status: .draft)
        for number in 1...59 { _ = try await add("Notice \(number)", topics: ["Tides"]) }
        var content = Story.make(headline: "Harbour bridge reopens", topics: ["Tides", "Ferries"], date: day)
        content.section = Section(name: "National")
        let bridge = try await temporary.store.save(content, status: .published).articleID
        let article = try #require(try await temporary.store.article(id: bridge))
        let box = try await temporary.store.related(to: article, limit: 5).map(\.id)
        #expect(box.first == keeper, "the sixtieth published story before it, with the draft between them")
        let memo = try await RelatedCandidateMemo.$current.withValue(RelatedCandidateMemo()) {
            try await temporary.store.related(to: article, limit: 5).map(\.id)
        }
        #expect(memo == box, "an export's memo reads the same lists")
    }

    @Test(arguments: StoreKind.allCases) func theLimitHolds(kind: StoreKind) async throws {
        let (temporary, ids) = try await archive(kind)
        let article = try #require(try await temporary.store.article(id: ids["bridge"]!))
        #expect(try await temporary.store.related(to: article, limit: 2).count == 2)
    }

    @Test(arguments: StoreKind.allCases) func aLoneStoryHasNoneRelated(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        let id = try await temporary.store.save(Story.make(topics: []), status: .published).articleID
        let article = try #require(try await temporary.store.article(id: id))
        #expect(try await temporary.store.related(to: article, limit: 5).isEmpty)
    }

    /// Headline words are looked up in headlines only, each story in its own language: a story
    /// whose body, not its headline, has the words is no candidate (it would be ranked on its
    /// dateline alone).
    @Test(arguments: StoreKind.allCases) func headlineWordsMeetHeadlinesOnly(kind: StoreKind) async throws {
        let temporary = try await TemporaryStore(kind)
        func add(_ headline: String, section: String, body: String, language: String = "en") async throws -> Int64 {
            var content = Story.make(headline: headline, summary: nil, body: [body], section: section, topics: [])
            content.language = language
            return try await temporary.store.save(content, status: .published).articleID
        }
        let lamp = try await add("Lighthouse lamp restored", section: "Metropolitan", body: "It shines again.")
        _ = try await add("Council approves budget", section: "Business", body: "A lighthouse keeper's pension.")
        let keeper = try await add("Lighthouse keeper retires", section: "National", body: "Forty years at the lamp.")
        let rain = try await add("شہر میں بارش", section: "Letters", body: "سڑکیں ڈوب گئیں۔", language: "ur")
        let mushaira = try await add("شہر میں مشاعرہ", section: "Culture", body: "شاعر آئے۔", language: "ur")
        let english = try #require(try await temporary.store.article(id: keeper))
        #expect(try await temporary.store.related(to: english, limit: 5).map(\.id) == [lamp])
        let urdu = try #require(try await temporary.store.article(id: mushaira))
        #expect(try await temporary.store.related(to: urdu, limit: 5).map(\.id) == [rain])
    }

    @Test func headlineWordsLeaveOutTheSmallOnes() {
        #expect(
            RelatedArticles.headlineWords(in: "The Bridges of the City are OPEN again") == [
                "bridges", "city", "open", "again",
            ])
        #expect(
            RelatedArticles.significantWords(in: "Bridges reopened, cities closed") == [
                "bridge", "reopen", "city", "clos",
            ])
        #expect(RelatedArticles.significantWords(in: "Harbour bridge reopens") == ["harbour", "bridge", "reopen"])
        #expect(RelatedArticles.headlineWords(in: "شہر میں مشاعرہ") == ["شہر", "میں", "مشاعرہ"])
    }

    /// An all-ASCII headline is read byte by byte; it must give the words the Unicode reading
    /// gives. A trailing non-ASCII word sends the same headline down the Unicode path.
    @Test func anASCIIHeadlineGivesTheWordsTheUnicodeReadingGives() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 ,.'-:;!?/()&\"_\t")
        var headlines = [
            "Fed's 2026 rate-cut plan, explained", "U.S. OPENS 3rd port_terminal (again)", "", "   ",
            "the THE The", "A1 b22 c333 d4444", "Tom & Jerry: 50 years on!", "don't/won't/can't",
        ]
        for _ in 0..<200 {
            headlines.append(
                String((0..<Int.random(in: 0..<40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        }
        for headline in headlines {
            #expect(
                RelatedArticles.headlineWords(in: headline + " é") == RelatedArticles.headlineWords(in: headline) + [
                    "é"
                ],
                "\(headline)")
        }
    }

    /// The same for the stemmed words ranking compares: stemmed on bytes, as the Unicode path
    /// stems them.
    @Test func anASCIIHeadlineIsStemmedAsTheUnicodeReadingStemsIt() {
        var rng = SystemRandomNumberGenerator()
        let endings = ["ies", "sses", "xes", "ches", "shes", "zes", "s", "ss", "ing", "ed", "eed", "", "y"]
        var headlines = [
            "Bridges reopened, cities closed", "Glass boxes for churches", "Agreed: running wishes fizzes",
            "Buses, gases and axes", "Seed feed deed bed", "ies sses ing", "Ferries PASSED the MOORINGS",
        ]
        for _ in 0..<200 {
            headlines.append(
                (0..<Int.random(in: 1..<8, using: &rng)).map { _ in
                    String(
                        (0..<Int.random(in: 0..<6, using: &rng)).map { _ in "abcdehrst".randomElement(using: &rng)! })
                        + endings.randomElement(using: &rng)!
                }.joined(separator: " "))
        }
        for headline in headlines {
            #expect(
                RelatedArticles.significantWords(in: headline + " é")
                    == RelatedArticles.significantWords(in: headline).union(["é"]), "\(headline)")
        }
    }

    /// Ranking compares words by key: a headline's keys are those of its stemmed words, each
    /// once, on the ASCII path and the Unicode one alike.
    @Test func aHeadlinesKeysAreThoseOfItsStemmedWords() {
        var rng = SystemRandomNumberGenerator()
        var headlines = [
            "Bridges reopened, cities closed", "Bridge bridges BRIDGE", "The and for", "", "Ferries PASSED 2026",
            "شہر میں مشاعرہ", "Crème brûlée festivals open", "ab cd efg",
        ]
        for _ in 0..<200 {
            headlines.append(
                (0..<Int.random(in: 1..<8, using: &rng)).map { _ in
                    String(
                        (0..<Int.random(in: 0..<7, using: &rng)).map { _ in "abdehrsty".randomElement(using: &rng)! })
                }.joined(separator: " "))
        }
        for headline in headlines + headlines.map({ $0 + " é" }) {
            let keys = HeadlineWordKeys.keys(in: headline)
            #expect(Set(keys).count == keys.count, "\(headline)")
            // Worked out, then remembered: the same keys both times.
            #expect(HeadlineWordKeys.remembered(in: headline) == keys, "\(headline)")
            #expect(HeadlineWordKeys.remembered(in: headline) == keys, "\(headline)")
            #expect(
                Set(keys) == Set(RelatedArticles.significantWords(in: headline).map { HeadlineWordKeys.key($0.utf8) }),
                "\(headline)")
        }
    }

    /// A candidate's keys, held inline up to eight and the rest beside them, share with an
    /// article's words what the keys' array shares, whatever their number.
    @Test func inlineHeadlineKeysShareWhatTheirArrayShares() {
        var rng = SystemRandomNumberGenerator()
        for count in 0...20 {
            let keys = (0..<count).map { UInt64($0 * 7 + 3) }
            let held = HeadlineKeys(keys)
            for words in [
                [], keys, Array(keys.suffix(3)), [3, 10, 999, 52, 73],
                (0..<6).map { _ in UInt64.random(in: 0..<150, using: &rng) },
            ] {
                #expect(held.shared(with: words) == keys.count(where: words.contains), "\(count) keys, \(words)")
            }
        }
    }

    /// The ranking keeps the best few as it goes; what it picks is what sorting every candidate
    /// by score, then recency, then id picks, ties, repeats and all.
    @Test(arguments: [0, 1, 5, 12]) func theBestFewAreThoseAFullSortPutsFirst(limit: Int) {
        var content = Story.make(headline: "Harbour bridge repairs reopen the ferry", section: "National")
        content.dateline = Dateline(places: ["KARACHI"])
        let article = Article(id: 1, slug: Slug("harbour"), status: .published, revision: 1, content: content)
        let headlines = ["Harbour tolls rise", "Ferry repairs begin", "Bridge and ferry reopen", "Budget passes"]
        // A fixed walk through the kinds of candidate: few published times, so that ties are many.
        var candidates: [RelatedArticles.Candidate] = []
        for index in 0..<300 {
            let id = Int64(index % 280 + 1)  // the last twenty meet ids again, with other scores
            candidates.append(
                RelatedArticles.Candidate(
                    id: id, headline: headlines[index * 7 % headlines.count],
                    dateline: index % 5 == 0 ? "KARACHI" : nil, sectionSlug: index % 3 == 0 ? "national" : "sport",
                    published: Date(timeIntervalSince1970: Double(index * 13 % 9) * 3600),
                    sharedTopics: index * 11 % 4))
        }
        let words = HeadlineWordKeys.keys(in: content.headline)
        var best: [Int64: (score: Int, published: Date)] = [:]
        for candidate in candidates where candidate.id != article.id {
            let score =
                candidate.sharedTopics * 6 + min(candidate.headlineKeys.shared(with: words), 4) * 3
                + (candidate.dateline == "KARACHI" ? 2 : 0) + (candidate.sectionSlug == "national" ? 1 : 0)
            if score > (best[candidate.id]?.score ?? -1) { best[candidate.id] = (score, candidate.published) }
        }
        let sorted = best.filter { $0.value.score > 1 }.sorted {
            ($0.value.score, $0.value.published, $0.key) > ($1.value.score, $1.value.published, $1.key)
        }
        #expect(RelatedArticles.rank(candidates, for: article, limit: limit) == sorted.prefix(limit).map(\.key))
    }

    /// The newest of each headline word's list, merged, are the newest of all of them together:
    /// overlaps are counted once, short lists run out, and a list not newest first is still read.
    @Test func theMergedNewestAreThoseOfTheUnionSorted() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let lists: [[Int64]] = (0..<(round % 9)).map { index in
                let list = Set(
                    (0..<Int.random(in: 0...260, using: &generator)).map { _ in
                        Int64.random(in: 1...900, using: &generator)
                    }
                ).sorted(by: >)
                return index == 3 ? list.shuffled(using: &generator) : list
            }
            let expected = Array(Set(lists.joined()).sorted(by: >).prefix(RelatedArticles.headlineMatches))
            #expect(RelatedCandidateMemo.newest(of: lists) == expected, "lists: \(lists.map(\.count))")
        }
    }

    /// Past its capacity the memo starts again and still answers with each headline's keys.
    @Test func rememberedKeysOutliveAFullMemo() {
        let capacity = HeadlineWordKeys.rememberedCapacity
        let headlines = (0...capacity).map { "Harbour notice \($0) for ferries" }
        for headline in headlines { _ = HeadlineWordKeys.remembered(in: headline) }
        for headline in [headlines[0], headlines[capacity], "Tide tables reprinted"] {
            #expect(HeadlineWordKeys.remembered(in: headline) == HeadlineWordKeys.keys(in: headline))
        }
    }

    /// A candidate is read once a run; an id the read did not answer (a draft) is remembered as
    /// none; past its capacity the memo starts again and still answers.
    @Test func theMemoReadsEachCandidateOnce() {
        let memo = RelatedCandidateMemo(capacity: 4)
        var asked: [[Int64]] = []
        func read(_ ids: [Int64]) -> [RelatedArticles.Candidate] {
            asked.append(ids.sorted())
            return ids.filter { $0 != 2 }.map {
                RelatedArticles.Candidate(
                    id: $0, headline: "Notice \($0)", dateline: nil, sectionSlug: "national",
                    published: Date(timeIntervalSince1970: Double($0)), sharedTopics: 0)
            }
        }
        #expect(memo.candidates([1, 2, 3], orRead: read).map(\.id).sorted() == [1, 3])
        #expect(memo.candidates([3, 2, 1], orRead: read).map(\.id).sorted() == [1, 3])
        #expect(asked == [[1, 2, 3]])
        #expect(memo.candidates([1, 4], orRead: read).map(\.id).sorted() == [1, 4])
        #expect(asked == [[1, 2, 3], [4]])
        // Three known and two new pass the capacity of four: it starts again from the two.
        #expect(memo.candidates([5, 6], orRead: read).map(\.id).sorted() == [5, 6])
        #expect(memo.candidates([1, 5], orRead: read).map(\.id).sorted() == [1, 5])
        #expect(asked == [[1, 2, 3], [4], [5, 6], [1]])
    }

    /// A box asks for the stories of a list filed before its own; one read brings several boxes'
    /// worth, so the stories filed just before are answered without another, and a list is read
    /// again only where the stretch held cannot say.
    @Test func theMemoReadsAListInStretches() {
        let memo = RelatedCandidateMemo()
        var reads = 0
        func first(_ asked: Int, below: Int64, of list: [Int64]) -> [Int64] {
            reads += 1
            return Array(list.filter { $0 < below }.prefix(asked))
        }
        let transport = (1...100).reversed().map(Int64.init)
        func boxOf(_ id: Int64) -> [Int64] {
            memo.ids(of: .topic("transport"), first: 3, below: id) { first($0, below: $1, of: transport) }
        }
        #expect(boxOf(90) == [89, 88, 87])
        for id in (70...89).reversed() { #expect(boxOf(Int64(id)) == [id - 1, id - 2, id - 3].map(Int64.init)) }
        #expect(reads == 1, "the twenty stories filed just before are answered from the first read")
        #expect(boxOf(95) == [94, 93, 92])
        #expect(reads == 2, "a story filed after the stretch is read again")
        #expect(boxOf(91) == [90, 89, 88])
        #expect(reads == 2, "and its read joined the stretch below it")
        #expect(boxOf(40) == [39, 38, 37])
        #expect(reads == 3)
        // A list that runs out is known to: a story filed at its start asks nothing more.
        let section = memo.ids(of: .section("transport"), first: 3, below: 5) { first($0, below: $1, of: [7, 4, 2]) }
        #expect(section == [4, 2], "a topic and a section of one slug are two lists")
        #expect(memo.ids(of: .section("transport"), first: 3, below: 3) { first($0, below: $1, of: []) } == [2])
        #expect(reads == 4)
        // Past its capacity of ids in lists (a headline word has a list) it starts again.
        let words = RelatedCandidateMemo(listCapacity: 2)
        for word in ["tide", "ferry", "tide", "harbour", "tide"] {
            _ = words.ids(of: .headlineWord(word), first: 1, below: 5) { first($0, below: $1, of: [1]) }
        }
        #expect(reads == 8, "tide, ferry; tide known; harbour starts again; tide read again")
    }

    /// Whatever order the boxes ask in, the memo answers each as the list read afresh would:
    /// stretches joined, replaced, cut from the top and let go past the memo's capacity.
    @Test(arguments: [20, 200, 100_000]) func theMemosStretchesAnswerAsTheListWould(listCapacity: Int) {
        var generator = SystemRandomNumberGenerator()
        let memo = RelatedCandidateMemo(listCapacity: listCapacity)
        let lists: [RelatedCandidateMemo.List: [Int64]] = Dictionary(
            uniqueKeysWithValues: ["a", "b", "c"].map { slug in
                let size = Int.random(in: 0...400, using: &generator)
                let ids = Set((0..<size).map { _ in Int64.random(in: 1...1_000, using: &generator) })
                return (RelatedCandidateMemo.List.topic(slug), ids.sorted(by: >))
            })
        var bound: Int64 = 1_000
        for _ in 0..<2_000 {
            // Mostly a little lower each time, as an export walks down; now and then anywhere.
            bound =
                Int.random(in: 0..<10, using: &generator) == 0
                ? Int64.random(in: 1...1_001, using: &generator)
                : max(1, bound - Int64.random(in: -3...6, using: &generator))
            let count = [1, 3, 20].randomElement(using: &generator)!
            let (name, list) = lists.randomElement(using: &generator)!
            let expected = Array(list.filter { $0 < bound }.prefix(count))
            let answered = memo.ids(of: name, first: count, below: bound) { asked, below in
                Array(list.filter { $0 < below }.prefix(asked))
            }
            #expect(answered == expected, "\(name) below \(bound), \(count)")
        }
    }

    /// The cards of the stories a box shows are remembered as candidates are, apart from them.
    @Test func theMemoReadsEachShownStorysSummaryOnce() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        var summaries: [ArticleSummary] = []
        for headline in ["Harbour bridge reopens", "Ferry timetable changes"] {
            let id = try await temporary.store.save(Story.make(headline: headline), status: .published).articleID
            summaries.append(ArticleSummary(try #require(try await temporary.store.article(id: id))))
        }
        let memo = RelatedCandidateMemo(summaryCapacity: 1)
        var asked: [[Int64]] = []
        func read(_ ids: [Int64]) -> [ArticleSummary] {
            asked.append(ids)
            return summaries.filter { ids.contains($0.id) }
        }
        let first = summaries[0].id
        let second = summaries[1].id
        #expect(memo.summaries([first], orRead: read) == [summaries[0]])
        #expect(memo.summaries([first], orRead: read) == [summaries[0]])
        #expect(memo.candidates([first]) { _ in [] }.isEmpty, "a remembered card is no candidate")
        #expect(memo.summaries([second], orRead: read) == [summaries[1]])
        #expect(memo.summaries([first], orRead: read) == [summaries[0]])
        #expect(asked == [[first], [second], [first]], "past its capacity of one it starts again")
    }
}
