import Broadsheet
import Foundation

/// What every reader of a structured format shares: the publication its copy is read for, that
/// publication's sections, and the format's own names for the fields a story needs, so a
/// missing one is reported in the format's words.
struct DraftDesk: Sendable {
    let publication: Publication
    let fields: ArticleDraft.FieldNames
    /// When the copy was read or fetched: the date of a story that has none, not even its document's.
    let receivedAt: Date
    private let classifier: TermClassifier

    init(publication: Publication, receivedAt: Date = Date(), fields: ArticleDraft.FieldNames) {
        self.publication = publication
        self.fields = fields
        self.receivedAt = receivedAt
        self.classifier = TermClassifier(publication: publication)
    }

    func article(_ draft: ArticleDraft, file: String) -> Result<ParsedArticle, FormatError> {
        draft.article(for: publication, terms: classifier, fields: fields, file: file, receivedAt: receivedAt)
    }
}
