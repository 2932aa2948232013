import Broadsheet
import Foundation

/// The one place a body's image and link addresses are checked and made absolute.
struct HTMLLinkPolicy {
    let baseURL: URL?

    /// The address to keep, or nil when it is missing or would run a script (`javascript:`,
    /// `data:`, `vbscript:` and every other scheme but http and https, however spelled).
    ///
    /// Tabs and line breaks inside are dropped (browsers ignore them too), then the address is
    /// resolved against the base URL and checked again, so a base cannot smuggle a scheme in.
    func resolve(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.value > 0x20 || $0 == " " }))
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty, LinkSafety.allows(cleaned) else { return nil }
        guard let baseURL else { return cleaned }
        let encoded = cleaned.replacingOccurrences(of: " ", with: "%20")
        guard let resolved = URL(string: encoded, relativeTo: baseURL)?.absoluteURL.absoluteString else {
            return nil
        }
        return LinkSafety.allows(resolved) ? resolved : nil
    }

    /// An image's address: `src`, or the lazy-loading attributes, or the first of `srcset`.
    func imageSource(_ attributes: [String: String]) -> String? {
        for name in ["src", "data-src", "data-original", "data-lazy-src"] {
            if let value = attributes[name], let url = resolve(value) { return url }
        }
        let firstCandidate = attributes["srcset"]?.split(separator: ",").first?
            .split(whereSeparator: { $0 == " " }).first
        return resolve(firstCandidate.map(String.init))
    }
}
