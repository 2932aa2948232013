import Broadsheet

/// Writes a parsed `SearchExpression` in `to_tsquery`'s syntax, for the database to normalise
/// (stem) in each article's own text-search configuration.
///
/// Every word goes in single quotes (a tsquery lexeme), so nothing a reader types can be read as
/// an operator; a quote or backslash inside a word cannot occur, as words are letters and digits.
/// Words AND, `a OR b` becomes `|`, a phrase `a <-> b`, `-word` `!word`, `word*` `'word':*`, and
/// `headline:word` keeps to the headline's weight, `'word':A`.
///
///     harbour "old crossing" -ferry   →   'harbour' & ('old' <-> 'crossing') & !'ferry'
///     headline:bridg* OR captain      →   ('bridg':*A | 'captain')
enum TSQueryExpression {
    /// The query text, or nil when there is nothing to look for. `weighted: false` leaves out
    /// the headline weight, for the headline's own `tsvector`, which is all headline.
    static func query(_ expression: SearchExpression, weighted: Bool = true) -> String? {
        guard !expression.isEmpty else { return nil }
        let term = { (one: SearchExpression.Term) in Self.term(one, weighted: weighted) }
        let groups = expression.required.map { group in
            group.count == 1 ? term(group[0]) : "(" + group.map(term).joined(separator: " | ") + ")"
        }
        return (groups + expression.excluded.map { "!" + term($0) }).joined(separator: " & ")
    }

    static func term(_ term: SearchExpression.Term, weighted: Bool = true) -> String {
        let weight = term.headlineOnly && weighted ? "A" : ""
        let label =
            switch term.kind {
            case .prefix: ":*" + weight
            case .word, .phrase: weight.isEmpty ? "" : ":" + weight
            }
        let lexemes = term.words.map { "'" + $0 + "'" + label }
        return lexemes.count == 1 ? lexemes[0] : "(" + lexemes.joined(separator: " <-> ") + ")"
    }
}
