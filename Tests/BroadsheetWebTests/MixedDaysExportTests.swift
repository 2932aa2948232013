import Broadsheet
import BroadsheetTestSupport
import Foundation
import Testing

@testable import BroadsheetWeb

/// Days of mixed changes, as a desk makes them, chosen by a seeded generator so that a failure
/// comes back the same on every run. Each day stories are edited, retitled, moved to another
/// section or hour, given other topics, bylines, datelines and summaries, corrected, unpublished
/// and retracted, and new stories and drafts are filed. The cases the other tests build one at a
/// time meet here: a story that moved changes other stories' related boxes while another's card
/// changed on the same listing page.
@Suite("The incremental static export over mixed days", .timeLimit(.minutes(10)))
struct MixedDaysExportTests {
    typealias Workspace = StaticExportTests.Workspace

    /// After each day, the repeat export leaves the folder byte for byte as a fresh full export
    /// of the archive would, what it says it wrote is exactly what differs, and an export right
    /// after it writes nothing.
    @Test(arguments: HostileStore.allCases)
    func eachDayLeavesTheFolderAsAFreshExportWould(_ kind: HostileStore) async throws {
        let workspace = try await Workspace(on: kind)
        var random = SeededGenerator(seed: 2026)
        let desk = Desk(store: workspace.store)
        for number in 0..<50 { try await desk.file(number, random: &random) }
        _ = try await workspace.export()
        // Every kind of change in the first days, in an order the seed draws.
        var changes = (0..<2).flatMap { _ in DeskChange.allCases.shuffled(using: &random) }
        var movedOnIncrementalDays = 0
        for day in 1...4 {
            let made = try await desk.work(day: day, changes: &changes, random: &random)
            let before = try workspace.files()
            let written = try await workspace.export()
            if case .incremental = written.kind { movedOnIncrementalDays += written.moved?.stories ?? 0 }

            let (held, expected) = try await IncrementalExportTests.siteBesideAFreshFullExport(of: workspace)
            let differing = Set(expected.keys.filter { held[$0] != expected[$0] }).union(
                held.keys.filter { expected[$0] == nil })
            #expect(
                differing.isEmpty,
                "day \(day) (\(made.joined(separator: "; "))), \(written.kind): differ from a fresh full export's: \(differing.sorted())"
            )
            let wrote = Set(held.keys.filter { held[$0] != before[$0] })
            #expect(wrote == Set(written.changes.changed + written.changes.created), "day \(day): \(made)")
            let gone = before.keys.filter { IncrementalExportTests.isSite($0) && held[$0] == nil }
            #expect(Set(written.changes.removed) == Set(gone))

            let again = try await workspace.export()
            #expect(again.kind == .incremental(articles: 0))
            #expect(again.changes.isEmpty, "day \(day): an export right after rewrote \(again.changes.changed)")
        }
        // Else the days never reached the related boxes' fan-out, which is what this test is for.
        #expect(movedOnIncrementalDays >= 4, "stories that moved on incremental days: \(movedOnIncrementalDays)")
        try await workspace.close()
    }

}

/// The desk of the mixed days: what it files and changes, from a small stock of words, places,
/// sections, topics and bylines, so that stories share enough to show in each other's boxes.
private struct Desk {
    let store: any ArticleStore
    private let by = Attribution(actor: "cli:test")

    static let words = [
        "ferry", "harbour", "tide", "bridge", "budget", "schools", "lighthouse", "fares", "storm", "market",
        "council", "rail",
    ]
    /// Where stories are filed: two sections, so that their listings run to several pages.
    static let desks = ["Metropolitan", "Pakistan"]
    /// Where a story may be moved to: a section of its own for the first time, too.
    static let sections = desks + ["Business", "Culture"]
    static let topics = ["Tides", "Transport", "Markets", "Schools", "Weather", "Lighthouses"]
    static let bylines = ["APP", "Sana Mirza", "Reuters | AFP", "Our Staff Reporter", "Hira Baig"]
    static let places = ["KARACHI", "GWADAR", "LAHORE"]
    static let days = [WebFixture.april28, WebFixture.april29, EditionDate(year: 2025, month: 4, day: 30)!]

