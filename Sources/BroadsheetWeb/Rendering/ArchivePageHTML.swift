/// The archive's calendar as the bundled `layout.mustache` and `archive.mustache` write it, made in
/// Swift (`LayoutHTML` says how and why) while the theme replaces neither: a calendar of five years
/// is two thousand days of seven look-ups each, and a repeat export renders it again whenever an
/// edition changes. A test renders it both ways and compares.
enum ArchivePageHTML {
    static func html(_ page: PageModel<ArchiveModel>) -> String {
        let archive = page.content
        return LayoutHTML.page(page.layout, around: archive.months.count * 4_096) { html in
            html += "<h1>E-Paper archive</h1>\n"
            if archive.empty { html += "<p>No editions have been imported yet.</p>" }
            html += "\n"
            for month in archive.months { write(month, into: &html) }
        }
    }

    private static let weekdays =
        "    <thead><tr><th scope=\"col\" abbr=\"Monday\">Mon</th><th scope=\"col\" abbr=\"Tuesday\">Tue</th>"
        + "<th scope=\"col\" abbr=\"Wednesday\">Wed</th><th scope=\"col\" abbr=\"Thursday\">Thu</th>"
        + "<th scope=\"col\" abbr=\"Friday\">Fri</th><th scope=\"col\" abbr=\"Saturday\">Sat</th>"
        + "<th scope=\"col\" abbr=\"Sunday\">Sun</th></tr></thead>\n"

    private static func write(_ month: MonthModel, into html: inout String) {
        let name = HTMLText.escape(month.name)
        html += "<section class=\"month\">\n  <h2>" + name + " <span class=\"month__count\">("
        html += "\(month.edition_count) editions)</span></h2>\n  <table class=\"calendar\">\n"
        html += "    <caption class=\"visually-hidden\">Editions of " + name + "</caption>\n" + weekdays
        html += "    <tbody>\n      "
        for week in month.weeks {
            html += "<tr>"
            for day in week.days {
                guard !day.blank else {
                    html += "<td></td>"
                    continue
                }
                let number = day.day.value.map { "\($0)" } ?? ""
                if let url = day.url.value {
                    html +=
                        "<td><a href=\"" + HTMLText.escape(url) + "\" aria-label=\""
                        + HTMLText.escape(day.label.value ?? "")
                    html += "\">" + number + "</a></td>"
                } else {
                    html += "<td><span class=\"calendar__none\">" + number + "</span></td>"
                }
            }
            html += "</tr>\n"
        }
        html += "    </tbody>\n  </table>\n</section>\n"
    }
}
