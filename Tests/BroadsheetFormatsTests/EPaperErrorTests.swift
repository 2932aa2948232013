import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

/// Copy the parser must refuse, each time naming the file, the line and what it expected.
@Suite(.timeLimit(.minutes(10))) struct EPaperErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int?
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unreadable edition date", text: EPaper.copy(edition: "E-Paper | Aprl 29, 2025"), line: 1,
            message: "expected a date like 'April 29, 2025' after 'E-Paper |', found 'Aprl 29, 2025'"),
        Case(
            name: "day that does not exist", text: EPaper.copy(edition: "E-Paper | April 31, 2025"), line: 1,
            message: "expected a date like 'April 29, 2025' after 'E-Paper |', found 'April 31, 2025'"),
        Case(
            name: "edition line with nothing after it", text: "\n\nE-Paper | April 29, 2025\n\n", line: 3,
            message: "expected a headline after the 'E-Paper |' line"),
        Case(
            name: "mistyped published date",
            text: EPaper.copy(header: ["A headline", "Reuters Published Aprl 29, 2025"]),
            line: 3,
            message:
                "expected 'Published <date>' like 'Published April 29, 2025 10:32am', found 'Published Aprl 29, 2025'"),
        Case(
            name: "published date without a year",
            text: EPaper.copy(header: ["A headline", "AFP Published 29 Apr 10:32am"]),
            line: 3,
            message:
                "expected 'Published <date>' like 'Published April 29, 2025 10:32am', found 'Published 29 Apr 10:32am'"),
        Case(
            name: "impossible time",
            text: EPaper.copy(header: ["A headline", "A summary", "AFP Published April 29, 2025 25:61"]),
            line: 4,
            message: "expected 'Updated <date>' or the end of the credit line after the published date, found '25:61'"),
        Case(
            name: "mistyped updated date",
            text: EPaper.copy(header: ["A headline", "AFP Published April 29, 2025 Updated Aprl 30, 2025 10:32am"]),
            line: 3,
            message:
                "expected 'Updated <date>' like 'Updated April 29, 2025 10:32am', found 'Updated Aprl 30, 2025 10:32am'"
        ),
        Case(
            name: "text after the updated time",
            text: EPaper.copy(header: [
                "A headline", "AFP Published April 29, 2025 Updated April 29, 2025 10:32am 11:00am",
            ]),
            line: 3, message: "expected the credit line to end after the updated date, found '11:00am'"),
        Case(
            name: "body-only copy", text: "\n\nKARACHI: The tide came in.\n\nIt went out again.\n", line: 3,
            message:
                "no headline: the copy starts with body text; pass --headline (or the API's headline field) to supply one"
        ),
        Case(
            name: "first line too long for a headline", text: String(repeating: "The tide ", count: 30) + "\n\nMore.\n",
            line: 1,
            message:
                "no headline: the copy starts with body text; pass --headline (or the API's headline field) to supply one"
        ),
        Case(
            name: "credit line but no body",
            text: "E-Paper | April 29, 2025\nA headline\nAFP Published April 29, 2025\n\n", line: 3,
            message: "expected body paragraphs after the headline"),
        Case(
            name: "headline but no body", text: "E-Paper | April 29, 2025\n\nA headline\nA summary\n", line: 3,
            message: "expected body paragraphs after the headline"),
        Case(
            name: "print line straight after the header",
            text:
                "E-Paper | April 29, 2025\nA headline\nAFP Published April 29, 2025\n\nPublished in Dawn, April 29th, 2025\n\nWorld\n",
            line: 3, message: "expected body paragraphs after the headline"),
        Case(
            name: "unreadable print line",
            text: EPaper.copy(tail: ["Published in The Harbour Times, Aprl 29th, 2025", "", "World"]),
            line: 7,
            message:
                "expected a print line like 'Published in Dawn, April 29th, 2025', found 'Published in The Harbour Times, Aprl 29th, 2025'"
        ),
        Case(
            name: "print line without a paper", text: EPaper.copy(tail: ["Published in April 29th 2025"]), line: 7,
            message:
                "expected a print line like 'Published in Dawn, April 29th, 2025', found 'Published in April 29th 2025'"
        ),
        Case(
            name: "nothing dates the copy", text: "A headline\n\nThe tide came in.\n", line: 1,
            message:
                "expected a date: an 'E-Paper | April 29, 2025' line, a credit line like 'Published April 29, 2025' "
                + "or a print line like 'Published in Dawn, April 29th, 2025'"),
        Case(name: "empty file", text: "", line: nil, message: "the file is empty; expected an e-paper article"),
        Case(
            name: "blank file", text: "\u{FEFF}\n  \r\n\t\n", line: nil,
            message: "the file is empty; expected an e-paper article"),
    ]

    @Test(arguments: cases)
    func reportsFileLineAndExpectation(_ test: Case) throws {
        let error = try EPaper.error(test.text, file: "desk/\(test.name).txt")
        #expect(error == FormatError(file: "desk/\(test.name).txt", line: test.line, message: test.message))
        let location = test.line.map { "desk/\(test.name).txt:\($0): " } ?? "desk/\(test.name).txt: "
        #expect(error.description == location + test.message)
    }

    @Test func lineNumbersCountTheWholeFileAcrossArticlesAndCRLF() throws {
        let good = EPaper.copy()
        let bad = EPaper.copy(header: ["Another headline", "AFP Published Aprl 29, 2025"])
        let text = (good + "\n" + good + "\n" + bad).replacingOccurrences(of: "\n", with: "\r\n")
        let results = EPaper.parse(text, file: "-")
        try #require(results.count == 3)
        #expect(try results[0].get().line == 1)
        #expect(try results[1].get().line == 8)
        let message =
            "expected 'Published <date>' like 'Published April 29, 2025 10:32am', found 'Published Aprl 29, 2025'"
        #expect(throws: FormatError(file: "-", line: 17, message: message)) { try results[2].get() }
    }

    @Test func ordinaryTextWithThePublishedWordIsNotACredit() throws {
        let copy = EPaper.copy(
            header: [
                "Long-lost letters Published 80 years late", "Published 29 years after his death, the novel sold well.",
            ],
            body: ["The tide came in.", "Published in 1851, the novel was not a success."],
            tail: ["Published in The Harbour Times, April 29th, 2025"])
        let content = try EPaper.article(copy)
        #expect(content.headline == "Long-lost letters Published 80 years late")
        #expect(content.summary == "Published 29 years after his death, the novel sold well.")
        #expect(content.byline == nil)
        #expect(content.body.map(\.text) == ["The tide came in.", "Published in 1851, the novel was not a success."])
    }

    @Test func formatErrorDescribesItself() {
        #expect(FormatError(file: "a.txt", line: 4, message: "expected x").description == "a.txt:4: expected x")
        #expect(FormatError(file: "-", line: nil, message: "expected y").description == "-: expected y")
    }
}
