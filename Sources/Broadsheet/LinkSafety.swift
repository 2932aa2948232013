/// Which addresses an article's body may point at: web addresses and paths, never a script.
///
/// Readers of every format check image and link URLs with it before they make a block, and the
/// web layer checks again before it writes an `href` or `src`, so a `javascript:` or `data:` URL
/// from any source, stored or new, never reaches a page.
public enum LinkSafety {
    /// The schemes a body link or image may use.
    public static let allowedSchemes: Set<String> = ["http", "https"]

    /// True for `http(s)://...` and for references without a scheme (`/img/a.jpg`, `a.jpg`,
    /// `//cdn.example.org/a.jpg`, `#notes`); false for every other scheme, however it is spelled.
    ///
    /// Browsers drop tabs, line breaks and leading control characters and spaces before they
    /// read a scheme, so they are dropped here too: `" java\tscript:"` is still `javascript:`.
    public static func allows(_ url: String) -> Bool {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            switch scalar {
            case ":": return allowedSchemes.contains(scheme.lowercased())
            case "/", "?", "#": return true
            default: scheme.unicodeScalars.append(scalar)
            }
        }
        return !scheme.isEmpty
    }
}
