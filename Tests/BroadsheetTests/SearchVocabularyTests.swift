import Foundation
import Testing

@testable import Broadsheet

@Suite("A story's words as the search vocabulary folds them", .timeLimit(.minutes(10)))
struct SearchVocabularyTests {
    /// What the vocabulary must hold: every word the expression parser finds, folded, each once
    /// where it is first written.
    static func expected(_ texts: String...) -> [String] {
        var seen = Set<String>()
        return texts.flatMap { SearchExpression.words(Substring($0)).map(SearchVocabulary.fold) }
            .filter { seen.insert($0).inserted }
    }

    static let texts = [
        "Harbour Board votes 7–2 for the new quay; the HARBOUR board's chair abstained.",
        "Café owners on the quay say the café trade fell by a third, and cafe prices rose.",
        "کراچی میں بارش کے بعد سڑکیں بند، کراچی کی بندرگاہ کھلی رہی",
        "Naïve élan: ÉCOLE x2 2024 a—b",
    ]

    @Test(arguments: texts)
    func eachTextGivesTheParsersWordsOnceInTheirOrder(text: String) {
        #expect(SearchVocabulary.wordsInOrder(in: text) == Self.expected(text))
        #expect(SearchVocabulary.words(in: text) == Set(Self.expected(text)))
    }

    @Test func wordsOfSeveralTextsAreMerged() {
        let all = Self.texts
        let words = SearchVocabulary.wordsInOrder(in: all[0], all[1], all[2], all[3])
        #expect(words == Self.expected(all[0], all[1], all[2], all[3]))
        // "Café" and "cafe" fold to one word, met first in the other path and then in the ASCII one.
        #expect(words.filter { $0 == "cafe" }.count == 1)
        #expect(words.prefix(3) == ["harbour", "board", "votes"])
    }

    @Test func aLongTextKeepsEveryDistinctWord() {
        // Past the table's first 1,024 slots, so it grows, with each word written three times.
        let words = (0..<1_000).map { "w\($0)x\(String(UnicodeScalar(97 + $0 % 26)!))" }
        let text = (words + words.map { $0.uppercased() } + words).joined(separator: " ")
        #expect(SearchVocabulary.wordsInOrder(in: text) == words)
        #expect(SearchVocabulary.words(in: text).count == 1_000)
    }
}
