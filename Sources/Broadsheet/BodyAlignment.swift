/// A body's two versions as rows: blocks lined up first, then an edited block's words compared.
///
/// Blocks are matched whole (their type and every text they hold), so an unchanged paragraph
/// always faces itself. An edited block faces what it became when both are of one kind (text of
/// any type, a list, an image, an embed): a paragraph made a quote is one row with two labels,
/// while a paragraph replaced by a picture is a removal and an addition.
enum BodyAlignment {
    static func rows(_ old: [BodyBlock], _ new: [BodyBlock]) -> [RevisionDiff.Row] {
        let pairs = ItemAlignment.pairs(
            old, new, text: { $0.texts.joined(separator: " ") }, pairable: { kind($0) == kind($1) })
        return pairs.flatMap { pair -> [RevisionDiff.Row] in
            switch (pair.old, pair.new) {
            case (let old?, let new?): rows(old, new)
            case (let old?, nil): whole(old, as: TextSegment.removed).map { RevisionDiff.Row(left: $0, right: nil) }
            case (nil, let new?): whole(new, as: TextSegment.added).map { RevisionDiff.Row(left: nil, right: $0) }
            case (nil, nil): []
            }
        }
    }

    /// The sides of a block only one version has, one per text it holds.
    private static func whole(_ block: BodyBlock, as change: (String) -> TextSegment) -> [RevisionDiff.Side] {
        parts(block).compactMap { part in
            part.text.map { RevisionDiff.Side(label: part.label, whole: $0, as: change) }
        }
    }

    /// The rows of a kept or edited block: one per text it holds.
    private static func rows(_ old: BodyBlock, _ new: BodyBlock) -> [RevisionDiff.Row] {
        if case .list(let oldList) = old, case .list(let newList) = new {
            return ItemAlignment.rows(
                oldList.items, newList.items, side: { (itemLabel(oldList), $0) }, newSide: { (itemLabel(newList), $0) })
        }
        let oldParts = parts(old)
        let newParts = parts(new)
        // Blocks of one kind have their parts in one order: a text block one, an image four, an embed two.
        if oldParts.count == 1, newParts.count == 1, let oldText = oldParts[0].text, let newText = newParts[0].text {
            return [
                RevisionDiff.Row(oldLabel: oldParts[0].label, old: oldText, newLabel: newParts[0].label, new: newText)
            ]
        }
        return zip(oldParts, newParts).flatMap { RevisionDiff.Row.rows(label: $0.label, old: $0.text, new: $1.text) }
    }

    /// What can stand in for what: text blocks for each other, lists, images, embeds.
    private static func kind(_ block: BodyBlock) -> String {
        switch block {
        case .paragraph, .heading, .quote, .preformatted: "text"
        case .list, .image, .embed: block.type
        }
    }

    private static func itemLabel(_ list: BodyList) -> String {
        list.ordered ? "numbered item" : "list item"
    }

    /// The texts a block holds, each with its label; nil for a part the block leaves out.
    private static func parts(_ block: BodyBlock) -> [(label: String, text: String?)] {
        switch block {
        case .paragraph(let text), .heading(let text), .quote(let text), .preformatted(let text):
            [(block.type, text)]
        case .list(let list):
            list.items.map { (itemLabel(list), $0) }
        case .image(let image):
            [("image", image.url), ("alt text", image.alt), ("caption", image.caption), ("credit", image.credit)]
        case .embed(let embed):
            [("embed", embed.url), ("embed title", embed.title)]
        }
    }
}
