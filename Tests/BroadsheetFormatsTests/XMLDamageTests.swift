import Broadsheet
import BroadsheetFormats
import BroadsheetTestSupport
import Foundation
import Testing

/// Every fixture, cut short and with bytes flipped at seeded random places: each reader answers
/// with articles or errors naming the file, never a crash or a hang.
@Suite("Damaged XML", .timeLimit(.minutes(10)))
struct XMLDamageTests {
    static let fixtures: [(String, any ArticleReader)] = [
        ("nitf/ferry-timetable.xml", NITFReader(publication: XMLFixtures.publication)),
        ("newsml/message-with-package.xml", NewsMLReader(publication: XMLFixtures.publication)),
        ("newsml/newsml-1.2.xml", NewsMLReader(publication: XMLFixtures.publication)),
        ("rss/island-news.xml", RSSReader(publication: XMLFixtures.publication)),
        ("atom/harbour-board.xml", AtomReader(publication: XMLFixtures.publication)),
        ("wxr/gazette-export.xml", WXRReader(publication: XMLFixtures.publication)),
    ]

    /// Copies per fixture; raise it locally to hunt (3,000 each ran clean).
    static let rounds = 100

    @Test(arguments: 0..<fixtures.count)
    func cutAndFlippedCopiesGiveArticlesOrErrors(index: Int) throws {
        let (path, reader) = Self.fixtures[index]
        let whole = try XMLFixtures.data(path)
        var random = SeededGenerator(seed: UInt64(index + 1))
        for _ in 0..<Self.rounds {
            // Half the copies are cut short, all get up to four bytes changed.
            var damaged =
                Bool.random(using: &random) ? whole : whole.prefix(Int.random(in: 0..<whole.count, using: &random))
            for _ in 0..<Int.random(in: 0...4, using: &random) where !damaged.isEmpty {
                let at = damaged.startIndex + Int.random(in: 0..<damaged.count, using: &random)
                damaged[at] = UInt8.random(in: 0...255, using: &random)
            }
            let results = reader.read(Data(damaged), file: "damaged.xml")
            #expect(!results.isEmpty)
            for case .failure(let error) in results {
                #expect(error.file == "damaged.xml")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
