import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// The rest of an article: body paragraphs, the dateline, the print line, and terms after it.
@Suite(.timeLimit(.minutes(10))) struct EPaperBodyTests {
    static let datelines: [(String, dateline: Dateline?, text: String)] = [
        ("SEOUL: The tide came in.", Dateline(places: ["SEOUL"]), "The tide came in."),
        ("WASHINGTON / MOSCOW: The tide came in.", Dateline(places: ["WASHINGTON", "MOSCOW"]), "The tide came in."),
        ("WASHINGTON/MOSCOW:   The tide came in.", Dateline(places: ["WASHINGTON", "MOSCOW"]), "The tide came in."),
        ("DERA ISMAIL KHAN: The tide came in.", Dateline(places: ["DERA ISMAIL KHAN"]), "The tide came in."),
        ("ST. PETERSBURG: The tide came in.", Dateline(places: ["ST. PETERSBURG"]), "The tide came in."),
        ("N'DJAMENA: The tide came in.", Dateline(places: ["N'DJAMENA"]), "The tide came in."),
        ("WINSTON-SALEM: The tide came in.", Dateline(places: ["WINSTON-SALEM"]), "The tide came in."),
        (
            "LONDON, April 28 (Reuters) - The tide came in.",
            Dateline(places: ["LONDON"], date: "April 28", agency: "Reuters", style: .wire), "The tide came in."
        ),
        (
            "NEW YORK, Sept. 3 (AP) — The tide came in.",
            Dateline(places: ["NEW YORK"], date: "Sept. 3", agency: "AP", style: .wire), "The tide came in."
        ),
        (
            "PARIS / BERLIN, Apr 28 (AFP) – The tide came in.",
            Dateline(places: ["PARIS", "BERLIN"], date: "Apr 28", agency: "AFP", style: .wire), "The tide came in."
        ),
        // Not datelines: the text stays as it is.
        ("KARACHI:", nil, "KARACHI:"),
        ("Karachi: The tide came in.", nil, "Karachi: The tide came in."),
        ("The PM said: the tide came in.", nil, "The PM said: the tide came in."),
        ("UN OFFICIALS said: the tide came in.", nil, "UN OFFICIALS said: the tide came in."),
        ("A: the tide came in.", nil, "A: the tide came in."),
        ("KARACHI:The tide came in.", nil, "KARACHI:The tide came in."),
        ("LONDON, April (Reuters) - The tide came in.", nil, "LONDON, April (Reuters) - The tide came in."),
        ("LONDON, April 28 (Reuters) -", nil, "LONDON, April 28 (Reuters) -"),
    ]

    @Test(arguments: datelines)
    func readsDatelineOfTheFirstParagraph(_ paragraph: String, dateline: Dateline?, text: String) throws {
        let content = try EPaper.article(EPaper.copy(body: [paragraph, "SEOUL: A second paragraph."]))
        #expect(content.dateline == dateline)
        #expect(content.body == [.paragraph(text), .paragraph("SEOUL: A second paragraph.")])
    }

    @Test func datelineMayOpenAParagraphWrappedOverLines() throws {
        let content = try EPaper.article(EPaper.copy(body: ["KARACHI:\nThe tide came in."]))
        #expect(content.dateline == Dateline(places: ["KARACHI"]))
        #expect(content.body == [.paragraph("The tide came in.")])
    }

    @Test func joinsTheLinesOfAParagraphAndKeepsTheSpacesInside() throws {
        let content = try EPaper.article(
            EPaper.copy(body: ["The tide  came in\n   and went out  \nagain.", "Second."]))
        #expect(content.body == [.paragraph("The tide  came in and went out again."), .paragraph("Second.")])
    }

    static let printLines: [(String, paper: String, supplement: String?, date: EditionDate)] = [
        ("Published in The Evening Lantern, April 29th, 2025", "The Evening Lantern", nil, EPaper.date(2025, 4, 29)),
        ("Published in The Evening Lantern, April 1st, 2025", "The Evening Lantern", nil, EPaper.date(2025, 4, 1)),
        ("Published in The Evening Lantern, 29 April 2025", "The Evening Lantern", nil, EPaper.date(2025, 4, 29)),
        ("Published in The Evening Lantern, 2025-04-29", "The Evening Lantern", nil, EPaper.date(2025, 4, 29)),
        (
            "Published in The Evening Lantern, The Business and Finance Weekly, April 28th, 2025",
            "The Evening Lantern", "The Business and Finance Weekly", EPaper.date(2025, 4, 28)
        ),
        (
            "Published in The Evening Lantern, Sunday Magazine, Books, May 4th, 2025",
            "The Evening Lantern", "Sunday Magazine, Books", EPaper.date(2025, 5, 4)
        ),
    ]

    @Test(arguments: printLines)
    func readsThePrintLine(_ line: String, paper: String, supplement: String?, date: EditionDate) throws {
        let content = try EPaper.article(EPaper.copy(edition: nil, tail: [line]))
        #expect(content.edition == EditionReference(publication: paper, date: date, supplement: supplement))
        #expect(content.source == .epaper(publication: paper, date: date, headline: "A headline"))
        #expect(content.body == [.paragraph("The tide came in on time.")])
    }

    @Test func onlyTheLastPrintLineCountsAndTheOthersStayBody() throws {
        let content = try EPaper.article(
            EPaper.copy(
                body: ["Published in The Old Almanac, March 3rd, 1925", "The tide came in."],
                tail: ["Published in The Harbour Times, April 29th, 2025", "", "World"]))
        #expect(
            content.body == [
                .paragraph("Published in The Old Almanac, March 3rd, 1925"), .paragraph("The tide came in."),
            ])
        #expect(content.edition.publication == "The Harbour Times")
        #expect(content.section == Section(name: "World"))
    }

    @Test func bodyLinesThatMerelyStartLikeAPrintLineStayBody() throws {
        let body = ["Published in 1851, the novel was\nnot a success at first.", "The tide came in."]
        let content = try EPaper.article(EPaper.copy(body: body))
        #expect(content.body.first == .paragraph("Published in 1851, the novel was not a success at first."))
    }

    @Test func withoutAPrintLineEverythingAfterTheHeaderIsBody() throws {
        let content = try EPaper.article(EPaper.copy(body: ["The tide came in.", "World\nFerries"]))
        #expect(content.body == [.paragraph("The tide came in."), .paragraph("World Ferries")])
        #expect(content.section == Section(name: "News"))
        #expect(content.topics.isEmpty)
        #expect(content.edition.supplement == nil)
    }

    static let terms: [([String], section: String, topics: [String])] = [
        (["World", "Russia Ukraine War"], "World", ["Russia Ukraine War"]),
        (["Russia Ukraine War", "world"], "World", ["Russia Ukraine War"]),
        (["Ferries", "Business", "Sport", "Ferries"], "Business", ["Ferries", "Sport"]),
        (["Ferries", "ferries", "Tides"], "News", ["Ferries", "Tides"]),
        (["Karachi", "Pakistan"], "Karachi", ["Pakistan"]),
        (["news", "Ferries"], "News", ["Ferries"]),
        ([], "News", []),
        // Page furniture after the print line is ignored.
        (
            [
                "Follow us on every platform for the latest news, views and puzzles from the harbour",
                "World", "Download our app.", "one two three four five six seven eight nine", "* * *", "Ferries",
            ], "World", ["Ferries"]
        ),
    ]

    @Test(arguments: terms)
    func mapsTermsToSectionAndTopics(_ lines: [String], section: String, topics: [String]) throws {
        let tail = ["Published in The Harbour Times, April 29th, 2025", ""] + lines
        let content = try EPaper.article(EPaper.copy(tail: tail))
        #expect(content.section == Section(name: section))
        #expect(content.topics == topics.map { Topic(name: $0) })
    }

    @Test(arguments: ["World", "world", "WORLD", "Front page", "front-page", "News", "Karachi", "Ferries", "Sport!"])
    func sectionTermsAreTheOnesPublicationNames(_ term: String) throws {
        let tail = ["Published in The Harbour Times, April 29th, 2025", "", term]
        let content = try EPaper.article(EPaper.copy(tail: tail))
        let named = EPaper.publication.section(named: term)
        #expect(content.section == named ?? Section(name: "News"))
        #expect(content.topics == (named == nil ? [Topic(name: term)] : []))
    }

    @Test func aCustomSectionOfThePublicationIsASection() throws {
        var publication = EPaper.utc
        let tail = ["Published in The Harbour Times, April 29th, 2025", "", "Ferries", "Gwadar"]
        #expect(try EPaper.article(EPaper.copy(tail: tail), publication: publication).section == Section(name: "News"))
        publication.sections.append("Gwadar")
        publication.defaultSection = "General"
        let content = try EPaper.article(EPaper.copy(tail: tail), publication: publication)
        #expect(content.section == Section(name: "Gwadar"))
        #expect(content.topics == [Topic(name: "Ferries")])
        let none = try EPaper.article(
            EPaper.copy(tail: ["Published in The Harbour Times, April 29th, 2025"]), publication: publication)
        #expect(none.section == Section(name: "General"))
    }

    @Test(arguments: [
        ("The tide came in.", "en"),
        ("ایک فرضی شہر کے چڑیا گھر میں پینگوئنوں کے لیے نیا احاطہ تیار کر لیا گیا ہے۔", "ur"),
    ])
    func guessesTheLanguageFromTheText(_ paragraph: String, _ language: String) throws {
        let content = try EPaper.article(EPaper.copy(body: [paragraph]))
        #expect(content.language == language)
    }

    @Test func publicationLanguageIsTheFallback() throws {
        var publication = EPaper.utc
        publication.language = "en-GB"
        #expect(try EPaper.article(EPaper.copy(), publication: publication).language == "en-GB")
    }
}
