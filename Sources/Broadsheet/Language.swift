/// Guesses an article's language from its script, for copy that does not say.
///
/// Only the distinction readers see matters here: Urdu and Arabic are set right to left.
public enum LanguageGuess {
    /// Letters used by Urdu but not by Arabic.
    private static let urduLetters: Set<Unicode.Scalar> = ["ٹ", "ڈ", "ڑ", "ں", "ے", "ہ", "ھ", "گ", "چ", "پ", "ک", "ی"]

    /// "ur" or "ar" when most letters are Arabic script, otherwise `fallback`.
    public static func language(of text: String, fallback: String) -> String {
        var arabic = 0
        var other = 0
        var urduHints = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            if (0x0600...0x06FF).contains(scalar.value) || (0x0750...0x077F).contains(scalar.value)
                || (0xFB50...0xFDFF).contains(scalar.value)
            {
                arabic += 1
                if urduLetters.contains(scalar) { urduHints += 1 }
            } else {
                other += 1
            }
        }
        guard arabic > other else { return fallback }
        return urduHints > 0 ? "ur" : "ar"
    }

    /// Whether text in `language` is read right to left.
    public static func isRightToLeft(_ language: String) -> Bool {
        let primary = language.split(separator: "-").first.map(String.init) ?? language
        return ["ar", "ur", "fa", "he", "ps", "sd", "ug", "yi", "dv", "ckb"].contains(primary.lowercased())
    }
}
