/// Two versions of a story side by side, field by field in reading order: what the desk shows
/// when an editor compares two revisions, or when a save meets a colleague's newer edit.
///
/// It is pure (no store, no clock), so the same comparison serves a page, a test and any later
/// client. Every field is reported, changed or not, so a page can say "no change" or fold it
/// away. The instants, source and status are left out: the revision list shows who, when and what
/// action. Text is compared word by word, and a body block by block first, so a new paragraph or a
/// cut quote does not turn the rest of the story into one long change.
public struct RevisionDiff: Hashable, Sendable {
    /// The fields in reading order, one each, changed or not.
    public var fields: [FieldDifference]

    /// Compares the `older` version (the left side) with the `newer` one (the right side).
    public init(from older: ArticleContent, to newer: ArticleContent) {
        func field(_ field: Field, _ changed: Bool, _ rows: [Row]) -> FieldDifference {
            FieldDifference(field: field, changed: changed, rows: rows)
        }
        let (old, new) = (older, newer)
        fields = [
            field(
                .headline, old.headline != new.headline, [Row(label: "headline", old: old.headline, new: new.headline)]),
            field(.summary, old.summary != new.summary, Row.rows(label: "summary", old: old.summary, new: new.summary)),
            field(.byline, old.byline != new.byline, Row.rows(label: "byline", old: old.byline, new: new.byline)),
            field(
                .authors, old.authors != new.authors,
                ItemAlignment.rows(old.authors, new.authors, side: { ($0.kind.rawValue, $0.name) })),
            field(
                .dateline, old.dateline != new.dateline,
                Row.rows(label: "dateline", old: old.dateline?.printed, new: new.dateline?.printed)),
            field(
                .section, old.section != new.section,
                [Row(label: "section", old: old.section.name, new: new.section.name)]),
            field(
                .topics, old.topics != new.topics,
                ItemAlignment.rows(old.topics, new.topics, side: { ("topic", $0.name) })),
            field(
                .language, old.language != new.language, [Row(label: "language", old: old.language, new: new.language)]),
            field(.edition, old.edition != new.edition, Self.editionRows(old.edition, new.edition)),
            field(.body, old.body != new.body, BodyAlignment.rows(old.body, new.body)),
        ]
    }

    /// Only the fields that changed, in reading order.
    public var changedFields: [FieldDifference] { fields.filter(\.changed) }

    /// True when the two versions differ in a field the comparison shows.
    public var hasChanges: Bool { fields.contains(where: \.changed) }

    /// One field's difference.
    public subscript(field: Field) -> FieldDifference {
        fields.first(where: { $0.field == field }) ?? FieldDifference(field: field, changed: false, rows: [])
    }

    /// The printed edition: its paper, day, region, supplement, page number and page name, each a row
    /// when either side has it.
    private static func editionRows(_ old: EditionReference, _ new: EditionReference) -> [Row] {
        [
            Row(label: "publication", old: old.publication, new: new.publication),
            Row(label: "date", old: old.date.iso, new: new.date.iso),
        ]
            + Row.rows(label: "region", old: old.region, new: new.region)
            + Row.rows(label: "supplement", old: old.supplement, new: new.supplement)
            + Row.rows(label: "page", old: old.page.map { String($0.number) }, new: new.page.map { String($0.number) })
            + Row.rows(label: "page name", old: old.page?.name, new: new.page?.name)
    }
}

extension RevisionDiff {
    /// The fields the desk compares, in reading order; the raw values are the API's field names.
    public enum Field: String, CaseIterable, Hashable, Sendable {
        case headline, summary, byline, authors, dateline, section, topics, language, edition, body
    }

    /// One field of both versions, as rows to show side by side.
    public struct FieldDifference: Hashable, Sendable {
        public var field: Field
        /// Whether the two versions' values differ at all.
        public var changed: Bool
        /// The field's lines: one for a headline, one per author or topic, one or more per body
        /// block. Empty when neither version has the field (no summary on either side).
        public var rows: [Row]

        public init(field: Field, changed: Bool, rows: [Row]) {
            self.field = field
            self.changed = changed
            self.rows = rows
        }
    }

    /// One line of the side-by-side view: what the older version had there and what the newer one has.
    public struct Row: Hashable, Sendable {
        /// The older version's side; nil where it had nothing here (a paragraph added since).
        public var left: Side?
        /// The newer version's side; nil where it has nothing here (a topic removed).
        public var right: Side?

        public init(left: Side?, right: Side?) {
            self.left = left
            self.right = right
        }

        /// Whether the line differs: a side missing, other words, or another label (a paragraph
        /// made a quote, a person credited as an agency).
        public var changed: Bool { left != right }

        /// The line for one text both versions have.
        init(label: String, old: String, new: String) {
            self.init(oldLabel: label, old: old, newLabel: label, new: new)
        }

        init(oldLabel: String, old: String, newLabel: String, new: String) {
            let sides = WordDifference.sides(old, new)
            self.init(
                left: Side(label: oldLabel, segments: sides.left), right: Side(label: newLabel, segments: sides.right))
        }

        /// The line for a text either version may lack; none when neither has it.
        static func rows(label: String, old: String?, new: String?) -> [Row] {
            switch (old, new) {
            case (nil, nil): []
            case (let old?, let new?): [Row(label: label, old: old, new: new)]
            case (let old?, nil): [Row(left: Side(label: label, whole: old, as: TextSegment.removed), right: nil)]
            case (nil, let new?): [Row(left: nil, right: Side(label: label, whole: new, as: TextSegment.added))]
            }
        }
    }

    /// What one version shows on a line: what kind of text it is, and its words.
    public struct Side: Hashable, Sendable {
        /// What the line holds, in the desk's words: the field ("headline", "summary", "section",
        /// "topic", "date", "page"), an author's kind ("person", "staff", "agency"), or a body
        /// block's type and part ("paragraph", "heading", "quote", "preformatted", "list item",
        /// "numbered item", "image", "alt text", "caption", "credit", "embed", "embed title").
        public var label: String
        /// The text in runs of same and changed words; joined, the whole text of this version.
        public var segments: [TextSegment]

        public init(label: String, segments: [TextSegment]) {
            self.label = label
            self.segments = segments
        }

        /// A side whose text is all removed or all added.
        init(label: String, whole text: String, as change: (String) -> TextSegment) {
            self.init(label: label, segments: text.isEmpty ? [] : [change(text)])
        }

        /// The whole text of this version.
        public var text: String { segments.map(\.text).joined() }
    }
}
