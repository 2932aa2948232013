import Broadsheet
import Foundation

/// `desk-sign-in.mustache`.
struct DeskSignInModel: DeskContent {
    static let template = "desk-sign-in"
    var next: String
    var name: String
    var error: String?
}

/// `desk-articles.mustache`: the day's work, by status, filtered.
struct DeskArticlesModel: DeskContent {
    static let template = "desk-articles"
    var desk: DeskChrome
    var heading: String
    var tabs: [DeskTabModel]
    var q: String
    var author: String
    var edition: String
    var mine: Bool
    var status: String
    var sections: [DeskOptionModel]
    var groups: [DeskRowGroupModel]
    var newer: String?
    var older: String?
}

struct DeskTabModel {
    var name: String
    var url: String
    var count: Int
    var current: Bool
}

struct DeskOptionModel {
    var value: String
    var label: String
    var selected: Bool
}

struct DeskRowGroupModel {
    var title: String
    var rows: [DeskRowModel]
    var empty: Bool
}

/// One story in a desk list.
struct DeskRowModel {
    var id: Int64
    var headline: String
    var url: String
    var section: String
    var byline: String
    var edition: String
    var page: String
    var when_label: String
    var when: String
    var lang: String
    var dir: String
}
