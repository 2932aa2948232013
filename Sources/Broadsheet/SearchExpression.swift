/// A reader's search words, parsed: the one place user text becomes a query.
///
/// The language: words (all must match; `AND` may be written and changes nothing), `"exact phrases"`, `-excluded`, `prefix*`, `OR` between
/// two terms, `headline:word`, `author:name`. Whatever is typed parses: an open quote runs to the
/// end, operators and punctuation that mean nothing here are ignored, and the result is bounded in
/// size. Stores turn the parsed form into their own syntax (FTS5, `tsquery`); they never see the
/// raw text.
public struct SearchExpression: Hashable, Sendable {
    /// One searchable unit: a word, a word prefix or a phrase, anywhere or in the headline.
    public struct Term: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case word, prefix, phrase
        }

        /// Lowercase words; one for `.word` and `.prefix`, several for `.phrase`.
        public var words: [String]
        public var kind: Kind
        public var headlineOnly: Bool

        public init(words: [String], kind: Kind, headlineOnly: Bool = false) {
            self.words = words
            self.kind = kind
            self.headlineOnly = headlineOnly
        }
    }

    /// Every group must match; a group matches when any of its terms does (`a OR b`).
    public var required: [[Term]]
    /// None of these may match.
    public var excluded: [Term]
    /// The name given with `author:`.
    public var author: String?

    /// The most terms kept, and the most characters read, of one query.
    public static let maximumTerms = 32
    public static let maximumLength = 1_000

    /// Whether there is anything to look for (exclusions alone select nothing).
    public var isEmpty: Bool { required.isEmpty }

    public init(parsing text: String) {
        var required: [[Term]] = []
        var excluded: [Term] = []
        var author: String?
        var joinNext = false
        var count = 0
        for token in Self.tokens(String(text.prefix(Self.maximumLength))) {
            if count >= Self.maximumTerms { break }
            switch token {
            case .or:
                joinNext = !required.isEmpty
                continue
            case .author(let name):
                author = name
            case .term(let term, let negated):
                count += 1
                if negated {
                    excluded.append(term)
                } else if joinNext, !required.isEmpty {
                    required[required.count - 1].append(term)
                } else {
                    required.append([term])
                }
            }
            joinNext = false
        }
        self.required = required
        self.excluded = excluded
        self.author = author
    }

    private enum Token {
        case term(Term, negated: Bool)
        case or
        case author(String)
    }

    /// Splits the text into terms, honouring quotes; everything unrecognised degrades to words.
    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            var negated = false
            var headlineOnly = false
            var start = index
            if character == "-" {
                negated = true
                start = text.index(after: index)
            }
            // A field prefix (`headline:`, `author:`) directly before a word or a quote.
            let rest = text[start...]
            var field: Substring?
            if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(where: { $0.isWhitespace || $0 == "\"" })
            {
                field =
                    rest[..<colon].lowercased() == "headline" || rest[..<colon].lowercased() == "author"
                    ? rest[..<colon] : nil
                if field != nil { start = text.index(after: colon) }
            }
            headlineOnly = field?.lowercased() == "headline"
            let raw: Substring
            var quoted = false
            if start < text.endIndex, text[start] == "\"" {
                quoted = true
                let open = text.index(after: start)
                let close = text[open...].firstIndex(of: "\"") ?? text.endIndex
                raw = text[open..<close]
                index = close < text.endIndex ? text.index(after: close) : close
            } else {
                let end = text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
                raw = text[start..<end]
                index = end
            }
            if field?.lowercased() == "author" {
                let name = raw.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { tokens.append(.author(String(name))) }
                continue
            }
            if !quoted, !negated, !headlineOnly, raw == "OR" {
                tokens.append(.or)
                continue
            }
            // Every word must match already: a written AND changes nothing.
            if !quoted, !negated, !headlineOnly, raw == "AND" { continue }
            let words = Self.words(raw)
            guard !words.isEmpty else { continue }
            if quoted, words.count > 1 {
                tokens.append(.term(Term(words: words, kind: .phrase, headlineOnly: headlineOnly), negated: negated))
            } else if !quoted, raw.hasSuffix("*"), words.count == 1 {
                tokens.append(.term(Term(words: words, kind: .prefix, headlineOnly: headlineOnly), negated: negated))
            } else if quoted {
                tokens.append(.term(Term(words: words, kind: .word, headlineOnly: headlineOnly), negated: negated))
            } else {
                // "U.S.-led" and "NEAR(" become plain words; several words must all match.
                for word in words {
                    tokens.append(.term(Term(words: [word], kind: .word, headlineOnly: headlineOnly), negated: negated))
                }
            }
        }
        return tokens
    }

    /// The letters-and-digits runs of `text`, lowercased; marks stay with their letters.
    static func words(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil
                || (!current.isEmpty
                    && (properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark))
            {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }

    /// The same search over text that has no headline (a printed page): `headline:` terms look
    /// everywhere.
    public var anywhere: SearchExpression {
        var copy = self
        copy.required = required.map { group in group.map { Term(words: $0.words, kind: $0.kind) } }
        copy.excluded = excluded.map { Term(words: $0.words, kind: $0.kind) }
        return copy
    }

    /// The words a reader would want highlighted, for display ("Results for …").
    public var description: String {
        func show(_ term: Term) -> String {
            let text = term.words.joined(separator: " ")
            let shown = term.kind == .phrase ? "\"\(text)\"" : term.kind == .prefix ? text + "*" : text
            return term.headlineOnly ? "headline:" + shown : shown
        }
        var parts = required.map { group in group.map(show).joined(separator: " OR ") }
        parts += excluded.map { "-" + show($0) }
        if let author { parts.append("author:\(author)") }
        return parts.joined(separator: " ")
    }
}
