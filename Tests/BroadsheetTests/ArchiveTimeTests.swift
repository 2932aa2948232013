import Foundation
import Testing

@testable import Broadsheet

@Suite("The archive's time: years 1000 to 9999 in every zone", .timeLimit(.minutes(10)))
struct ArchiveTimeTests {
    static let zones = ["Pacific/Kiritimati", "Etc/GMT+12", "Asia/Karachi", "UTC", "America/St_Johns"]

    @Test(arguments: zones)
    func theEdgesAreInsideTheYearsInEveryZone(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(EditionDate(ArchiveTime.earliest, in: timeZone).year == ArchiveTime.firstYear)
        #expect(EditionDate(ArchiveTime.latest, in: timeZone).year == ArchiveTime.lastYear)
    }

    @Test func instantsOutsideAreRefusedWithTheirField() {
        let yearTenThousand = Date(timeIntervalSince1970: 253_402_297_200)  // 9999-12-31T23:00:00Z
        // Computed apart from #expect: describing a NaN date traps in Foundation.
        let inside = [
            yearTenThousand, Date(timeIntervalSince1970: .nan), Date(timeIntervalSince1970: .infinity),
            Date.distantPast, Date(timeIntervalSince1970: 1_745_900_000),
        ].map(ArchiveTime.contains)
        #expect(inside == [false, false, false, false, true])
        #expect(throws: TimeOutOfRange.self) { try ArchiveTime.check(yearTenThousand, field: "published_at") }
        let message = TimeOutOfRange(field: "published_at", instant: yearTenThousand).description
        #expect(message.hasPrefix("published_at: 9999-12-31T23:00:00Z is outside the years 1000 to 9999"))
        let unreadable = TimeOutOfRange(field: "x", instant: Date(timeIntervalSince1970: .nan)).description
        #expect(unreadable.contains("unreadable"))
    }

    @Test(arguments: [
        (253_402_297_200.0, "9999-12-31"), (.infinity, "9999-12-31"), (-.infinity, "1000-01-01"),
        (-1e300, "1000-01-01"), (.nan, "1000-01-01"),
    ])
    func aDayAlwaysKeepsToTheArchiveYears(seconds: Double, day: String) {
        let date = EditionDate(Date(timeIntervalSince1970: seconds), in: TimeZone(identifier: "Pacific/Kiritimati")!)
        #expect(date.iso == day)
        #expect(EditionDate(iso: date.iso) == date, "every date reads back")
    }

    @Test func daysOutsideTheYearsDoNotExist() {
        #expect(EditionDate(iso: "10000-01-01") == nil)
        #expect(EditionDate(iso: "0999-12-31") == nil)
        #expect(EditionDate(year: 0, month: 1, day: 1) == nil)
        #expect(EditionDate.last.adding(days: 1) == .last)
        #expect(EditionDate.first.adding(days: -Int.max) == .first)
        #expect(EditionDate.first.adding(days: Int.max) == .last)
    }

    @Test func storedSecondsNeverTrap() {
        let nan = StoredTime.seconds(Date(timeIntervalSince1970: .nan))
        #expect(nan == 0)
        #expect(
            StoredTime.seconds(Date(timeIntervalSince1970: 1e300)) == Int64(ArchiveTime.latest.timeIntervalSince1970))
        #expect(
            StoredTime.seconds(Date(timeIntervalSince1970: -1e300)) == Int64(ArchiveTime.earliest.timeIntervalSince1970)
        )
        #expect(StoredTime.seconds(Date(timeIntervalSince1970: 1_745_900_000.9)) == 1_745_900_000)
        #expect(throws: StoreError.self) { try StoredTime.editionDate("10000-01-01") }
    }

    @Test(arguments: ["9223372036854775807.5", "999999999999.1", "-99999999999.1", "1.0", "1.-5", "x.1"])
    func aCursorOutsideTheArchiveIsNotACursor(raw: String) {
        #expect(ArticleCursor(encoded: Data(raw.utf8).base64EncodedString()) == nil)
    }

    @Test func aCursorReadsBack() throws {
        let cursor = ArticleCursor(published: Date(timeIntervalSince1970: 1_745_900_000), id: 42)
        #expect(ArticleCursor(encoded: cursor.encoded) == cursor)
        #expect(ArticleCursor(encoded: String(repeating: "A", count: 1 << 20)) == nil)
    }

    @Test func contentOutsideTheArchiveTimeIsRefusedByName() throws {
        var content = ArticleContent(
            headline: "A headline", body: [.paragraph("Text.")], section: Section(name: "World"),
            published: Timestamp(Date(timeIntervalSince1970: 253_402_297_200)),
            edition: EditionReference(publication: "P", date: .last), source: ArticleSource(format: "api", uri: "u"))
        #expect(throws: StoreError.self) { try content.validate() }
        content.published = Timestamp(Date(timeIntervalSince1970: 1_745_900_000))
        try content.validate()
        content.edition.page = PageReference(number: 10_001)
        #expect(
            throws: StoreError.invalidContent(
                field: "edition.page", reason: "must be a page number from 1 to 10000, found 10001")
        ) {
            try content.validate()
        }
    }
}
