import Broadsheet
import BroadsheetFormats
import BroadsheetTestSupport
import Foundation
import Testing

/// Random stories through ninjs and back: every field the format holds comes back as it went out.
@Suite(.timeLimit(.minutes(10))) struct NinjsRoundTripTests {
    static let publication = EPaper.publication
    static let people = ["Mira Castell", "Ilse Marrow", "Tomas Reyl", "Sana Mirza"]
    static let staff = ["Our Staff Reporter", "Harbour and Coast Desk", "Our Correspondent"]
    static let agencies = ["AFP", "Reuters", "Harbour Wire", "Gull Press"]
    static let terms = ["Transport", "Ferries", "Sport", "Tide & Weather", "Karachi", "مشاعرہ", "Heritage", "News"]
    static let words = ["tide", "<b>", "&amp;", "ferry", "“quoted”", "a<b", "مشاعرہ", "pier", "100%", "—"]

    static func pick<T>(_ list: [T], _ generator: inout SeededGenerator) -> T {
        list[Int(generator.next() % UInt64(list.count))]
    }

    static func text(_ generator: inout SeededGenerator, _ count: Int) -> String {
        (0..<count).map { _ in pick(words, &generator) }.joined(separator: " ")
    }

    static func story(_ generator: inout SeededGenerator, number: Int) -> (ArticleContent, ArticleStatus) {
        let reader = publication.bylineReader
        let credits = (0..<Int(generator.next() % 3)).map { _ in pick(people + agencies.prefix(2), &generator) }
        let byline = credits.isEmpty ? nil : Array(Set(credits)).sorted().joined(separator: " | ")
        var authors = byline.map { reader.authors(in: $0) } ?? []
        // Credits the byline does not name come back people first, then agencies (documented).
        var extras: [Author] = []
        for _ in 0..<Int(generator.next() % 3) {
            let extra =
                generator.next() % 2 == 0
                ? Author(name: pick(staff, &generator), kind: .staff)
                : Author(name: pick(agencies, &generator), kind: .agency)
            if !(authors + extras).contains(where: { $0.slug == extra.slug }) { extras.append(extra) }
        }
        authors += extras.filter { $0.kind != .agency } + extras.filter { $0.kind == .agency }
        let base = EPaper.instant("2026-03-01T00:00:00Z").addingTimeInterval(Double(generator.next() % 2_000_000) * 60)
        let published =
            generator.next() % 3 == 0
            ? Timestamp(EditionDate(base, in: EPaper.karachi).startOfDay(in: EPaper.karachi), precision: .day)
            : Timestamp(base)
        let updated = generator.next() % 2 == 0 ? Timestamp(published.instant.addingTimeInterval(5400)) : nil
        var topics: [Topic] = []
        for _ in 0..<Int(generator.next() % 4) {
            let topic = Topic(name: pick(terms, &generator))
            if !topics.contains(where: { $0.slug == topic.slug }) { topics.append(topic) }
        }
        let dateline: Dateline? =
            switch generator.next() % 3 {
            case 0: nil
            case 1: Dateline(places: ["LANTERN WHARF"])
            default: Dateline(places: ["GULL ISLAND"], date: "March 3", agency: "Harbour Wire", style: .wire)
            }
        let date = EditionDate(published.instant, in: EPaper.karachi)
        let content = ArticleContent(
            headline: "Story \(number): " + text(&generator, 4),
            summary: generator.next() % 2 == 0 ? text(&generator, 6) : nil,
            byline: byline, authors: authors, dateline: dateline,
            body: [
                .paragraph(text(&generator, 8)), .list(BodyList(ordered: true, items: [text(&generator, 2)])),
                .quote(text(&generator, 5)),
            ],
            section: Section(name: pick(terms, &generator)), topics: topics,
            language: pick(["en", "ur", "en-GB"], &generator),
            published: published, updated: updated,
            edition: EditionReference(
                publication: pick([publication.name, "The Harbour Times Weekend"], &generator),
                date: generator.next() % 4 == 0 ? date.adding(days: 1) : date,
                page: generator.next() % 2 == 0 ? PageReference(number: 1 + Int(generator.next() % 20)) : nil),
            source: ArticleSource(format: "ninjs", uri: "urn:wire.example:story:\(number)"))
        return (content, pick(ArticleStatus.allCases, &generator))
    }

    @Test func randomStoriesSurvive() throws {
        var generator = SeededGenerator(seed: 17_03_2026)
        let writer = NinjsWriter(publication: Self.publication)
        let reader = NinjsReader(publication: Self.publication)
        var lines = Data()
        var expected: [(ArticleContent, ArticleStatus)] = []
        for number in 0..<200 {
            let (content, status) = Self.story(&generator, number: number)
            lines.append(try writer.jsonLine(content, status: status))
            expected.append((content, status))
        }
        let results = reader.read(lines, file: "random.jsonl")
        try #require(results.count == expected.count)
        for (result, (content, status)) in zip(results, expected) {
            let article = try result.get()
            let read = article.content
            #expect(read.headline == content.headline)
            #expect(read.summary == content.summary)
            #expect(read.byline == content.byline)
            #expect(read.authors == content.authors, "\(content.byline ?? "-")")
            #expect(read.dateline == content.dateline)
            #expect(read.body == content.body)
            #expect(read.section == content.section)
            #expect(read.topics == content.topics)
            #expect(read.language == content.language)
            #expect(read.published == content.published)
            #expect(read.updated == content.updated)
            #expect(read.edition == content.edition)
            #expect(read.source == content.source)
            #expect(article.status == status)
        }
    }
}
