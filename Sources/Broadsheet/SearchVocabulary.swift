import Foundation

/// The words an article is written in, as a prefix search looks them up.
///
/// A search index keeps stems ("ones" and "one" are both "on"), so it cannot say which written
/// words begin with what a reader typed, and a prefix left to the index merges the postings of
/// every stem in its range, which at a million articles takes seconds. Stores keep the written
/// words apart, and a prefix becomes the words it stands for (`harb*`: harbour, harbours …), each
/// an ordinary term. Words are folded as the index folds them: lowercase, Latin accents dropped.
public enum SearchVocabulary {
    /// How many words one prefix stands for at most; the commonest are kept.
    public static let wordsPerPrefix = 64

    /// The distinct folded words of the texts.
    public static func words(in texts: String...) -> Set<String> {
        Set(gathered(texts))
    }

    /// The distinct folded words of the texts, each where it is first written.
    public static func wordsInOrder(in texts: String...) -> [String] {
        gathered(texts)
    }

    private static func gathered(_ texts: [String]) -> [String] {
        var words = FoldedWords()
        for text in texts { words.collect(text) }
        return words.words
    }

    /// A word as the vocabulary keeps it.
    public static func fold(_ word: String) -> String {
        word.lowercased().folding(options: .diacriticInsensitive, locale: nil)
    }

    /// The first string after every word that starts with `prefix`, for a range lookup
    /// (`prefix <= word < upperBound`); nil when no string bounds it.
    public static func upperBound(of prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            if let next = Unicode.Scalar(last.value + 1) {
                return String(String.UnicodeScalarView(scalars + [next]))
            }
        }
        return nil
    }
}
