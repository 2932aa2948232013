import Foundation
import Hummingbird

extension Parameters {
    /// A path parameter with its percent-encoding undone: non-Latin slugs (Urdu headlines) travel
    /// encoded in HTTP and are stored as written, so a redirect compares the two and never loops.
    func decoded(_ name: String) -> String? {
        guard let raw = get(name) else { return nil }
        // Foundation's decoding bridges to NSString, a few microseconds on every article's address.
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        return raw.removingPercentEncoding ?? raw
    }
}

extension Request {
    /// The query as HTML forms send it: `+` is a space (the masthead's search box sends
    /// `q=harbour+bridge`), then percent-decoding, so `%2B` is still a plus.
    var formParameters: Parameters {
        guard let query = uri.query, !query.isEmpty else { return Parameters() }
        return Parameters(
            query.split(separator: "&").map { pair -> (key: Substring, value: Substring) in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (key: Self.formDecoded(parts[0]), value: parts.count > 1 ? Self.formDecoded(parts[1]) : "")
            })
    }

    /// One name or value of a form: `+` is a space, then percent-decoding.
    static func formDecoded(_ text: Substring) -> Substring {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return Substring(spaced.removingPercentEncoding ?? spaced)
    }
}
