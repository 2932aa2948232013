import Broadsheet
import Foundation

/// Reads the date notations of the feed and wire formats into a `Timestamp`.
///
/// - RFC 3339 / ISO 8601 (Atom, NewsML-G2, WordPress), through `DateTimeText` like the JSON formats:
///   `2025-04-29T10:32:00+05:00`, `2025-04-29T05:32:00Z`, `2025-04-29 10:32:00`, `2025-04-29`.
/// - The ISO 8601 basic form NITF uses: `20250429T103200+0500`, `20250429`.
/// - RFC 822 with RFC 1123's four-digit years (RSS): `Tue, 29 Apr 2025 10:32:00 +0500`, `29 Apr 25 05:32 GMT`,
///   `Tue, 29 Apr 2025 00:32:00 EST`.
///
/// A date with no zone is read in `zone` (the publication's); a date with no time gets day precision.
extension InternetDate {
    public static func timestamp(_ text: String, zone: TimeZone) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let first = trimmed.first, first.isNumber {
            if let extended = DateTimeText.timestamp(trimmed, in: zone) { return extended }
            if let basic = basicISO8601(trimmed, zone: zone) { return basic }
        }
        return rfc822(trimmed, zone: zone)
    }

    /// What the error messages show as the expected forms.
    public static let examples = "'2025-04-29T10:32:00+05:00' or 'Tue, 29 Apr 2025 10:32:00 +0500'"

    // MARK: ISO 8601 basic

    /// `20250429T103200+0500`, `20250429T1032Z`, `20250429`.
    static func basicISO8601(_ text: String, zone: TimeZone) -> Timestamp? {
        var scanner = DateScanner(text)
        guard let year = scanner.digits(4), let month = scanner.digits(2), let day = scanner.digits(2) else {
            return nil
        }
        var parts = DateComponents(year: year, month: month, day: day)
        guard scanner.take("T") || scanner.take("t") else {
            return scanner.isAtEnd ? stamp(parts, offset: nil, zone: zone, precision: .day) : nil
        }
        guard let hour = scanner.digits(2), let minute = scanner.digits(2) else { return nil }
        parts.hour = hour
        parts.minute = minute
        if scanner.peekDigit {
            guard let second = scanner.digits(2) else { return nil }
            parts.second = second
            if scanner.take(".") || scanner.take(",") { scanner.skipDigits() }
        }
        scanner.skipSpaces()
        var offset: Int?
        if !scanner.isAtEnd {
            guard let read = scanner.numericZone() else { return nil }
            offset = read
        }
        guard scanner.isAtEnd else { return nil }
        return stamp(parts, offset: offset, zone: zone, precision: .minute)
    }

    // MARK: RFC 822

    static func rfc822(_ text: String, zone: TimeZone) -> Timestamp? {
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = words.first, first.first?.isLetter == true, month(first) == nil { words.removeFirst() }
        // "29 Apr 2025" or, as some feeds write it, "Apr 29 2025".
        guard words.count >= 3 else { return nil }
        var day: Int?
        var monthNumber: Int?
        if let number = Int(words[0]), let named = month(words[1]) {
            (day, monthNumber) = (number, named)
        } else if let named = month(words[0]), let number = Int(words[1]) {
            (day, monthNumber) = (number, named)
        }
        guard let day, let monthNumber, var year = Int(words[2]), words[2].count == 4 || words[2].count == 2 else {
            return nil
        }
        if words[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        var parts = DateComponents(year: year, month: monthNumber, day: day)
        guard words.count > 3 else { return stamp(parts, offset: nil, zone: zone, precision: .day) }
        let clock = words[3].split(separator: ":").map { Int($0) }
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0 != nil }) else { return nil }
        parts.hour = clock[0]
        parts.minute = clock[1]
        parts.second = clock.count == 3 ? clock[2] : 0
        guard words.count > 4 else { return stamp(parts, offset: nil, zone: zone, precision: .minute) }
        guard words.count == 5, let offset = zoneOffset(words[4]) else { return nil }
        return stamp(parts, offset: offset, zone: zone, precision: .minute)
    }

    private static let monthPrefixes = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    private static func month(_ word: String) -> Int? {
        let lower = word.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard lower.count >= 3 else { return nil }
        guard let index = monthPrefixes.firstIndex(of: String(lower.prefix(3))) else { return nil }
        let full = EditionDate.monthNames[index].lowercased()
        return full.hasPrefix(lower) || lower == "sept" ? index + 1 : nil
    }

    /// Seconds east of UTC for an RFC 822 zone: `+0500`, `-07:00`, `GMT`, `UT`, `Z`, the US zones.
    private static func zoneOffset(_ word: String) -> Int? {
        let named: [String: Int] = [
            "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
            "PST": -8, "PDT": -7,
        ]
        if let hours = named[word.uppercased()] { return hours * 3600 }
        var scanner = DateScanner(word)
        guard let offset = scanner.numericZone(), scanner.isAtEnd else { return nil }
        return offset
    }

    private static func stamp(
        _ parts: DateComponents, offset: Int?, zone: TimeZone, precision: Timestamp.Precision
    ) -> Timestamp? {
        guard let year = parts.year, DateTimeText.years.contains(year), let month = parts.month, let day = parts.day,
            EditionDate(year: year, month: month, day: day) != nil,
            (0...23).contains(parts.hour ?? 0), (0...59).contains(parts.minute ?? 0),
            (0...60).contains(parts.second ?? 0)
        else { return nil }
        let timeZone = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? zone
        guard let instant = Calendar.gregorian(in: timeZone).date(from: parts) else { return nil }
        return Timestamp(instant, precision: precision)
    }
}

/// A cursor over a date's characters.
private struct DateScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    var isAtEnd: Bool { index == characters.count }
    var peekDigit: Bool { !isAtEnd && characters[index].isASCII && characters[index].isNumber }

    mutating func take(_ character: Character) -> Bool {
        guard !isAtEnd, characters[index] == character else { return false }
        index += 1
        return true
    }

    /// Exactly `count` ASCII digits.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= characters.count else { return nil }
        let slice = characters[index..<index + count]
        guard slice.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(String(slice)) else { return nil }
        index += count
        return value
    }

    mutating func skipDigits() {
        while peekDigit { index += 1 }
    }

    mutating func skipSpaces() {
        while !isAtEnd, characters[index] == " " { index += 1 }
    }

    /// `Z`, `+05:00`, `+0500` or `+05`: seconds east of UTC.
    mutating func numericZone() -> Int? {
        if take("Z") || take("z") { return 0 }
        let sign: Int
        if take("+") {
            sign = 1
        } else if take("-") || take("\u{2212}") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = digits(2), hours <= 14 else { return nil }
        _ = take(":")
        let minutes = isAtEnd ? 0 : digits(2)
        guard let minutes, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }
}
