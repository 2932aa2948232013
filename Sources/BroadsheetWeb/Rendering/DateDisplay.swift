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

/// A zone's offset and abbreviation at an instant, remembered for the whole span between two of
/// the zone's transitions. Asking ICU for an abbreviation builds a formatter each time; remembered
/// by the minute, it was still asked for nearly every story of a large archive's listings (2.4%
/// of a 100,000-story export), where a few spans hold all of them: one since 2009 in Karachi.
private final class ZoneParts: Sendable {
    let timeZone: TimeZone
    private let spans = Mutex<[Span]>([])
    /// Spans held at most: two a year for a zone with daylight saving, so centuries of them.
    private static let limit = 1_024
    /// Before this no span is remembered: the search for the transition a span starts at stops here.
    private static let earliest = Date(timeIntervalSince1970: -5_364_662_400)  // 1800-01-01

    /// From one transition (or `earliest`) to the next (or the end of time).
    private struct Span {
        var start: Date
        var end: Date
        var parts: (offset: Int, abbreviation: String)
    }

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    func at(_ instant: Date) -> (offset: Int, abbreviation: String) {
        if let parts = spans.withLock({ $0.first { $0.start <= instant && instant < $0.end }?.parts }) { return parts }
        let parts = (timeZone.secondsFromGMT(for: instant), timeZone.abbreviation(for: instant) ?? timeZone.identifier)
        guard instant >= Self.earliest else { return parts }
        let span = Span(
            start: lastTransition(atOrBefore: instant),
            end: timeZone.nextDaylightSavingTimeTransition(after: instant) ?? .distantFuture, parts: parts)
        spans.withLock { spans in
            if spans.count >= Self.limit { spans.removeAll(keepingCapacity: true) }
            spans.append(span)
        }
        return parts
    }

    /// The zone's last change of offset at or before `instant`, looked for a year at a time back
    /// to `earliest`, which stands in when there is none.
    private func lastTransition(atOrBefore instant: Date) -> Date {
        var from = instant
        while from > Self.earliest {
            let probe = max(from.addingTimeInterval(-366 * 86_400), Self.earliest)
            if var found = timeZone.nextDaylightSavingTimeTransition(after: probe), found <= instant {
                while let later = timeZone.nextDaylightSavingTimeTransition(after: found), later <= instant {
                    found = later
                }
                return found
            }
            from = probe
        }
        return Self.earliest
    }
}

extension Int {
    /// Quotient and remainder rounded towards minus infinity: a second before 1970 is on 1969-12-31.
    fileprivate func floorDividedBy(_ divisor: Int) -> (quotient: Int, remainder: Int) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
