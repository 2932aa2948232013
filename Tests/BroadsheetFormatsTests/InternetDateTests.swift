import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Suite("Reading feed and wire dates", .timeLimit(.minutes(10)))
struct InternetDateTests {
    @Test(
        arguments: [
            ("2025-04-29T10:32:00+05:00", "2025-04-29T05:32:00Z", Timestamp.Precision.minute),
            ("2025-04-29T05:32:00Z", "2025-04-29T05:32:00Z", .minute),
            ("2025-04-29T05:32:00.250z", "2025-04-29T05:32:00.250Z", .minute),
            ("2025-04-29 10:32:00", "2025-04-29T05:32:00Z", .minute),
            ("2025-04-29", "2025-04-28T19:00:00Z", .day),
            ("20250429T103200+0500", "2025-04-29T05:32:00Z", .minute),
            ("20250429T0532Z", "2025-04-29T05:32:00Z", .minute),
            ("20250429", "2025-04-28T19:00:00Z", .day),
            ("Tue, 29 Apr 2025 10:32:00 +0500", "2025-04-29T05:32:00Z", .minute),
            ("Tue, 29 Apr 2025 05:32:00 GMT", "2025-04-29T05:32:00Z", .minute),
            ("29 Apr 25 00:32 EST", "2025-04-29T05:32:00Z", .minute),
            ("Tuesday, 29 April 2025 01:32:00 EDT", "2025-04-29T05:32:00Z", .minute),
            ("Tue, 29 Apr 2025 10:32:00", "2025-04-29T05:32:00Z", .minute),
            ("29 Sept 2025 05:32:00 Z", "2025-09-29T05:32:00Z", .minute),
        ] as [(String, String, Timestamp.Precision)])
    func readsEachNotation(text: String, instant: String, precision: Timestamp.Precision) throws {
        let stamp = try #require(InternetDate.timestamp(text, zone: XMLFixtures.karachi))
        #expect(stamp.instant == XMLFixtures.instant(instant))
        #expect(stamp.precision == precision)
    }

    @Test(arguments: [
        "", "yesterday", "2025-02-30", "2025-04-29T25:00:00Z", "Tue, 31 Apr 2025 10:32:00 +0500",
        "Tue, 29 Apr 2025 10:32:00 XYZ", "2025-04-29T10:32:00+99:00", "29 Foo 2025",
    ])
    func refusesWhatIsNotADate(text: String) {
        #expect(InternetDate.timestamp(text, zone: XMLFixtures.karachi) == nil)
    }

    /// Written digit by digit, each field padded to its width; instants outside the archive's
    /// years are read at its ends.
    @Test(
        arguments: [
            (1_745_904_720, "2025-04-29T05:32:00Z"), (0, "1970-01-01T00:00:00Z"),
            (951_868_799, "2000-02-29T23:59:59Z"), (-1_000_000_000, "1938-04-24T22:13:20Z"),
            (ArchiveTime.earliest.timeIntervalSince1970, "1000-01-07T00:00:00Z"),
            (-62_135_596_800, "1000-01-07T00:00:00Z"), (253_402_300_800, "9999-12-30T23:59:59Z"),
        ] as [(TimeInterval, String)])
    func writesRFC3339InUTC(seconds: TimeInterval, text: String) {
        #expect(InternetDate.rfc3339(Date(timeIntervalSince1970: seconds)) == text)
    }
}
