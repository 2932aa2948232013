import Foundation

/// A URL path segment made from a name or headline.
///
/// Slugs keep letters of every script, so an Urdu headline gets an Urdu slug rather than an empty
/// one; Latin diacritics are folded ("Café" → "cafe") because readers type URLs without them.
/// The same text always gives the same slug, which is what keeps links stable.
public struct Slug: Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The longest slug we make; longer text is cut at a word boundary.
    public static let maximumLength = 80

    public init(_ text: String) {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .spacingMark
            {
                // Marks inside Urdu/Arabic/Devanagari words belong to the word.
                if !current.isEmpty { current.unicodeScalars.append(scalar) }
            } else if scalar == "'" || scalar == "’" {
                // "Pakistan's" → "pakistans", as readers expect.
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.count > Self.maximumLength {
                if slug.isEmpty { slug = String(word.prefix(Self.maximumLength)) }
                break
            }
            slug = candidate
        }
        self.rawValue = slug
    }

    /// Wraps a slug read back from a URL or the database, as it is.
    public init(verbatim: String) {
        self.rawValue = verbatim
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var isEmpty: Bool { rawValue.isEmpty }
    public var description: String { rawValue }
}
