import Foundation
import Testing

@testable import Broadsheet

@Suite("Comparing two revisions side by side", .timeLimit(.minutes(10)))
struct RevisionDiffTests {
    static let copy = ArticleContent(
        headline: "Harbour bridge reopens after repairs", summary: "Traffic returns to the old crossing.",
        byline: "Sana Mirza | AFP",
        authors: [Author(name: "Sana Mirza", kind: .person), Author(name: "AFP", kind: .agency)],
        dateline: Dateline(places: ["KARACHI"]),
        body: [
            .paragraph("The bridge reopened on Monday after six weeks of repairs."),
            .paragraph("Engineers replaced the worn cables and resurfaced the deck."),
            .quote("“We are glad to have it back,” said a ferryman."),
            .list(BodyList(ordered: false, items: ["New cables", "A wider footpath"])),
            .image(BodyImage(url: "/img/bridge.jpg", alt: "The bridge at dusk", caption: "Reopened")),
        ],
        section: Section(name: "National"), topics: [Topic(name: "Infrastructure"), Topic(name: "Karachi")],
        language: "en", published: Timestamp(Date(timeIntervalSince1970: 1_745_900_000)),
        edition: EditionReference(
            publication: "The Daily Ledger", date: EditionDate(year: 2025, month: 4, day: 29)!,
            page: PageReference(number: 3, name: "Metropolitan")),
        source: ArticleSource(format: "api", uri: "api:1"))

    static func edited(_ change: (inout ArticleContent) -> Void) -> ArticleContent {
        var content = copy
        change(&content)
        return content
    }

    /// Every row's sides, as `label: [segments]`, for tables that read like the page.
    static func sides(_ rows: [RevisionDiff.Row]) -> [String] {
        rows.map { row in
            func show(_ side: RevisionDiff.Side?) -> String {
                guard let side else { return "—" }
                return side.label + ": "
                    + side.segments.map { segment in
                        switch segment {
                        case .same(let text): text
                        case .removed(let text): "[-\(text)-]"
                        case .added(let text): "{+\(text)+}"
                        }
                    }.joined()
            }
            return show(row.left) + " | " + show(row.right)
        }
    }

