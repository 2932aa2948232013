import Broadsheet
import BroadsheetFormats
import Foundation
import Testing

@Test func tmpPerfProbe() throws {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let one = try String(contentsOf: folder.appending(path: "epaper/staff-colon-dateline.txt"), encoding: .utf8)
    let big = String(repeating: one + "\n", count: 5000)
    let parser = EPaperTextParser(publication: EPaper.publication)
    let start = Date()
    let results = parser.parse(big, file: "big")
    let t = Date().timeIntervalSince(start)
    print("PERF \(results.count) articles in \(t)s, \(Double(results.count)/t)/s; ok=\(results.filter { (try? $0.get()) != nil }.count)")
    let contents = results.compactMap { try? $0.get().content }
    let s2 = Date()
    _ = EPaperTextWriter(publication: EPaper.publication).write(contents)
    print("PERF write \(Date().timeIntervalSince(s2))s")
}
