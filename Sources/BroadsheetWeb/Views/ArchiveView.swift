import Broadsheet

extension PageContext {
    /// `/epaper`: a calendar of every month that has editions, newest first.
    func archive(_ editions: [EditionSummary]) async throws -> PageModel<ArchiveModel> {
        var byMonth: [(year: Int, month: Int, days: [Int: EditionSummary])] = []
        for edition in editions {
            if let last = byMonth.last, last.year == edition.date.year, last.month == edition.date.month {
                byMonth[byMonth.count - 1].days[edition.date.day] = edition
            } else {
                byMonth.append((edition.date.year, edition.date.month, [edition.date.day: edition]))
            }
        }
        let months = byMonth.map { month in
            MonthModel(
                name: "\(EditionDate.monthNames[month.month - 1]) \(month.year)",
                weeks: weeks(year: month.year, month: month.month, editions: month.days),
                edition_count: month.days.count)
        }
        return try await page(
            title: "E-Paper archive", description: "Every edition of \(site.publication.name), by month.",
            canonical: .archive, ArchiveModel(months: months, empty: editions.isEmpty))
    }

    /// The rows of a month's calendar, Monday first; days with an edition link to it.
    private func weeks(year: Int, month: Int, editions: [Int: EditionSummary]) -> [WeekModel] {
        let first = EditionDate(year: year, month: month, day: 1)!
        var cells = Array(repeating: DayModel.none, count: first.weekdayFromMonday - 1)
        for day in 1...EditionDate.daysIn(month: month, year: year) {
            var cell = DayModel(blank: false, day: Maybe(day))
            if let edition = editions[day] {
                cell.url = Maybe(edition.date.siteURL.href)
                cell.label = Maybe("\(edition.date.printed): \(edition.articleCount) articles")
            }
            cells.append(cell)
        }
        while cells.count % 7 != 0 { cells.append(.none) }
        return stride(from: 0, to: cells.count, by: 7).map { WeekModel(days: Array(cells[$0..<$0 + 7])) }
    }
}
