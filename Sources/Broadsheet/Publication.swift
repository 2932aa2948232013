import Foundation

/// The newspaper this installation serves, and the settings that shape how its copy is read.
public struct Publication: Sendable, Hashable {
    public var name: String
    /// The public address articles' canonical URLs start with, without a trailing slash.
    public var baseURL: String
    /// Copy prints dates without a zone; they are read, and shown, in this one.
    public var timeZone: TimeZone
    /// The language of copy that does not say otherwise (BCP 47).
    public var language: String
    /// The terms that name a desk rather than a topic.
    public var sections: [String]
    /// The section an article files under when its copy names none.
    public var defaultSection: String
    /// Credits that are wire agencies.
    public var agencies: [String]

    /// Common desk names; a publication adds its own (its country, its cities).
    public static let defaultSections = [
        "Front Page", "Back Page", "National", "World", "Business", "Sport", "Opinion", "Editorial",
        "Letters", "Metropolitan", "Culture", "Science", "Technology", "Health", "Entertainment",
    ]

    public init(
        name: String = "Broadsheet",
        baseURL: String = "http://127.0.0.1:8080",
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        language: String = "en",
        sections: [String] = Publication.defaultSections,
        defaultSection: String = "News",
        agencies: [String] = BylineReader.defaultAgencies
    ) {
        self.name = name
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeZone = timeZone
        self.language = language
        self.sections = sections
        self.defaultSection = defaultSection
        self.agencies = agencies
    }

    /// The configured section a term names, if it names one (case and spacing ignored).
    public func section(named term: String) -> Section? {
        let key = Slug(term)
        if key == Slug(defaultSection) { return Section(name: defaultSection) }
        return sections.first(where: { Slug($0) == key }).map { Section(name: $0) }
    }

    /// The absolute URL of a site path ("/news/42/slug").
    public func url(_ path: String) -> String { baseURL + path }

    public var bylineReader: BylineReader { BylineReader(agencies: agencies) }
}

/// The settings a newsroom gives once (`--publication`, `--timezone`, ...) and the archive keeps,
/// so every later command and server reads copy and shows times the same way.
public struct PublicationSettings: Hashable, Sendable, Codable {
    public var name: String?
    public var baseURL: String?
    public var timeZone: String?
    public var language: String?
    public var extraSections: [String]?
    public var extraAgencies: [String]?

    public init(
        name: String? = nil, baseURL: String? = nil, timeZone: String? = nil, language: String? = nil,
        extraSections: [String]? = nil, extraAgencies: [String]? = nil
    ) {
        self.name = name
        self.baseURL = baseURL
        self.timeZone = timeZone
        self.language = language
        self.extraSections = extraSections
        self.extraAgencies = extraAgencies
    }

    /// These settings, with any that are missing taken from `stored`.
    public func over(_ stored: PublicationSettings) -> PublicationSettings {
        PublicationSettings(
            name: name ?? stored.name, baseURL: baseURL ?? stored.baseURL, timeZone: timeZone ?? stored.timeZone,
            language: language ?? stored.language, extraSections: extraSections ?? stored.extraSections,
            extraAgencies: extraAgencies ?? stored.extraAgencies)
    }
}
