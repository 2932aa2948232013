import Foundation
import Hummingbird

/// Paths with non-Latin slugs (Urdu headlines) travel percent-encoded in HTTP; these keep the two
/// spellings apart so a redirect never loops.
enum URLPath {
    /// The path as it may appear in a `Location` header or a JSON `url`.
    static func encoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}

extension Parameters {
    /// A path parameter with its percent-encoding undone.
    func decoded(_ name: String) -> String? {
        guard let raw = get(name) else { return nil }
        return raw.removingPercentEncoding ?? raw
    }
}
