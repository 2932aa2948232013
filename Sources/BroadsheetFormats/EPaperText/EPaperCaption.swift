import Broadsheet

/// A photo caption some e-paper copies print between the credit and the first paragraph:
/// `Two grey seals rest on the harbour steps at low tide. — Sana Mirza`.
///
/// The text copy has the caption but not the picture, so it becomes a picture block without an
/// address (the picture is on the printed page), and the dateline is read from the paragraph
/// after it, which is the story's real first paragraph.
struct EPaperCaption: Hashable {
    var caption: String
    var credit: String

    /// The dashes a caption's credit follows: an em dash, an en dash.
    private static let dashes = [" — ", " – "]

    /// `line` as a caption: text, a spaced dash, then a credit of one to five words that starts
    /// with a capital and ends no sentence. A line opening with a dateline is a paragraph.
    static func read(_ line: Substring) -> EPaperCaption? {
        guard EPaperDatelineReader.read(line) == nil else { return nil }
        for dash in dashes {
            guard let range = line.range(of: dash, options: .backwards) else { continue }
            let caption = EPaperLine.trimmed(line[..<range.lowerBound])
            let credit = EPaperLine.trimmed(line[range.upperBound...])
            let words = credit.split(whereSeparator: \.isWhitespace)
            guard !caption.isEmpty, (1...5).contains(words.count), credit.count <= 60,
                credit.first?.isUppercase == true, credit.last.map({ !".!?".contains($0) }) ?? false
            else { continue }
            return EPaperCaption(caption: String(caption), credit: String(credit))
        }
        return nil
    }

    /// The picture block it becomes.
    var block: BodyBlock { .image(BodyImage(url: "", caption: caption, credit: credit)) }

    /// How the writer prints a picture without an address, so that it reads back as this caption.
    static func printed(_ image: BodyImage) -> String? {
        guard image.url.isEmpty, let caption = image.caption, let credit = image.credit else { return nil }
        return caption + " — " + credit
    }
}