    @Test func theSameVersionShowsEveryFieldUnchangedInReadingOrder() {
        let diff = RevisionDiff(from: Self.copy, to: Self.copy)
        #expect(diff.fields.map(\.field) == RevisionDiff.Field.allCases)
        #expect(!diff.hasChanges)
        #expect(diff.changedFields.isEmpty)
        for field in diff.fields {
            #expect(!field.changed)
            #expect(!field.rows.isEmpty, "\(field.field)")
            for row in field.rows {
                #expect(!row.changed)
                #expect(row.left == row.right)
                #expect(row.left?.segments.allSatisfy { !$0.isChange } == true)
            }
        }
        #expect(Self.sides(diff[.body].rows).count == 8)
        #expect(
            Self.sides(diff[.edition].rows) == [
                "publication: The Daily Ledger | publication: The Daily Ledger", "date: 2025-04-29 | date: 2025-04-29",
                "page: 3 | page: 3", "page name: Metropolitan | page name: Metropolitan",
            ])
    }

    @Test func aHeadlineEditMarksOnlyTheNewWords() {
        let newer = Self.edited { $0.headline = "Harbour bridge reopens to traffic after repairs" }
        let diff = RevisionDiff(from: Self.copy, to: newer)
        #expect(diff.changedFields.map(\.field) == [.headline])
        #expect(
            Self.sides(diff[.headline].rows) == [
                "headline: Harbour bridge reopens after repairs | headline: Harbour bridge reopens {+to traffic +}after repairs"
            ])
    }

    @Test func aRewrittenPhraseReadsAsOneRemovalAndOneAddition() {
        let sides = WordDifference.sides("the cat sat on the mat", "a dog ran on the mat")
        #expect(sides.left == [.removed("the cat sat"), .same(" on the mat")])
        #expect(sides.right == [.added("a dog ran"), .same(" on the mat")])
    }

    @Test func aChangeOfSpacingOrOfTheLastWordShows() {
        let spacing = WordDifference.sides("High 06:12", "High  06:12")
        #expect(spacing.left == [.same("High"), .removed(" "), .same("06:12")])
        #expect(spacing.right == [.same("High"), .added("  "), .same("06:12")])
        let appended = WordDifference.sides("The vote was close", "The vote was close.")
        #expect(appended.left == [.same("The vote was "), .removed("close")])
        #expect(appended.right == [.same("The vote was "), .added("close.")])
        let more = WordDifference.sides("The vote was close", "The vote was close on Tuesday")
        #expect(more.left == [.same("The vote was close")])
        #expect(more.right == [.same("The vote was close"), .added(" on Tuesday")])
    }

    @Test func urduAndArabicWordsCompareLikeAnyOther() {
        let newer = Self.edited {
            $0.language = "ur"
            $0.headline = "کراچی میں بندرگاہ کا پل مرمت کے بعد کھل گیا"
        }
        var older = Self.copy
        older.language = "ur"
        older.headline = "کراچی میں بندرگاہ کا پل دوبارہ کھل گیا"
        let diff = RevisionDiff(from: older, to: newer)
        #expect(
            Self.sides(diff[.headline].rows) == [
                "headline: کراچی میں بندرگاہ کا پل [-دوبارہ-] کھل گیا | headline: کراچی میں بندرگاہ کا پل {+مرمت کے بعد+} کھل گیا"
            ])
        let arabic = WordDifference.sides("قال الصياد إن الجسر جميل", "قال الصياد إن الجسر الجديد جميل")
        #expect(arabic.right == [.same("قال الصياد إن الجسر "), .added("الجديد "), .same("جميل")])
    }

    @Test func anOptionalFieldAddedOrRemovedHasOneSide() {
        let newer = Self.edited {
            $0.summary = nil
            $0.byline = "Sana Mirza"
            $0.dateline = Dateline(places: ["LONDON"], date: "April 28", agency: "Reuters", style: .wire)
        }
        let diff = RevisionDiff(from: Self.copy, to: newer)
        #expect(diff.changedFields.map(\.field) == [.summary, .byline, .dateline])
        #expect(Self.sides(diff[.summary].rows) == ["summary: [-Traffic returns to the old crossing.-] | —"])
        #expect(Self.sides(diff[.byline].rows) == ["byline: Sana Mirza[- | AFP-] | byline: Sana Mirza"])
        #expect(
            Self.sides(diff[.dateline].rows) == ["dateline: [-KARACHI:-] | dateline: {+LONDON, April 28 (Reuters) -+}"])
        let neither = RevisionDiff(
            from: newer,
            to: Self.edited {
                $0.summary = nil; $0.byline = "Sana Mirza"
            })
        #expect(neither[.summary].rows.isEmpty)
        #expect(!neither[.summary].changed)
    }

    @Test func authorsAndTopicsLineUpOnePerRow() {
        let newer = Self.edited {
            $0.authors = [
                Author(name: "Sana Mirza", kind: .staff), Author(name: "Reuters", kind: .agency),
                Author(name: "Omar Latif", kind: .person),
            ]
            $0.topics = [Topic(name: "Karachi"), Topic(name: "Harbour")]
        }
        let diff = RevisionDiff(from: Self.copy, to: newer)
        #expect(
            Self.sides(diff[.authors].rows) == [
                "person: Sana Mirza | staff: Sana Mirza", "agency: [-AFP-] | —", "— | agency: {+Reuters+}",
                "— | person: {+Omar Latif+}",
            ])
        #expect(diff[.authors].rows.map(\.changed) == [true, true, true, true])
        #expect(
            Self.sides(diff[.topics].rows) == [
                "topic: [-Infrastructure-] | —", "topic: Karachi | topic: Karachi", "— | topic: {+Harbour+}",
            ])
    }

    @Test func theEditionShowsTheNewPageAndDate() {
        let newer = Self.edited {
            $0.edition.date = EditionDate(year: 2025, month: 4, day: 30)!
            $0.edition.page = PageReference(number: 1)
            $0.edition.region = "Karachi"
        }
        #expect(
            Self.sides(RevisionDiff(from: Self.copy, to: newer)[.edition].rows) == [
                "publication: The Daily Ledger | publication: The Daily Ledger",
                "date: [-2025-04-29-] | date: {+2025-04-30+}", "— | region: {+Karachi+}", "page: [-3-] | page: {+1+}",
                "page name: [-Metropolitan-] | —",
            ])
    }

    @Test func aNewParagraphIsAddedWithoutDisturbingItsNeighbours() {
        let newer = Self.edited {
            $0.body.insert(.paragraph("Tolls will stay at last year's rate."), at: 1)
            $0.body[2] = .paragraph("Engineers replaced the cables and resurfaced the whole deck.")
        }
        let diff = RevisionDiff(from: Self.copy, to: newer)
        #expect(diff.changedFields.map(\.field) == [.body])
        #expect(
            Array(Self.sides(diff[.body].rows).prefix(3)) == [
                "paragraph: The bridge reopened on Monday after six weeks of repairs. | paragraph: The bridge reopened on Monday after six weeks of repairs.",
                "— | paragraph: {+Tolls will stay at last year's rate.+}",
                "paragraph: Engineers replaced the [-worn -]cables and resurfaced the deck. | paragraph: Engineers replaced the cables and resurfaced the{+ whole+} deck.",
            ])
        #expect(diff[.body].rows.map(\.changed) == [false, true, true, false, false, false, false, false, false])
    }

    @Test func aParagraphMadeAQuoteIsOneRowWithTwoLabels() {
        let newer = Self.edited { $0.body[0] = .quote("The bridge reopened on Monday after six weeks of repairs.") }
        let row = RevisionDiff(from: Self.copy, to: newer)[.body].rows[0]
        #expect(row.changed)
        #expect(row.left?.label == "paragraph")
        #expect(row.right?.label == "quote")
        #expect(row.right?.segments == [.same("The bridge reopened on Monday after six weeks of repairs.")])
    }

    @Test func aParagraphReplacedByAPictureIsARemovalAndAnAddition() {
        let newer = Self.edited {
            $0.body[1] = .image(BodyImage(url: "/img/cables.jpg", caption: "New cables"))
        }
        let rows = Self.sides(RevisionDiff(from: Self.copy, to: newer)[.body].rows)
        #expect(
            rows[1...3] == [
                "paragraph: [-Engineers replaced the worn cables and resurfaced the deck.-] | —",
                "— | image: {+/img/cables.jpg+}", "— | caption: {+New cables+}",
            ])
    }

    @Test func anEditedBlockFacesItsEditNotANewNeighbour() {
        let older: [BodyBlock] = [.heading("Tolls"), .paragraph("Tolls stay at forty rupees for cars.")]
        let newer: [BodyBlock] = [
            .heading("Tolls"), .paragraph("A new bus lane opens in June."),
            .paragraph("Tolls stay at forty-five rupees for cars."),
        ]
        #expect(
            Self.sides(BodyAlignment.rows(older, newer)) == [
                "heading: Tolls | heading: Tolls", "— | paragraph: {+A new bus lane opens in June.+}",
                "paragraph: Tolls stay at [-forty-] rupees for cars. | paragraph: Tolls stay at {+forty-five+} rupees for cars.",
            ])
    }

    @Test func listItemsAndPicturePartsAreComparedOneByOne() {
        let newer = Self.edited {
            $0.body[3] = .list(BodyList(ordered: true, items: ["New steel cables", "A wider footpath", "Lights"]))
            $0.body[4] = .image(
                BodyImage(
                    url: "/img/bridge.jpg", alt: "The bridge at dusk", caption: "Reopened on Monday", credit: "Staff"))
        }
        #expect(
            Self.sides(RevisionDiff(from: Self.copy, to: newer)[.body].rows)[3...] == [
                "list item: New cables | numbered item: New {+steel +}cables",
                "list item: A wider footpath | numbered item: A wider footpath", "— | numbered item: {+Lights+}",
                "image: /img/bridge.jpg | image: /img/bridge.jpg",
                "alt text: The bridge at dusk | alt text: The bridge at dusk",
                "caption: Reopened | caption: Reopened{+ on Monday+}", "— | credit: {+Staff+}",
            ])
    }

    @Test func theChangedFieldsAreTheOnesTheAuditNames() {
        let edits: [(inout ArticleContent) -> Void] = [
            { $0.headline += "!" }, { $0.summary = nil }, { $0.byline = nil }, { $0.authors.removeLast() },
            { $0.dateline = nil }, { $0.section = Section(name: "World") }, { $0.topics = [] }, { $0.language = "ur" },
            { $0.edition.page = nil }, { $0.body.removeFirst() }, { $0.updated = $0.published },
        ]
        let shown = Set(RevisionDiff.Field.allCases.map(\.rawValue))
        for edit in edits {
            let newer = Self.edited(edit)
            let diff = RevisionDiff(from: Self.copy, to: newer)
            #expect(
                diff.changedFields.map(\.field.rawValue)
                    == newer.changedFields(comparedTo: Self.copy).filter(shown.contains))
            #expect(diff.changedFields.allSatisfy { $0.rows.contains { $0.changed } })
        }
    }

    /// Random pairs of texts: each side joins back to its version, and the shared words are the same on both sides.
    @Test func eachSideJoinsBackToItsVersionExactly() {
        var random = SeededRandom(seed: 7)
        let words = ["the", "bridge", "پل", "الجسر", "ferry", "tide", ",", "."]
        let spaces = [" ", "  ", "\n", "\t", " \n "]
        func text() -> String {
            var text = random.next(upTo: 4) == 0 ? spaces[random.next(upTo: spaces.count)] : ""
            for _ in 0..<random.next(upTo: 14) {
                text += words[random.next(upTo: words.count)]
                if random.next(upTo: 5) > 0 { text += spaces[random.next(upTo: spaces.count)] }
            }
            return text
        }
        for _ in 0..<1_000 {
            let (old, new) = (text(), text())
            let sides = WordDifference.sides(old, new)
            #expect(sides.left.map(\.text).joined() == old)
            #expect(sides.right.map(\.text).joined() == new)
            #expect(!sides.left.contains { if case .added = $0 { true } else { false } })
            #expect(!sides.right.contains { if case .removed = $0 { true } else { false } })
            #expect(
                sides.left.filter { !$0.isChange }.map(\.text).joined()
                    == sides.right.filter { !$0.isChange }.map(\.text).joined())
            #expect(sides.left.allSatisfy { !$0.text.isEmpty } && sides.right.allSatisfy { !$0.text.isEmpty })
            #expect((old == new) == (sides.left + sides.right).allSatisfy { !$0.isChange })
        }
    }

    /// The script against a plain longest-common-subsequence table, on small random sequences.
    @Test func theEditScriptIsAShortestOne() {
        var random = SeededRandom(seed: 11)
        for _ in 0..<2_000 {
            let old = (0..<random.next(upTo: 12)).map { _ in random.next(upTo: 4) }
            let new = (0..<random.next(upTo: 12)).map { _ in random.next(upTo: 4) }
            let steps = EditScript.steps(from: old, to: new)
            var rebuilt: [Int] = []
            var (oldIndex, newIndex) = (0, 0)
            for step in steps {
                switch step {
                case .keep:
                    #expect(old[oldIndex] == new[newIndex])
                    rebuilt.append(old[oldIndex])
                    oldIndex += 1
                    newIndex += 1
                case .remove: oldIndex += 1
                case .add:
                    rebuilt.append(new[newIndex])
                    newIndex += 1
                }
            }
            #expect(oldIndex == old.count && rebuilt == new)
            #expect(steps.count(where: { $0 == .keep }) == Self.longestCommon(old, new), "\(old) \(new)")
        }
    }

    static func longestCommon(_ a: [Int], _ b: [Int]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices {
            for j in b.indices {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }

    @Test func beyondTheLimitsTheDifferingMiddleIsRemovedAndAddedWhole() {
        let limits = EditScript.Limits(elements: 6, edits: 3)
        #expect(
            EditScript.steps(from: Array(0..<7), to: Array(10..<17), limits: limits) == Array(
                repeating: .remove, count: 7) + Array(repeating: .add, count: 7))
        #expect(
            EditScript.steps(from: [1, 2, 3, 4, 5], to: [1, 9, 8, 7, 5], limits: limits)
                == [.keep] + Array(repeating: .remove, count: 3) + Array(repeating: .add, count: 3) + [.keep])
        #expect(EditScript.steps(from: [1, 2, 3], to: [1, 9, 3], limits: limits) == [.keep, .remove, .add, .keep])
    }

    /// 100,000 words a side: a quadratic comparison would need ten billion steps.
    @Test func aHugeRewriteFinishesAsOneRemovalAndOneAddition() {
        let old = (0..<100_000).map { "old\($0)" }.joined(separator: " ")
        let new = (0..<100_000).map { "new\($0)" }.joined(separator: " ")
        let diff = RevisionDiff(
            from: Self.edited { $0.body = [.paragraph(old)] }, to: Self.edited { $0.body = [.paragraph(new)] })
        let row = diff[.body].rows
        #expect(row.count == 1)
        #expect(row.first?.left?.segments == [.removed(old)])
        #expect(row.first?.right?.segments == [.added(new)])
    }

    @Test func aHugeParagraphWithOneWordChangedShowsJustThatWord() {
        let words = (0..<100_000).map { "word\($0)" }
        var edited = words
        edited[50_000] = "changed"
        let sides = WordDifference.sides(words.joined(separator: " "), edited.joined(separator: " "))
        #expect(sides.left.count == 3 && sides.right.count == 3)
        #expect(sides.left[1] == .removed("word50000"))
        #expect(sides.right[1] == .added("changed"))
    }

    @Test func aHugeBodyRewrittenBlockByBlockFinishes() {
        let old = (0..<20_000).map { BodyBlock.paragraph("Old paragraph \($0) of the long report.") }
        let new = (0..<20_000).map { BodyBlock.paragraph("New paragraph \($0) of the long report.") }
        let rows = BodyAlignment.rows(old, new)
        #expect(rows.count == 40_000)
        #expect(rows.allSatisfy { $0.changed })
        #expect(rows.first?.left?.text == "Old paragraph 0 of the long report.")
        #expect(rows.last?.right?.text == "New paragraph 19999 of the long report.")
    }
}

/// A small deterministic generator (Knuth's MMIX constants), so a failing case can be found again.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func next(upTo bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
