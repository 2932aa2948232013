import Broadsheet
import Foundation
import Testing

@testable import BroadsheetSQLite

@Suite("SQLite's own", .timeLimit(.minutes(10)))
struct SQLiteStoreTests {
    @Test func backsUpALiveDatabase() async throws {
        let temporary = try await TemporaryStore(.sqlite)
        _ = try await temporary.store.save(Story.make(), status: .published)
        let copyPath = temporary.place + "/copy.sqlite"
        try await (try #require(temporary.store as? SQLiteStore)).backup(to: copyPath)
        let copy = try SQLiteStore(path: copyPath)
        #expect(try await copy.stats().articles == 1)
        #expect(try await copy.check().isEmpty)
        try await copy.close()
    }

    @Test(arguments: [
        ("harbour", #""harbour""#),
        ("harb*", #""harb" *"#),
        (#""old crossing" -ferry"#, #"("old crossing") NOT "ferry""#),
        ("captain OR headline:timetable", #"("captain" OR headline : "timetable")"#),
        ("NEAR(bridge", #""near" AND "bridge""#),
    ])
    func writesFTS5Queries(text: String, match: String) {
        #expect(FTS5Expression.match(SearchExpression(parsing: text)) == match)
    }
}
