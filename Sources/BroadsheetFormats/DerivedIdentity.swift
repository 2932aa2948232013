import Broadsheet
import Crypto
import Foundation

/// An identity for a story whose source gives none (an RSS item without `guid` or `link`, ninjs
/// without `uri`, NITF without `doc-id`): a hash of what the story says, so importing it again
/// finds the same article and two such stories in one feed stay two.
///
/// Only the source's own words and date go in, never the time it was read, so the identity is
/// the same on every import of the same copy.
enum DerivedIdentity {
    /// `urn:broadsheet:derived:<format>:<hex>` from the publisher, headline, first paragraph and date.
    static func uri(
        format: String, publisher: String, headline: String, firstParagraph: String?, date: Timestamp?
    ) -> String {
        let parts = [
            publisher, XMLText.normalized(headline), firstParagraph.map(XMLText.normalized) ?? "",
            date.map { String(Int64($0.instant.timeIntervalSince1970)) } ?? "",
        ]
        let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8))
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        return "urn:broadsheet:derived:\(format):\(hex)"
    }
}
