import Broadsheet
import Foundation
import Testing

@Suite("Edition dates", .timeLimit(.minutes(10)))
struct EditionDateTests {
    let karachi = TimeZone(identifier: "Asia/Karachi")!

    @Test func readsAndWritesISODates() throws {
        let date = try #require(EditionDate(iso: "2025-04-29"))
        #expect(date.iso == "2025-04-29")
        #expect(date.printed == "April 29, 2025")
        #expect(date.printedWithOrdinal == "April 29th, 2025")
    }

    @Test(arguments: [
        (1000, 1, 1, "1000-01-01"), (9999, 12, 31, "9999-12-31"), (2025, 4, 9, "2025-04-09"),
        (1987, 10, 20, "1987-10-20"),
    ])
    func isoTextIsZeroPaddedAndReadsBack(year: Int, month: Int, day: Int, text: String) throws {
        let date = try #require(EditionDate(year: year, month: month, day: day))
        #expect(date.iso == text)
        #expect(date.iso.utf8.count == 10)
        #expect(EditionDate(iso: date.iso) == date)
    }

    @Test(arguments: ["2025-02-29", "2024-13-01", "2025-4-29", "29-04-2025", "", "2025-04-31"])
    func rejectsDaysThatDoNotExist(text: String) {
        #expect(EditionDate(iso: text) == nil)
    }

    @Test(arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
        (22, "22nd"), (23, "23rd"), (31, "31st"),
    ])
    func ordinalSuffixes(day: Int, printed: String) {
        #expect(EditionDate(year: 2025, month: 1, day: day)!.printedWithOrdinal == "January \(printed), 2025")
    }

    @Test func aDayStartsAtMidnightInThePublicationsZone() {
        let start = EditionDate(year: 2025, month: 4, day: 29)!.startOfDay(in: karachi)
        #expect(start == ISO8601DateFormatter().date(from: "2025-04-28T19:00:00Z"))
        #expect(EditionDate(start, in: karachi) == EditionDate(year: 2025, month: 4, day: 29))
    }

    @Test func arithmeticAndWeekdays() {
        let date = EditionDate(year: 2024, month: 2, day: 28)!
        #expect(date.adding(days: 1) == EditionDate(year: 2024, month: 2, day: 29))
        #expect(date.adding(days: 2) == EditionDate(year: 2024, month: 3, day: 1))
        #expect(EditionDate(year: 2026, month: 11, day: 1)!.weekdayFromMonday == 7, "a Sunday")
        #expect(EditionDate(year: 2026, month: 11, day: 24)!.weekdayFromMonday == 2, "a Tuesday")
    }
}
