/// The words of printed pages as plain tokens, each knowing the word and the page it comes from:
/// what finding a story or a search on the pages compares against.
///
/// A token is a run of letters and digits, lowercased, accents dropped; a hyphen or an
/// apostrophe splits ("co-op" is two tokens of one word), so any text folded by `tokens(_:)`
/// compares with the page token by token.
struct PrintedTokens {
    var tokens: [Substring] = []
    /// For each token, the index of its word within its page.
    var wordOf: [Int] = []
    /// For each token, the index of its page within the pages given.
    var pageOf: [Int] = []

    init(_ pages: [[WordBox]]) {
        for (pageIndex, words) in pages.enumerated() {
            for (wordIndex, word) in words.enumerated() {
                for token in Self.tokens(word.text) {
                    tokens.append(token)
                    wordOf.append(wordIndex)
                    pageOf.append(pageIndex)
                }
            }
        }
    }

    /// Plain tokens: letters and digits, lowercased, accents dropped; anything else separates.
    static func tokens(_ text: String) -> [Substring] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }
}
