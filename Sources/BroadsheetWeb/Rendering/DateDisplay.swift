import Broadsheet
import BroadsheetFormats
import Foundation

/// Shows instants to readers in the publication's time zone, and to programs as RFC 3339 UTC.
struct DateDisplay: Sendable {
    let timeZone: TimeZone
    private let local: Calendar

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.local = Calendar.gregorian(in: timeZone)
    }

    /// "April 29, 2025" for a day, "April 29, 2025, 10:32 AM PKT" for a time.
    func text(_ timestamp: Timestamp) -> String {
        let parts = local.dateComponents([.year, .month, .day, .hour, .minute], from: timestamp.instant)
        let day = "\(EditionDate.monthNames[parts.month! - 1]) \(parts.day!), \(parts.year!)"
        guard timestamp.precision == .minute else { return day }
        let hour = parts.hour!
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        let zone = timeZone.abbreviation(for: timestamp.instant) ?? timeZone.identifier
        return day + String(format: ", %d:%02d %@ %@", twelve, parts.minute!, hour < 12 ? "AM" : "PM", zone)
    }

    /// RFC 3339 in UTC: "2025-04-29T05:32:00Z".
    static func rfc3339(_ instant: Date) -> String { InternetDate.rfc3339(instant) }
}
