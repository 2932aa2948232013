/// Where (and, in wire copy, when and by whom) a story was filed: `SEOUL:`, `WASHINGTON / MOSCOW:`,
/// `LONDON, April 28 (Reuters) -`.
///
/// The parts are kept apart so the dateline can be shown, searched and written back exactly as printed.
public struct Dateline: Hashable, Sendable, Codable {
    /// The two ways papers print a dateline.
    public enum Style: String, Hashable, Sendable, Codable {
        /// `KARACHI:` — the place in capitals and a colon.
        case colon
        /// `LONDON, April 28 (Reuters) -` — the wire agencies' style.
        case wire
    }

    /// The places as printed, e.g. `["WASHINGTON", "MOSCOW"]`.
    public var places: [String]
    /// The wire style's date as printed ("April 28"), nil in the colon style.
    public var date: String?
    /// The wire style's agency ("Reuters"), nil in the colon style.
    public var agency: String?
    public var style: Style

    public init(places: [String], date: String? = nil, agency: String? = nil, style: Style = .colon) {
        self.places = places
        self.date = date
        self.agency = agency
        self.style = style
    }

    /// The place line shown to readers and in JSON: "WASHINGTON / MOSCOW".
    public var place: String { places.joined(separator: " / ") }

    /// The dateline as it opens the first paragraph, with its trailing punctuation.
    public var printed: String {
        switch style {
        case .colon:
            return place + ":"
        case .wire:
            var text = place
            if let date { text += ", " + date }
            if let agency { text += " (" + agency + ")" }
            return text + " -"
        }
    }
}
