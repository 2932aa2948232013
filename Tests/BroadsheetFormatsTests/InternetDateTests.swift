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
}
