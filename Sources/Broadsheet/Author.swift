import Foundation

/// Who a story is credited to: a reporter, a staff line or a wire agency.
///
/// The kind matters to readers (an agency story is shown as one) and to search engines
/// (a person is a `Person`, an agency an `Organization`).
public struct Author: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case person, staff, agency
    }

    public var name: String
    public var slug: Slug
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.slug = Slug(name)
        self.kind = kind
    }

    /// An author as a store keeps it: the slug it was filed under, and a kind read back from text
    /// (an unknown kind reads as a person).
    public init(name: String, slug: String, kind: String) {
        self.name = name
        self.slug = Slug(verbatim: slug)
        self.kind = Kind(rawValue: kind) ?? .person
    }
}

/// Reads the authors out of a byline as printed ("Reuters | AFP", "Our Staff Reporter", "By Sana Mirza").
public struct BylineReader: Sendable {
    /// The wire agencies we recognise out of the box; a publication adds its own.
    public static let defaultAgencies = [
        "AFP", "Reuters", "AP", "APP", "PTI", "Xinhua", "Anadolu", "dpa", "EFE", "Bloomberg",
        "NNI", "INP", "IANS", "Kyodo", "Yonhap",
    ]

    /// Words that mark a credit as the paper's own staff rather than a named person.
    static let staffWords: Set<String> = [
        "staff", "reporter", "correspondent", "correspondents", "desk", "report", "bureau",
        "monitoring", "monitor", "newsroom", "editorial", "team", "agencies",
    ]

    private let agencies: [String: String]

    public init(agencies: [String] = BylineReader.defaultAgencies) {
        var byKey: [String: String] = [:]
        for agency in agencies { byKey[agency.lowercased()] = agency }
        self.agencies = byKey
    }

    /// The authors named in a byline, in printed order, without duplicates.
    public func authors(in byline: String) -> [Author] {
        var authors: [Author] = []
        for credit in Self.credits(in: byline) {
            let author = classify(credit)
            if !authors.contains(author) { authors.append(author) }
        }
        return authors
    }

    /// One credit, as a whole, as an author: a formats' list of names is not split the way a
    /// printed byline is ("Harbour and Coast Desk" stays one staff credit).
    public func author(named credit: String) -> Author {
        classify(credit.trimmingCharacters(in: .whitespaces))
    }

    func classify(_ credit: String) -> Author {
        if let agency = agencies[credit.lowercased()] {
            return Author(name: agency, kind: .agency)
        }
        let words = credit.lowercased().split(whereSeparator: { !$0.isLetter })
        if words.first == "our" || words.contains(where: { Self.staffWords.contains(String($0)) }) {
            return Author(name: credit, kind: .staff)
        }
        return Author(name: credit, kind: .person)
    }

    /// Splits "Reuters | AFP", "AFP / Reuters", "Sana Mirza and Omar Latif" into single credits.
    static func credits(in byline: String) -> [String] {
        var text = byline.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("by ") { text = String(text.dropFirst(3)) }
        let separated =
            text
            .replacingOccurrences(of: " and ", with: "|")
            .replacingOccurrences(of: " & ", with: "|")
            .replacingOccurrences(of: "/", with: "|")
            .replacingOccurrences(of: ",", with: "|")
        return separated.split(separator: "|")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
