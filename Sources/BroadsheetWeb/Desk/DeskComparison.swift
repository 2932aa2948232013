import Broadsheet
import Foundation

/// Two versions of a story field by field, for the conflict screen and the revision comparison.
enum DeskComparison {
    /// Word by word (`RevisionDiff`): what was removed from the older marked on the left, what was
    /// added on the right, a row for each author, topic and body block.
    static func rows(from older: ArticleContent, to newer: ArticleContent) -> [DeskCompareRowModel] {
        RevisionDiff(from: older, to: newer).fields.flatMap { field in
            field.rows.enumerated().map { index, row in
                let name = field.field.title
                let label = row.left?.label ?? row.right?.label ?? ""
                return DeskCompareRowModel(
                    field: index == 0 && (label.isEmpty || label == field.field.rawValue) ? name : "\(name): \(label)",
                    left: (row.left?.segments ?? []).compactMap { segment(of: $0, side: .left) },
                    right: (row.right?.segments ?? []).compactMap { segment(of: $0, side: .right) },
                    changed: row.changed)
            }
        }
    }

    private enum Side { case left, right }

    private static func segment(of piece: TextSegment, side: Side) -> DeskSegmentModel? {
        switch piece {
        case .same(let text): DeskSegmentModel(text: text, same: true, removed: false, added: false)
        case .removed(let text):
            side == .left ? DeskSegmentModel(text: text, same: false, removed: true, added: false) : nil
        case .added(let text):
            side == .right ? DeskSegmentModel(text: text, same: false, removed: false, added: true) : nil
        }
    }

    /// Field by field, whole texts: for a reporter's version that does not read as a story yet.
    static func rows(left: [(field: String, text: String)], right: [(field: String, text: String)])
        -> [DeskCompareRowModel]
    {
        zip(left, right).map { old, new in
            guard old.text != new.text else {
                let same = [DeskSegmentModel(text: old.text, same: true, removed: false, added: false)]
                return DeskCompareRowModel(field: old.field, left: same, right: same, changed: false)
            }
            return DeskCompareRowModel(
                field: old.field,
                left: old.text.isEmpty
                    ? [] : [DeskSegmentModel(text: old.text, same: false, removed: true, added: false)],
                right: new.text.isEmpty
                    ? [] : [DeskSegmentModel(text: new.text, same: false, removed: false, added: true)],
                changed: true)
        }
    }
}

extension RevisionDiff.Field {
    var title: String {
        switch self {
        case .headline: "Headline"
        case .summary: "Summary"
        case .byline: "Byline"
        case .authors: "Authors"
        case .dateline: "Dateline"
        case .section: "Section"
        case .topics: "Topics"
        case .language: "Language"
        case .edition: "Edition"
        case .body: "Body"
        }
    }
}

extension DeskArticleForm {
    /// The form's fields as labelled texts, in the editor's order.
    static func fieldTexts(_ form: DeskArticleForm) -> [(field: String, text: String)] {
        [
            ("Headline", form.headline), ("Summary", form.summary), ("Byline", form.byline), ("Authors", form.authors),
            ("Dateline", form.dateline), ("Section", form.section), ("Topics", form.topics),
            ("Language", form.language), ("Edition", form.editionDate), ("Page", form.page), ("Body", form.body),
        ]
    }
}
