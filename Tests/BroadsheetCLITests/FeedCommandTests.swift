import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetCLI

@Suite("Feeds on the command line", .timeLimit(.minutes(10)))
struct FeedCommandTests {
    static let feed = """
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Board</title>
        <entry><id>tag:board.example,2025:1</id><title>Quay closed on Sunday</title>
        <updated>2025-11-04T07:00:00Z</updated><content type="html">&lt;p&gt;For the regatta.&lt;/p&gt;</content></entry>
        </feed>
        """

    /// Serves `feed` at `/board.atom` on 127.0.0.1 while `body` runs.
    func serving(_ body: @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("board.atom") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/atom+xml"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: Self.feed)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))/board.atom")
        }
    }

    @Test func importTakesAFeedAddress() async throws {
        let workspace = try ImportCommandTests.Workspace()
        let database = workspace.database
        try await serving { address in
            let command = try #require(
                try BroadsheetCommand.parseAsRoot(["import", "--db", database, address]) as? ImportCommand)
            var output = ""
            #expect(try await command.execute(output: &output, showProgress: false) == 0)
            #expect(output.contains("Imported 1 articles from 1 files: 1 created"), "\(output)")
            var again = ""
            #expect(try await command.execute(output: &again, showProgress: false) == 0)
            #expect(again.contains("0 created, 0 updated, 1 unchanged, 0 failed"), "\(again)")
        }
        withExtendedLifetime(workspace) {}
    }

    @Test func anUnreachableFeedIsAFailureNamingIt() async throws {
        let workspace = try ImportCommandTests.Workspace()
        // A port nothing listens on: connecting is refused at once.
        let address = "http://127.0.0.1:9/nothing.xml"
        let command = try #require(
            try BroadsheetCommand.parseAsRoot(["import", "--db", workspace.database, address]) as? ImportCommand)
        var output = ""
        #expect(try await command.execute(output: &output, showProgress: false) == 1)
        #expect(output.contains("\(address): cannot fetch it"), "\(output)")
    }

    @Test(arguments: [
        (["--feed", "file:///etc/hostname"], "expected an http:// or https:// address"),
        (["--feed", "https://wire.example/feed.xml", "--feed-interval", "0"], "expected 1 to 604800 seconds"),
    ])
    func serveChecksItsFeeds(arguments: [String], message: String) {
        #expect {
            _ = try BroadsheetCommand.parseAsRoot(["serve"] + arguments)
        } throws: { error in
            BroadsheetCommand.message(for: error).contains(message)
        }
    }
}
