import Broadsheet
import BroadsheetFormats
import Foundation
import Synchronization

/// Shows instants to readers in the publication's time zone, and to programs as RFC 3339 UTC.
struct DateDisplay: Sendable {
    let timeZone: TimeZone
    private let zoneParts: ZoneParts
    private let local: Calendar

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.zoneParts = ZoneParts(timeZone: timeZone)
        self.local = Calendar.gregorian(in: timeZone)
    }

    /// "April 29, 2025" for a day, "April 29, 2025, 10:32 AM PKT" for a time.
    func text(_ timestamp: Timestamp) -> String {
        let zone = zoneParts.at(timestamp.instant)
        let seconds = Int(timestamp.instant.timeIntervalSince1970.rounded(.down)) + zone.offset
        let (days, secondOfDay) = seconds.floorDividedBy(86_400)
        // Before 15 October 1582 the calendar counts Julian days, and eras.
        guard days >= Self.gregorianStart else { return calendarText(timestamp, abbreviation: zone.abbreviation) }
        let (year, month, day) = InternetDate.civil(fromDays: Int(days))
        let date = "\(EditionDate.monthNames[month - 1]) \(day), \(year)"
        guard timestamp.precision == .minute else { return date }
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return "\(date), \(twelve):\(minute < 10 ? "0" : "")\(minute) \(hour < 12 ? "AM" : "PM") \(zone.abbreviation)"
    }

    /// 1582-10-15, the first day `Calendar`'s Gregorian calendar counts as Gregorian.
    static let gregorianStart = -141_427

    private func calendarText(_ timestamp: Timestamp, abbreviation: String) -> String {
        let parts = local.dateComponents([.year, .month, .day, .hour, .minute], from: timestamp.instant)
        let day = "\(EditionDate.monthNames[parts.month! - 1]) \(parts.day!), \(parts.year!)"
        guard timestamp.precision == .minute else { return day }
        let hour = parts.hour!
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return day + String(format: ", %d:%02d %@ %@", twelve, parts.minute!, hour < 12 ? "AM" : "PM", abbreviation)
    }

    /// RFC 3339 in UTC: "2025-04-29T05:32:00Z".
    static func rfc3339(_ instant: Date) -> String { InternetDate.rfc3339(instant) }
}

/// A zone's offset and abbreviation at an instant, remembered by the minute: asking ICU for an
/// abbreviation builds a formatter each time, 3% of an export, and the same story's time
/// is shown on its page, its listings, its feeds and other stories' related boxes. Zones change
/// offset on a whole minute (Newfoundland's at 00:01), wherever offsets are whole minutes, as
/// every zone's have been since 1972.
private final class ZoneParts: Sendable {
    let timeZone: TimeZone
    private let known = Mutex<[Int64: (offset: Int, abbreviation: String)]>([:])
    /// A few weeks of a busy paper's stories, at about a megabyte.
    private static let limit = 16_384

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    func at(_ instant: Date) -> (offset: Int, abbreviation: String) {
        let minute = Int64((instant.timeIntervalSince1970 / 60).rounded(.down))
        if let parts = known.withLock({ $0[minute] }) { return parts }
        let parts = (
            timeZone.secondsFromGMT(for: instant),
            timeZone.abbreviation(for: instant) ?? timeZone.identifier
        )
        known.withLock { known in
            if known.count >= Self.limit { known.removeAll(keepingCapacity: true) }
            known[minute] = parts
        }
        return parts
    }
}

extension Int {
    /// Quotient and remainder rounded towards minus infinity: a second before 1970 is on 1969-12-31.
    fileprivate func floorDividedBy(_ divisor: Int) -> (quotient: Int, remainder: Int) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
