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
        var words = Set<String>()
        for text in texts { collect(text, into: &words) }
        return words
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

    /// Reads ASCII bytes directly (most copy is ASCII) and hands every other run to the
    /// expression parser's own word splitter, so both agree on what a word is.
    private static func collect(_ text: String, into words: inout Set<String>) {
        var word: [UInt8] = []
        var other = false
        var start = text.utf8.startIndex
        var index = start
        let utf8 = text.utf8
        func flush(upTo end: String.Index) {
            if other {
                for found in SearchExpression.words(text[start..<end]) { words.insert(fold(found)) }
            } else if !word.isEmpty {
                words.insert(String(decoding: word, as: UTF8.self))
            }
            word.removeAll(keepingCapacity: true)
            other = false
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if word.isEmpty && !other { start = index }
                word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if word.isEmpty && !other { start = index }
                word.append(byte + 32)
            case 0x80...:
                if word.isEmpty && !other { start = index }
                other = true
            default:
                flush(upTo: index)
            }
            index = utf8.index(after: index)
        }
        flush(upTo: utf8.endIndex)
    }
}