    init(store: any ArticleStore) { self.store = store }

    /// Files a new story, published unless said otherwise, its fields drawn from the stock.
    func file(_ number: Int, status: ArticleStatus = .published, random: inout SeededGenerator) async throws {
        let headline = (0..<3).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
        var content = WebFixture.story(
            "\(headline.prefix(1).uppercased())\(headline.dropFirst()) \(number)",
            section: Self.desks.randomElement(using: &random)!,
            topics: Array(Self.topics.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))),
            byline: Self.bylines.randomElement(using: &random)!, date: Self.days.randomElement(using: &random)!,
            hour: Int.random(in: 0..<24, using: &random))
        if Bool.random(using: &random) {
            content.dateline = Dateline(places: [Self.places.randomElement(using: &random)!])
        }
        _ = try await store.save(content, status: status)
    }

    /// A day's work: the next five of `changes`, each to a published story, up to two new stories
    /// and a draft; what it did, in words.
    func work(day: Int, changes: inout [DeskChange], random: inout SeededGenerator) async throws -> [String] {
        let published = try await store.articles(matching: ArticleQuery(limit: ArticleQuery.maximumLimit)).items
        var made: [String] = []
        for summary in published.shuffled(using: &random).prefix(5) {
            let article = try #require(try await store.article(id: summary.id))
            let change = changes.removeFirst()
            try await make(change, to: article, random: &random)
            made.append("\(summary.id) \(change)")
        }
        for number in 0..<Int.random(in: 0...2, using: &random) {
            try await file(100 * day + number, random: &random)
            made.append("a new story")
        }
        // A draft for tomorrow: no page shows it, and no page may change for it.
        try await file(100 * day + 50, status: .draft, random: &random)
        made.append("a draft")
        return made
    }

    /// `change` made to `article`, its new value drawn at random.
    private func make(_ change: DeskChange, to article: Article, random: inout SeededGenerator) async throws {
        var content = article.content
        switch change {
        case .retitled:
            content.headline =
                "\(Self.words.randomElement(using: &random)!.capitalized) \(content.headline.lowercased())"
        case .givenTopics:
            content.topics = Self.topics.shuffled(using: &random).prefix(2).map(Topic.init)
        case .movedToAnotherSection:
            content.section = Section(name: Self.sections.randomElement(using: &random)!)
        case .givenAnotherByline:
            content.byline = Self.bylines.randomElement(using: &random)!
            content.authors = WebFixture.publication.bylineReader.authors(in: content.byline!)
        case .edited:
            content.body.append(.paragraph("A line the desk added on a later day."))
        case .summarised:
            content.summary = "A summary the desk wrote \(Self.words.randomElement(using: &random)!)."
        case .givenADateline:
            content.dateline = Dateline(places: [Self.places.randomElement(using: &random)!])
        case .movedToAnotherHour:
            // Far enough to cross from one page of its listings to another.
            let hours = Double(Int.random(in: -40...40, using: &random)) * 3600
            content.published = Timestamp(content.published.instant.addingTimeInterval(hours))
        case .retracted:
            _ = try await store.change(
                articleID: article.id, .retract(note: "Withdrawn by the desk."), expectedRevision: nil, by: by)
            return
        case .unpublished:
            _ = try await store.change(articleID: article.id, .unpublish, expectedRevision: nil, by: by)
            return
        case .corrected:
            _ = try await store.change(
                articleID: article.id, .correct(.correction, text: "An earlier version misspelt a name."),
                expectedRevision: nil, by: by)
            return
        }
        _ = try await store.change(articleID: article.id, .edit(content), expectedRevision: nil, by: by)
    }
}

/// What the desk does to a published story on a mixed day.
private enum DeskChange: CaseIterable {
    case retitled, givenTopics, movedToAnotherSection, givenAnotherByline, edited, summarised, givenADateline
    case movedToAnotherHour, retracted, unpublished, corrected
}
