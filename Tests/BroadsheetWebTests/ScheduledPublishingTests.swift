import Broadsheet
import BroadsheetSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import BroadsheetWeb

@Suite("Scheduled publishing", .timeLimit(.minutes(10)))
struct ScheduledPublishingTests {
    @Test func aScheduledDraftIsPublishedByTheNextServerAfterARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schedule-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("web.sqlite").path
        let fast = ServerConfiguration(scheduleInterval: .milliseconds(50))

        // The first server takes the schedule and stops before the time comes.
        let first = try SQLiteStore(path: path)
        try await first.migrate()
        let archive = try await WebFixture.fill(first)
        let newsroom = try await Newsroom.accounts(in: first)
        let scheduled = Locked(Date.distantFuture)
        // (It looks only once an hour, so however slow this machine is, it stops before it publishes.)
        let slow = ServerConfiguration(scheduleInterval: .seconds(3600))
        try await buildApplication(site: try site(first), configuration: slow, logger: WebFixture.quietLogger).test(
            .router
        ) { client in
            // RFC 3339 in whole seconds, an hour ahead: the later servers are given their time.
            let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3600).rounded(.down))
            scheduled.set(due)
            let response = try await client.send(
                .post, "/api/v1/articles/\(archive.draft)/publish", token: newsroom.token(.editor),
                json: #"{"publish_at": "\#(DateDisplay.rfc3339(due))"}"#)
            #expect(response.status == .accepted)
            #expect(try response.json()["status"] as? String == "draft")
            #expect(try await client.get("/api/v1/articles/\(archive.draft)").status == .notFound)
        }
        try await first.close()
        let due = scheduled.get()

        // A new server on the same file leaves it alone before its time: its clock is set a
        // second short, and it looks a few times.
        let second = try SQLiteStore(path: path)
        try await second.migrate()
        let looks = Mutex(0)
        var early = fast
        early.scheduleNow = {
            looks.withLock { $0 += 1 }
            return due.addingTimeInterval(-1)
        }
        try await buildApplication(site: try site(second), configuration: early, logger: WebFixture.quietLogger)
            .test(.router) { client in
                while looks.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(20)) }
                #expect(try await client.get("/api/v1/articles/\(archive.draft)").status == .notFound)
            }

        // When its clock reaches the time, it publishes, with no one acting.
        var onTime = fast
        onTime.scheduleNow = { due }
        try await buildApplication(site: try site(second), configuration: onTime, logger: WebFixture.quietLogger)
            .test(.router) { client in
                var status = HTTPResponse.Status.notFound
                let deadline = Date().addingTimeInterval(60)
                while status != .ok && Date() < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                    status = try await client.get("/api/v1/articles/\(archive.draft)").status
                }
                #expect(status == .ok)
                let feed = try await client.get("/feed.xml").text
                #expect(feed.contains("Unpublished budget leak"))
            }
        let revisions = try await second.revisions(ofArticle: archive.draft)
        #expect(revisions.last?.madeBy == "scheduler" && revisions.last?.status == .published)
        try await second.close()
    }

    private func site(_ store: SQLiteStore) throws -> Site {
        Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
    }
}
