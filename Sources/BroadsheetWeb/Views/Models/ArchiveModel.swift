import Mustache

/// `archive.mustache`: a calendar of every month that has editions.
struct ArchiveModel: PageContent {
    static let template = "archive"
    static let bundledTemplates: Set<String> = ["layout", "archive"]
    static func bundledHTML(_ page: PageModel<ArchiveModel>) -> String? { ArchivePageHTML.html(page) }

    var months: [MonthModel]
    var empty: Bool
}

struct MonthModel {
    /// "April 2025".
    var name: String
    var weeks: [WeekModel]
    var edition_count: Int
}

struct WeekModel {
    /// Seven, Monday first.
    var days: [DayModel]
}

/// A day of the calendar: blank before the 1st and after the last, linked when it has an edition.
struct DayModel {
    var blank: Bool
    var day: Maybe<Int> = nil
    var url: Maybe<String> = nil
    var label: Maybe<String> = nil

    static var none: DayModel { DayModel(blank: true) }
}

extension ArchiveModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "months": self.months
        case "empty": self.empty
        default: nil
        }
    }
}

extension MonthModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "weeks": self.weeks
        case "edition_count": self.edition_count
        default: nil
        }
    }
}

extension WeekModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "days": self.days
        default: nil
        }
    }
}

extension DayModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "blank": self.blank
        case "day": self.day
        case "url": self.url
        case "label": self.label
        default: nil
        }
    }
}
