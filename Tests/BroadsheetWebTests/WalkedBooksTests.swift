import Broadsheet
import Foundation
import Testing

@testable import BroadsheetWeb

/// A full export makes each edition's book once its walk has read every story of it, from the
/// stories read, and leaves the books it cannot complete to the end.
@Suite("Edition books made along the export's walk", .timeLimit(.minutes(10)))
struct WalkedBooksTests {
    static let monday = EditionDate(iso: "2026-11-23")!
    static let tuesday = EditionDate(iso: "2026-11-24")!
    static let wednesday = EditionDate(iso: "2026-11-25")!

    static func story(_ id: Int64) -> Article {
        let content = ArticleContent(
            headline: "Ferry note \(id)", body: [.paragraph("The ferry added a night crossing.")],
            section: Section(name: "Metropolitan"), published: Timestamp(Date(timeIntervalSince1970: 1_795_000_000)),
            edition: EditionReference(publication: "The Harbour Times", date: tuesday),
            source: ArticleSource(format: "epaper", uri: "urn:test:\(id)"))
        return Article(id: id, slug: Slug("ferry-note-\(id)"), status: .published, revision: 1, content: content)
    }

    @Test func anEditionIsCompleteOnceItsLastStoryIsRead() {
        let books = WalkedBooks(editions: [(Self.tuesday, [5, 4, 3]), (Self.monday, [2, 1]), (Self.wednesday, [])])
        #expect(books.note([Self.story(5), Self.story(4)]).isEmpty)
        #expect(books.take(Self.tuesday) == nil, "not all of its stories read")
        // A story of no edition waiting (published since the editions were read) is passed over.
        #expect(books.note([Self.story(3), Self.story(2), Self.story(9)]) == [Self.tuesday])
        #expect(books.take(Self.tuesday)?.keys.sorted() == [3, 4, 5])
        #expect(books.take(Self.tuesday) == nil, "handed over once")
        // Monday still waits for a story; Wednesday has none, so its book is asked for at the end.
        #expect(books.unmade() == [Self.wednesday, Self.monday])
    }

    @Test func pastItsCapacityTheEditionFurthestFromCompleteIsGivenUp() {
        let books = WalkedBooks(editions: [(Self.tuesday, [1, 2, 3, 4]), (Self.monday, [5, 6])], capacity: 2)
        #expect(books.note([Self.story(1), Self.story(5)]).isEmpty)
        // Three held: Tuesday, with three unread, is given up; Monday completes.
        #expect(books.note([Self.story(2), Self.story(6)]) == [Self.monday])
        #expect(books.note([Self.story(3), Self.story(4)]).isEmpty, "Tuesday's later stories are passed over")
        #expect(books.take(Self.monday)?.count == 2)
        #expect(books.take(Self.tuesday) == nil)
        #expect(books.unmade() == [Self.tuesday])
    }
}
