import Broadsheet
import Foundation

/// `desk-article.mustache`: the editor, and beside it what the role may do with the story next.
struct DeskEditorModel: DeskContent {
    static let template = "desk-article"
    var desk: DeskChrome
    var heading: String
    var is_new: Bool
    var id: Int64
    var action: String
    var fields: DeskFieldsModel
    var problems: [DeskProblemModel]
    var has_problems: Bool
    var errors: DeskFieldErrors
    var sections: [String]
    var topics: [String]
    var lang: String
    var dir: String
    var workflow: DeskWorkflowModel?
    var corrections: [DeskCorrectionModel]
    var has_corrections: Bool
}

/// What the editor's inputs hold.
struct DeskFieldsModel {
    var headline: String
    var summary: String
    var byline: String
    var authors: String
    var dateline: String
    var section: String
    var topics: String
    var language: String
    var body: String
    var edition_date: String
    var page: String
    var revision: Int

    init(_ form: DeskArticleForm) {
        headline = form.headline
        summary = form.summary
        byline = form.byline
        authors = form.authors
        dateline = form.dateline
        section = form.section
        topics = form.topics
        language = form.language
        body = form.body
        edition_date = form.editionDate
        page = form.page
        revision = form.revision
    }
}

struct DeskProblemModel {
    var field: String
    var message: String
}

/// Each field's problem, for the message under it and its `aria-invalid`.
struct DeskFieldErrors {
    var headline: String?
    var authors: String?
    var section: String?
    var language: String?
    var body: String?
    var edition_date: String?
    var page: String?

    init(_ problems: [DeskArticleForm.Problem]) {
        for problem in problems {
            switch problem.field {
            case "headline": headline = problem.message
            case "authors": authors = problem.message
            case "section": section = problem.message
            case "language": language = problem.message
            case "body": body = problem.message
            case "edition_date": edition_date = problem.message
            case "page": page = problem.message
            default: continue
            }
        }
    }
}

/// The story's state and the steps the signed-in role may take from it.
struct DeskWorkflowModel {
    var status: String
    var revision: Int
    var scheduled_for: String?
    var view_url: String?
    var revisions_url: String
    var submitted: String?
    var may_publish: Bool
    var may_schedule: Bool
    var may_unpublish: Bool
    var may_retract: Bool
    var may_correct: Bool
    var may_submit: Bool
    var time_zone: String
    var schedule_default: String
    var publish_url: String
    var schedule_url: String
    var unpublish_url: String
    var retract_url: String
    var correct_url: String
    var submit_url: String
    var is_retracted: Bool
}

struct DeskCorrectionModel {
    var kind: String
    var text: String
    var date: String
}

/// `desk-conflict.mustache`: someone saved the story since it was opened; both versions side by side.
struct DeskConflictModel: DeskContent {
    static let template = "desk-conflict"
    var desk: DeskChrome
    var id: Int64
    var action: String
    var theirs_by: String
    var theirs_when: String
    var theirs_revision: Int
    var rows: [DeskCompareRowModel]
    /// The reporter's text, sent again if they choose to save it over the other version.
    var fields: DeskFieldsModel
    var editor_url: String
}

/// One field in two versions.
struct DeskCompareRowModel {
    var field: String
    var left: [DeskSegmentModel]
    var right: [DeskSegmentModel]
    var changed: Bool
}

/// A run of text in a comparison: the same in both, or only on one side.
struct DeskSegmentModel {
    var text: String
    var same: Bool
    var removed: Bool
    var added: Bool
}
