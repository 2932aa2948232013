import Broadsheet
import BroadsheetImport
import Foundation
import Testing

@Suite("Large JSON-lines files, a block of lines at a time", .timeLimit(.minutes(10)))
struct JSONLinesFileTests {
    let publication = Publication(name: "The Daily Ledger", timeZone: TimeZone(identifier: "Asia/Karachi")!)

    /// Ten ninjs lines about a fictional harbour town; line 8 is broken.
    func lines() -> String {
        (1...10).map { number in
            number == 8
                ? #"{"uri": "ledger:story-8", "headlines": [ broken"#
                : #"{"uri": "ledger:story-\#(number)", "type": "text", "language": "en", "#
                    + #""versioncreated": "2025-04-29T10:00:00+05:00", "#
                    + #""headlines": [{"role": "main", "value": "Harbour notice number \#(number)"}], "#
                    + #""bodies": [{"role": "main", "contenttype": "text/plain", "value": "The harbour office posted notice \#(number)."}]}"#
        }.joined(separator: "\n") + "\n"
    }

    @Test func blocksCoverEveryLineOnceAndErrorsNameTheLineInTheWholeFile() async throws {
        let folder = try CopyFolder()
        let file = try folder.write("wire.jsonl", lines())
        let blocks = try #require(JSONLinesFile.open(file, format: .auto, threshold: 0, linesPerBlock: 3))
        let all = Array(blocks)
        #expect(all.map(\.firstLine) == [1, 4, 7, 10])
        #expect(all.map(\.data).reduce(Data(), +) == Data(lines().utf8), "nothing lost or repeated")

        try await withImporter(for: publication) { store, importer in
            var summary = ImportSummary()
            for block in all {
                summary.merge(
                    await importer.file(
                        importer.prepare(named: "wire.jsonl", data: block.data, firstLine: block.firstLine)))
            }
            #expect(summary.created == 9)
            #expect(summary.failed.map(\.line) == [8], "\(summary.failed)")
            #expect(summary.failed.first?.file == "wire.jsonl")
            let stored = try await store.count(matching: ArticleQuery())
            #expect(stored == 9)
        }
    }

    @Test func smallFilesOtherFormatsAndWholeDocumentsAreReadWhole() throws {
        let folder = try CopyFolder()
        let jsonl = try folder.write("wire.jsonl", lines())
        #expect(JSONLinesFile.open(jsonl, format: .auto) == nil, "under the threshold")
        #expect(JSONLinesFile.open(jsonl, format: .named(.epaper), threshold: 0) == nil)
        let pretty = try folder.write("one.json", "{\n  \"uri\": \"ledger:1\",\n  \"headline\": \"A story\"\n}\n")
        #expect(
            JSONLinesFile.open(pretty, format: .named(.ninjs), threshold: 0) == nil, "one document over several lines")
        let text = try folder.write("page.txt", "E-Paper | April 29, 2025\nHarbour notice\n\nBody.\n")
        #expect(JSONLinesFile.open(text, format: .auto, threshold: 0) == nil)
    }
}
