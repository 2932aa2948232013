import Broadsheet
import Testing

@Suite("Parsing a reader's search words", .timeLimit(.minutes(10)))
struct SearchExpressionTests {
    typealias Term = SearchExpression.Term

    @Test(arguments: [
        ("harbour bridge", [[Term(words: ["harbour"], kind: .word)], [Term(words: ["bridge"], kind: .word)]]),
        ("\"harbour bridge\"", [[Term(words: ["harbour", "bridge"], kind: .phrase)]]),
        ("bridg*", [[Term(words: ["bridg"], kind: .prefix)]]),
        ("ferry OR bridge", [[Term(words: ["ferry"], kind: .word), Term(words: ["bridge"], kind: .word)]]),
        ("headline:bridge", [[Term(words: ["bridge"], kind: .word, headlineOnly: true)]]),
        ("headline:\"new bridge\"", [[Term(words: ["new", "bridge"], kind: .phrase, headlineOnly: true)]]),
        ("Karachi's", [[Term(words: ["karachi"], kind: .word)], [Term(words: ["s"], kind: .word)]]),
        ("کراچی پل", [[Term(words: ["کراچی"], kind: .word)], [Term(words: ["پل"], kind: .word)]]),
    ])
    func requiredTerms(text: String, required: [[Term]]) {
        #expect(SearchExpression(parsing: text).required == required)
    }

    @Test func exclusionsAndAuthors() {
        let expression = SearchExpression(parsing: "bridge -toll author:\"Sana Mirza\"")
        #expect(expression.required == [[Term(words: ["bridge"], kind: .word)]])
        #expect(expression.excluded == [Term(words: ["toll"], kind: .word)])
        #expect(expression.author == "Sana Mirza")
        #expect(expression.description == "bridge -toll author:Sana Mirza")
    }

    @Test(arguments: ["", "   ", "*", "-bridge", "\"\"", "OR", "AND", "()", "🙂🙂", "-\"\"", ":", "headline:", "author:"])
    func nothingToLookFor(text: String) {
        #expect(SearchExpression(parsing: text).isEmpty)
    }

    @Test func anOpenQuoteRunsToTheEnd() {
        #expect(
            SearchExpression(parsing: "\"harbour bridge").required == [
                [Term(words: ["harbour", "bridge"], kind: .phrase)]
            ])
    }

    @Test func operatorsOfOtherEnginesAreJustWords() {
        let expression = SearchExpression(parsing: "NEAR(bridge ferry) AND tolls")
        #expect(expression.required.flatMap { $0.map(\.words) } == [["near"], ["bridge"], ["ferry"], ["tolls"]])
    }

    @Test func longQueriesAreBounded() {
        let expression = SearchExpression(parsing: String(repeating: "word ", count: 2_000))
        #expect(expression.required.count == SearchExpression.maximumTerms)
    }
}
