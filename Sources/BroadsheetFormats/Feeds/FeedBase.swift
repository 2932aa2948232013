import Foundation

/// The address relative links in a feed are resolved against: `xml:base` on an element or any of
/// its ancestors, each resolved against the one above, else the feed's own link.
struct FeedBase {
    var url: URL?

    /// The base inside `element`: its `xml:base` resolved against this one.
    func entering(_ element: XMLTreeElement) -> FeedBase {
        guard let base = element[attribute: "xml:base"] else { return self }
        return FeedBase(url: URL(string: base, relativeTo: url)?.absoluteURL ?? url)
    }

    /// `reference` made absolute when it is relative and a base is known.
    func resolve(_ reference: String?) -> String? {
        guard let reference = reference?.trimmingCharacters(in: .whitespacesAndNewlines), !reference.isEmpty else {
            return nil
        }
        guard let url, URL(string: reference)?.scheme == nil,
            let resolved = URL(string: reference, relativeTo: url)?.absoluteURL
        else { return reference }
        return resolved.absoluteString
    }
}
