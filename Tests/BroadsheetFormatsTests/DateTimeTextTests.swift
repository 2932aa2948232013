import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// RFC 3339 and the looser ISO 8601 forms the JSON and Markdown formats carry.
@Suite(.timeLimit(.minutes(10))) struct DateTimeTextTests {
    static let karachi = TimeZone(identifier: "Asia/Karachi")!

    @Test(arguments: [
        ("2026-03-14T08:15:00Z", "2026-03-14T08:15:00Z", Timestamp.Precision.minute),
        ("2026-03-14t08:15:00z", "2026-03-14T08:15:00Z", .minute),
        ("2026-03-14T08:15:00+05:00", "2026-03-14T03:15:00Z", .minute),
        ("2026-03-14T08:15:00+0500", "2026-03-14T03:15:00Z", .minute),
        ("2026-03-14T08:15:00-03:30", "2026-03-14T11:45:00Z", .minute),
        ("2026-03-14T08:15:00.250Z", "2026-03-14T08:15:00.25Z", .minute),
        ("2026-03-14T08:15Z", "2026-03-14T08:15:00Z", .minute),
        ("2026-03-14 08:15:00 +0500", "2026-03-14T03:15:00Z", .minute),
        ("2026-03-14 08:15", "2026-03-14T03:15:00Z", .minute),
        ("2026-03-14T08:15:00", "2026-03-14T03:15:00Z", .minute),
        ("2026-03-14 08:15:00 UTC", "2026-03-14T08:15:00Z", .minute),
        ("2026-03-14", "2026-03-13T19:00:00Z", .day),
        ("  2026-03-14  ", "2026-03-13T19:00:00Z", .day),
    ])
    func reads(text: String, utc: String, precision: Timestamp.Precision) throws {
        let timestamp = try #require(DateTimeText.timestamp(text, in: Self.karachi))
        #expect(DateTimeText.rfc3339(timestamp.instant) == utc)
        #expect(timestamp.precision == precision)
    }

    @Test(arguments: [
        "", "next Tuesday", "2026-3-14", "2026-02-30", "2026-03-14T25:00:00Z", "2026-03-14T08:61Z",
        "2026-03-14T08:15:00+15:00", "2026-03-14T08:15:00 PST", "2026-03-14T08:15:00Zjunk", "14/03/2026",
    ])
    func refuses(text: String) {
        #expect(DateTimeText.timestamp(text, in: Self.karachi) == nil)
    }

    @Test func writesInAZoneForDays() {
        let midnight = EditionDate(year: 2026, month: 3, day: 14)!.startOfDay(in: Self.karachi)
        #expect(DateTimeText.rfc3339(midnight, in: Self.karachi) == "2026-03-14T00:00:00+05:00")
        #expect(
            DateTimeText.rfc3339(midnight, in: TimeZone(identifier: "America/St_Johns")!) == "2026-03-13T16:30:00-02:30"
        )
    }
}
