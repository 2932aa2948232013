import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// The top of an article: the edition line, headline, summary and credit line, with their dates and times.
@Suite(.timeLimit(.minutes(10))) struct EPaperHeaderTests {
    static let dates: [(String, EditionDate)] = [
        ("April 29, 2025", EPaper.date(2025, 4, 29)),
        ("Apr 29, 2025", EPaper.date(2025, 4, 29)),
        ("april 29th, 2025", EPaper.date(2025, 4, 29)),
        ("APR 1st 2025", EPaper.date(2025, 4, 1)),
        ("May 2nd, 2025", EPaper.date(2025, 5, 2)),
        ("June 3rd, 2025", EPaper.date(2025, 6, 3)),
        ("29 April 2025", EPaper.date(2025, 4, 29)),
        ("29th April, 2025", EPaper.date(2025, 4, 29)),
        ("2025-04-29", EPaper.date(2025, 4, 29)),
        ("Sept 3, 2025", EPaper.date(2025, 9, 3)),
        ("Sep. 3, 2025", EPaper.date(2025, 9, 3)),
        ("3 september 2025", EPaper.date(2025, 9, 3)),
        ("February 29, 2024", EPaper.date(2024, 2, 29)),
    ]

    @Test(arguments: dates)
    func readsDateOnTheEditionLine(_ printed: String, _ expected: EditionDate) throws {
        let content = try EPaper.article(EPaper.copy(edition: "E-Paper | \(printed)"))
        #expect(content.edition.date == expected)
    }

    @Test(arguments: dates)
    func readsDateInTheCreditLine(_ printed: String, _ expected: EditionDate) throws {
        let content = try EPaper.article(EPaper.copy(edition: nil, header: ["A headline", "AFP Published \(printed)"]))
        #expect(content.published == Timestamp(expected.startOfDay(in: EPaper.karachi), precision: .day))
        #expect(content.edition.date == expected)
    }

    @Test(arguments: [
        "E-Paper | April 29, 2025", "e-paper|April 29, 2025", "E-PAPER |April 29, 2025", "  E-Paper  |  April 29, 2025",
    ])
    func editionLineIgnoresCaseAndSpacing(_ line: String) throws {
        let content = try EPaper.article(EPaper.copy(edition: line))
        #expect(content.edition.date == EPaper.date(2025, 4, 29))
    }

    static let times: [(String, hour: Int, minute: Int)] = [
        ("10:32am", 10, 32), ("10:32 am", 10, 32), ("10:32 AM", 10, 32), ("10:32 a.m.", 10, 32),
        ("10:32 p.m.", 22, 32), ("10:32PM", 22, 32), ("9:05pm", 21, 5), ("12:00am", 0, 0), ("12:15pm", 12, 15),
        ("10:32", 10, 32), ("22:32", 22, 32), ("00:05", 0, 5),
    ]

    @Test(arguments: times)
    func readsTimeAfterPublishedAndUpdated(_ printed: String, hour: Int, minute: Int) throws {
        let credit = "Reuters Published April 28, 2025 \(printed) Updated April 29, 2025 \(printed)"
        let content = try EPaper.article(EPaper.copy(header: ["A headline", credit]), publication: EPaper.utc)
        let seconds = TimeInterval(hour * 3600 + minute * 60)
        #expect(content.published == Timestamp(EPaper.instant("2025-04-28T00:00:00Z") + seconds, precision: .minute))
        #expect(content.updated == Timestamp(EPaper.instant("2025-04-29T00:00:00Z") + seconds, precision: .minute))
    }

    @Test func readsTimesInThePublicationsZone() throws {
        let content = try EPaper.article(
            EPaper.copy(header: [
                "A headline", "Our Staff Reporter Published April 29, 2025 1:30am Updated April 29, 2025 10:32am",
            ]))
        #expect(content.published == Timestamp(EPaper.instant("2025-04-28T20:30:00Z"), precision: .minute))
        #expect(content.updated == Timestamp(EPaper.instant("2025-04-29T05:32:00Z"), precision: .minute))
        // Without an edition line the edition is the published day in Karachi, not in UTC.
        let undated = try EPaper.article(
            EPaper.copy(edition: nil, header: ["A headline", "Published April 29, 2025 1:30am"]))
        #expect(undated.edition.date == EPaper.date(2025, 4, 29))
    }

    @Test func dateWithoutATimeIsTheStartOfTheDayWithDayPrecision() throws {
        let content = try EPaper.article(
            EPaper.copy(header: ["A headline", "AFP Published April 29, 2025 Updated April 30, 2025"]))
        #expect(content.published == Timestamp(EPaper.instant("2025-04-28T19:00:00Z"), precision: .day))
        #expect(content.updated == Timestamp(EPaper.instant("2025-04-29T19:00:00Z"), precision: .day))
    }

    static let credits: [(String, byline: String?, authors: [Author])] = [
        (
            "Reuters | AFP Published April 29, 2025", "Reuters | AFP",
            [Author(name: "Reuters", kind: .agency), Author(name: "AFP", kind: .agency)]
        ),
        (
            "Our Staff Reporter Published April 29, 2025", "Our Staff Reporter",
            [Author(name: "Our Staff Reporter", kind: .staff)]
        ),
        ("Farah Qadir Published April 29, 2025", "Farah Qadir", [Author(name: "Farah Qadir", kind: .person)]),
        (
            "By Farah Qadir and Omar Latif Published April 29, 2025", "By Farah Qadir and Omar Latif",
            [Author(name: "Farah Qadir", kind: .person), Author(name: "Omar Latif", kind: .person)]
        ),
        ("Published April 29, 2025", nil, []),
        ("   Published April 29, 2025 10:32am", nil, []),
    ]

    @Test(arguments: credits)
    func readsBylineAndAuthors(_ line: String, byline: String?, authors: [Author]) throws {
        let content = try EPaper.article(EPaper.copy(header: ["A headline", line]))
        #expect(content.byline == byline)
        #expect(content.authors == authors)
    }

    @Test func creditOnTheSecondLineLeavesNoSummary() throws {
        let content = try EPaper.article(
            EPaper.copy(header: ["Ferry timetable changes", "AFP Published April 29, 2025"]))
        #expect(content.headline == "Ferry timetable changes")
        #expect(content.summary == nil)
        #expect(content.body == [.paragraph("The tide came in on time.")])
    }

    @Test func creditOnTheThirdLineMakesTheSecondTheSummary() throws {
        let header = [
            "Ferry timetable changes.", "", "The 2am sailing moves to 3am.", "", "AFP Published April 29, 2025",
        ]
        let content = try EPaper.article(EPaper.copy(header: header))
        // With a credit line the headline need not look like one, and blank lines between are fine.
        #expect(content.headline == "Ferry timetable changes.")
        #expect(content.summary == "The 2am sailing moves to 3am.")
    }

    @Test func withoutACreditTheFirstLineIsTheHeadlineAndTheNextTheSummary() throws {
        let copy =
            "Ferry timetable changes\nThe 2am sailing moves to 3am.\n\nKARACHI: The tide came in.\n\n"
            + "Published in The Harbour Times, April 29th, 2025\n"
        let content = try EPaper.article(copy)
        #expect(content.headline == "Ferry timetable changes")
        #expect(content.summary == "The 2am sailing moves to 3am.")
        #expect(content.byline == nil)
        #expect(content.authors.isEmpty)
        #expect(content.dateline == Dateline(places: ["KARACHI"]))
        // Without a credit the copy was published on its edition's day.
        #expect(content.published == Timestamp(EPaper.instant("2025-04-28T19:00:00Z"), precision: .day))
        #expect(content.updated == nil)
    }

    static let noCreditHeaders: [(String, headline: String, summary: String?, firstParagraph: String)] = [
        ("Ferry timetable changes\n\nThe tide came in.", "Ferry timetable changes", nil, "The tide came in."),
        (
            "Will the ferry run late?\nOfficials are unsure.\n\nThe tide came in.", "Will the ferry run late?",
            "Officials are unsure.", "The tide came in."
        ),
        ("Ferry runs late...\n\nThe tide came in.", "Ferry runs late...", nil, "The tide came in."),
        ("\"The ferry will run late\"\n\nThe tide came in.", "\"The ferry will run late\"", nil, "The tide came in."),
        // A line right under the headline that is long, opens with a dateline or runs on is body, not a summary.
        (
            "Ferry runs late\n" + String(repeating: "word ", count: 70) + "end\n\nThe tide came in.", "Ferry runs late",
            nil,
            String(repeating: "word ", count: 70) + "end"
        ),
        ("Ferry runs late\nKARACHI: The tide came in.", "Ferry runs late", nil, "The tide came in."),
        (
            "Ferry runs late\nThe tide came in and\nthe ferry waited.", "Ferry runs late", nil,
            "The tide came in and the ferry waited."
        ),
    ]

    @Test(arguments: noCreditHeaders)
    func readsHeadersWithoutACredit(_ copy: String, headline: String, summary: String?, firstParagraph: String) throws {
        let content = try EPaper.article("E-Paper | April 29, 2025\n" + copy + "\n")
        #expect(content.headline == headline)
        #expect(content.summary == summary)
        #expect(content.body.first == .paragraph(firstParagraph))
        #expect(content.published == Timestamp(EPaper.instant("2025-04-28T19:00:00Z"), precision: .day))
    }

    @Test func suppliedHeadlineReplacesAPrintedOne() throws {
        let copy = EPaper.copy(header: ["Printed headline", "Printed summary", "AFP Published April 29, 2025"])
        let content = try EPaper.article(copy, headline: "  Supplied headline ")
        #expect(content.headline == "Supplied headline")
        #expect(content.summary == "Printed summary")
        #expect(content.body == [.paragraph("The tide came in on time.")])
        #expect(
            content.source
                == .epaper(
                    publication: "The Harbour Times", date: EPaper.date(2025, 4, 29), headline: "Supplied headline"))
    }

    @Test func suppliedHeadlineCompletesACopyThatStartsWithItsCredit() throws {
        let copy = EPaper.copy(header: ["AFP Published April 29, 2025"])
        let content = try EPaper.article(copy, headline: "Supplied headline")
        #expect(content.headline == "Supplied headline")
        #expect(content.byline == "AFP")
        let error = try EPaper.error(copy)
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("no headline: the copy starts with its credit line"))
    }

    @Test func suppliedHeadlineMakesACopyWithoutACreditAllBody() throws {
        // Nothing printed is thrown away: a short first paragraph stays body.
        let content = try EPaper.article(
            "E-Paper | April 29, 2025\nThe ferry is late\n\nThe tide came in.\n", headline: "Supplied")
        #expect(content.headline == "Supplied")
        #expect(content.body == [.paragraph("The ferry is late"), .paragraph("The tide came in.")])
    }

    @Test func editionComesFromTheEditionLineThenThePrintLineThenThePublishedDay() throws {
        let tail = ["Published in The Evening Lantern, April 30th, 2025", "", "World"]
        let both = try EPaper.article(EPaper.copy(edition: "E-Paper | May 1, 2025", tail: tail))
        #expect(both.edition.date == EPaper.date(2025, 5, 1))
        #expect(both.edition.publication == "The Evening Lantern")
        let printOnly = try EPaper.article(EPaper.copy(edition: nil, tail: tail))
        #expect(printOnly.edition.date == EPaper.date(2025, 4, 30))
        let creditOnly = try EPaper.article(EPaper.copy(edition: nil))
        #expect(
            creditOnly.edition == EditionReference(publication: "The Harbour Times", date: EPaper.date(2025, 4, 29)))
        #expect(creditOnly.source.uri == "epaper:the-harbour-times/2025-04-29/a-headline")
    }
}
