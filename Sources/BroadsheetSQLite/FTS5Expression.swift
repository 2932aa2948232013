import Broadsheet

/// Writes a parsed `SearchExpression` in FTS5's query syntax.
///
/// Every word goes in double quotes (FTS5 strings), so nothing a reader types can be read as an
/// FTS5 operator or column name; `"` inside a word cannot occur, as words are letters and digits.
enum FTS5Expression {
    /// The MATCH text, or nil when there is nothing to look for.
    ///
    /// - Parameter prefixes: the words each folded prefix stands for (`SearchVocabularySQL`); a
    ///   prefix missing from it is left to FTS5's own prefix query.
    static func match(_ expression: SearchExpression, prefixes: [String: [String]] = [:]) -> String? {
        guard !expression.isEmpty else { return nil }
        func write(_ term: SearchExpression.Term) -> String { Self.term(term, prefixes: prefixes) }
        let groups = expression.required.map { group in
            group.count == 1 ? write(group[0]) : "(" + group.map(write).joined(separator: " OR ") + ")"
        }
        var match = groups.joined(separator: " AND ")
        for excluded in expression.excluded {
            match = "(\(match)) NOT \(write(excluded))"
        }
        return match
    }

    /// Any of the excluded terms, or nil when there are none: what rules an article out.
    static func excluded(_ expression: SearchExpression, prefixes: [String: [String]] = [:]) -> String? {
        guard !expression.excluded.isEmpty else { return nil }
        return expression.excluded.map { term($0, prefixes: prefixes) }.joined(separator: " OR ")
    }

    static func term(_ term: SearchExpression.Term, prefixes: [String: [String]] = [:]) -> String {
        let body: String
        if term.kind == .prefix, let words = prefixes[SearchVocabulary.fold(term.words[0])] {
            // No written word begins so: the prefix itself as a word, which no article holds.
            let alternatives = words.isEmpty ? [term.words[0]] : words
            body = "(" + alternatives.map { "\"\($0)\"" }.joined(separator: " OR ") + ")"
        } else {
            let quoted = "\"" + term.words.joined(separator: " ") + "\""
            body = term.kind == .prefix ? quoted + " *" : quoted
        }
        return term.headlineOnly ? "headline : " + body : body
    }
}
