/// A printed word and where it stands on its page, for highlighting a search hit on the replica.
///
/// A word hyphenated at the end of a line is one word here ("harbour", not "har-" and "bour"), so
/// search and matching see what the writer wrote; it keeps the box of each part, since the parts
/// stand on two lines (or in two columns).
public struct WordBox: Hashable, Sendable, Codable {
    /// The word as printed, hyphenated parts joined.
    public let text: String
    /// One box, or one per part of a hyphenated word, in reading order.
    public let boxes: [PageBox]

    public init(text: String, boxes: [PageBox]) throws(PrintedPageError) {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw .invalid(field: "word.text", reason: "must not be blank")
        }
        guard !boxes.isEmpty else { throw .invalid(field: "word.boxes", reason: "must hold at least one box") }
        self.text = text
        self.boxes = boxes
    }

    public init(text: String, box: PageBox) throws(PrintedPageError) {
        try self.init(text: text, boxes: [box])
    }

    /// The smallest box holding every part.
    public var bounds: PageBox { PageBox.union(boxes) ?? boxes[0] }
}
