import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@testable import BroadsheetWeb

@Suite("Dates as readers see them", .timeLimit(.minutes(10)))
struct DateDisplayTests {
    /// What `Calendar` and ICU say: the way every date was shown before the quick path.
    static func calendarText(_ timestamp: Timestamp, in zone: TimeZone, calendar: Calendar? = nil) -> String {
        let parts = (calendar ?? Calendar.gregorian(in: zone)).dateComponents(
            [.year, .month, .day, .hour, .minute], from: timestamp.instant)
        let day = "\(EditionDate.monthNames[parts.month! - 1]) \(parts.day!), \(parts.year!)"
        guard timestamp.precision == .minute else { return day }
        let hour = parts.hour!
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        let abbreviation = zone.abbreviation(for: timestamp.instant) ?? zone.identifier
        return day + String(format: ", %d:%02d %@ %@", twelve, parts.minute!, hour < 12 ? "AM" : "PM", abbreviation)
    }

    static let zones = [
        "Asia/Karachi", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu",
        "Pacific/Chatham", "America/St_Johns", "Asia/Kolkata", "UTC",
    ]

    @Test(arguments: zones)
    func showsWhatTheCalendarShowsAcrossAZonesHistory(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let display = DateDisplay(timeZone: zone)
        let calendar = Calendar.gregorian(in: zone)
        var instants: [Date] = []
        // Either side of every change of offset since 1972, by the second, minute and quarter.
        var cursor = Date(timeIntervalSince1970: 63_072_000)
        while let change = zone.nextDaylightSavingTimeTransition(after: cursor),
            change.timeIntervalSince1970 < 2_000_000_000
        {
            for step in [-86_400.0, -901, -900, -60, -1, 0, 1, 59, 899, 900, 3_600, 86_399] {
                instants.append(change.addingTimeInterval(step))
            }
            cursor = change
        }
        // A spread of ordinary moments, 1901 to 2100, and the first days of 1970 on either side.
        var seed: UInt64 = 0x9E37_79B9
        for _ in 0..<400 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(Date(timeIntervalSince1970: Double(Int64(seed >> 33) % 6_300_000_000 - 2_170_000_000)))
        }
        instants += [-86_401, -86_400, -1, 0, 1, 86_399].map { Date(timeIntervalSince1970: $0) }
        for instant in instants {
            for precision in [Timestamp.Precision.day, .minute] {
                let timestamp = Timestamp(instant, precision: precision)
                let expected = Self.calendarText(timestamp, in: zone, calendar: calendar)
                #expect(display.text(timestamp) == expected, "\(instant) in \(identifier)")
            }
        }
    }

    @Test func datesBeforeTheGregorianCalendarAreTheCalendars() throws {
        let zone = try #require(TimeZone(identifier: "Europe/London"))
        let display = DateDisplay(timeZone: zone)
        for seconds in [-12_219_292_800.0, -12_219_292_801, -12_219_206_400, -30_000_000_000] {
            let timestamp = Timestamp(Date(timeIntervalSince1970: seconds), precision: .minute)
            #expect(display.text(timestamp) == Self.calendarText(timestamp, in: zone))
        }
    }

    @Test func theCivilDateIsTheCalendarsAroundTheEpochAndLeapDays() {
        #expect(InternetDate.civil(fromDays: 0) == (1970, 1, 1))
        #expect(InternetDate.civil(fromDays: -1) == (1969, 12, 31))
        #expect(InternetDate.civil(fromDays: 11_016) == (2000, 2, 29))
        #expect(InternetDate.civil(fromDays: 47_540) == (2100, 2, 28))
        #expect(InternetDate.civil(fromDays: 47_541) == (2100, 3, 1))
        #expect(InternetDate.civil(fromDays: DateDisplay.gregorianStart) == (1582, 10, 15))
    }
}
