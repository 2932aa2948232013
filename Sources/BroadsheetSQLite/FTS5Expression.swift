import Broadsheet

/// Writes a parsed `SearchExpression` in FTS5's query syntax.
///
/// Every word goes in double quotes (FTS5 strings), so nothing a reader types can be read as an
/// FTS5 operator or column name; `"` inside a word cannot occur, as words are letters and digits.
enum FTS5Expression {
    /// The MATCH text, or nil when there is nothing to look for.
    static func match(_ expression: SearchExpression) -> String? {
        guard !expression.isEmpty else { return nil }
        let groups = expression.required.map { group in
            group.count == 1 ? term(group[0]) : "(" + group.map(term).joined(separator: " OR ") + ")"
        }
        var match = groups.joined(separator: " AND ")
        for excluded in expression.excluded {
            match = "(\(match)) NOT \(term(excluded))"
        }
        return match
    }

    /// Only the headline terms: the candidates that match in the headline.
    static func term(_ term: SearchExpression.Term) -> String {
        let quoted = "\"" + term.words.joined(separator: " ") + "\""
        let body = term.kind == .prefix ? quoted + " *" : quoted
        return term.headlineOnly ? "headline : " + body : body
    }
}
