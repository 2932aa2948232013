import Foundation

/// A page as the press printed it: its place in the edition, its size and its image.
///
/// Kept apart from `Page`, which is the page as the text view groups stories: an edition may
/// have stories filed with page numbers long before (or without ever) having their pages scanned,
/// and a scanned page knows its pixels but not, by itself, which stories it holds.
public struct PrintedPage: Hashable, Sendable, Codable {
    public let date: EditionDate
    /// The page's place in the edition, 1 first; within `PageReference.numbers`.
    public let number: Int
    /// The number as printed on the page, when it is not just `number` ("A3", "iv", "Sport 2").
    public let label: String?
    /// The size of the page image in pixels: what region and word boxes are fractions of.
    public let width: Int
    public let height: Int
    /// The page image's content address (what the image store files it under); nil until the
    /// image has been stored. Opaque here: the model never opens images.
    public let image: String?

    /// The largest side a page image may have: a broadsheet at 600 dpi is about 14,000 pixels tall.
    public static let sides = 1...65_536

    public init(
        date: EditionDate, number: Int, label: String? = nil, width: Int, height: Int, image: String? = nil
    ) throws(PrintedPageError) {
        guard PageReference.numbers.contains(number) else {
            throw .invalid(
                field: "page.number", reason: "must be 1 to \(PageReference.numbers.upperBound), not \(number)")
        }
        guard Self.sides.contains(width) else {
            throw .invalid(field: "page.width", reason: "must be 1 to \(Self.sides.upperBound) pixels, not \(width)")
        }
        guard Self.sides.contains(height) else {
            throw .invalid(field: "page.height", reason: "must be 1 to \(Self.sides.upperBound) pixels, not \(height)")
        }
        let label = label?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let image, image.isEmpty || image.contains(where: { $0.isWhitespace || $0 == "/" }) {
            throw .invalid(field: "page.image", reason: "must be a content address without spaces or slashes")
        }
        self.date = date
        self.number = number
        self.label = label?.isEmpty == false ? label : nil
        self.width = width
        self.height = height
        self.image = image
    }

    /// The label a reader sees: the printed one, else the number.
    public var displayLabel: String { label ?? String(number) }
}
