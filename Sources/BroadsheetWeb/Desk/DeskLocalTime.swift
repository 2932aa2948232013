import Foundation

/// The paper's wall-clock time as a `datetime-local` input shows and sends it (`2025-04-29T06:30`):
/// the desk schedules in the time the newsroom works in, whatever the browser's zone.
struct DeskLocalTime {
    let timeZone: TimeZone

    private var formatter: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter
    }

    func date(_ text: String) -> Date? {
        // Browsers may add seconds.
        let minutes = text.count == 19 ? String(text.prefix(16)) : text
        return formatter.date(from: minutes)
    }

    func text(_ date: Date) -> String { formatter.string(from: date) }
}
