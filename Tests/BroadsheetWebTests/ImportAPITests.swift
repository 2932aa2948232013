import Broadsheet
import BroadsheetImport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import ZIPFoundation

@testable import BroadsheetWeb

@Suite("Importing a batch through the API", .timeLimit(.minutes(10)))
struct ImportAPITests {
    static let ferry = """
        {"headline": "Ferry fares frozen for the winter", "status": "published", "section": "Pakistan", "body": [{"type": "paragraph", "text": "No rise until March."}], "published_at": "2025-04-30T04:00:00Z"}
        """

    @Test func aMendedStoryGoesInWithItsWarningAndTheCharsetIsHeard() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            // An item with neither guid nor link, in a feed that declares no encoding: the
            // Content-Type's charset names it, and the derived identity is a warning.
            let feed = """
                <rss version="2.0"><channel><title>Notes</title>
                <item><title>Caf\u{E9} on the quay reopens</title><description>It reopened.</description>
                <pubDate>Thu, 04 Dec 2025 08:00:00 GMT</pubDate></item></channel></rss>
                """
            let latin1 = try #require(feed.data(using: .isoLatin1))
            var headers: HTTPFields = [:]
            headers[.authorization] = "Bearer \(newsroom.token(.editor))"
            headers[.contentType] = "application/rss+xml; charset=ISO-8859-1"
            let response = try await client.execute(
                uri: "/api/v1/import", method: .post, headers: headers, body: ByteBuffer(bytes: latin1))
            #expect(response.status == .ok, "\(String(buffer: response.body))")
            let summary = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(summary["created"] as? Int == 1)
            let warnings = try #require(summary["warnings"] as? [[String: Any]])
            #expect(warnings.count == 1)
            #expect(warnings.first?["line"] as? Int == 2)
            #expect(
                (warnings.first?["reason"] as? String)?.hasPrefix("no identifier in the item's guid or link") == true)
            let list = try await client.get("/api/v1/articles").text
            #expect(list.contains("Café on the quay reopens"))
        }
    }

    @Test func jsonLinesGoInOnceAndAgainChangeNothing() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let batch =
                Self.ferry + "\n" + #"{"headline": "A line with a stray field", "colour": "red", "body": []}"# + "\n"
            let first = try await client.send(
                .post, "/api/v1/import", token: newsroom.token(.editor), body: batch,
                contentType: "application/x-ndjson")
            #expect(first.status == .ok)
            let summary = try first.json()
            #expect(summary["created"] as? Int == 1)
            #expect(summary["succeeded"] as? Bool == false)
            let failed = try #require(summary["failed"] as? [[String: Any]])
            #expect(failed.first?["line"] as? Int == 2)
            #expect((failed.first?["reason"] as? String)?.hasPrefix("colour: unknown field") == true)
            let again = try await client.send(
                .post, "/api/v1/import", token: newsroom.token(.editor), body: Self.ferry,
                contentType: "application/x-ndjson")
            #expect(try again.json()["unchanged"] as? Int == 1, "the same story again, by its paper, day and headline")
            let list = try await client.get("/api/v1/articles?section=pakistan").text
            #expect(list.contains("Ferry fares frozen for the winter"))
        }
    }

    @Test func ninjsLinesGoToTheImportersOwnReader() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            let line =
                #"{"uri": "urn:test:ferry-2", "headline": "Ferry timetable printed again", "#
                + #""body_text": "The winter timetable was reprinted.", "versioncreated": "2025-04-30T04:00:00Z"}"#
            let response = try await client.send(
                .post, "/api/v1/import", token: newsroom.token(.editor), body: line + "\n",
                contentType: "application/x-ndjson")
            #expect(response.status == .ok)
            #expect(try response.json()["created"] as? Int == 1, "\(response.text)")
        }
    }

    /// A lone `]` posted as ninjs once made the importer read it again and again, a document
    /// each time, until the kernel stopped the server for its memory. It is a bad document now,
    /// named by its line, and the server goes on answering.
    @Test func aStrayBracketIsABadDocumentAndTheServerGoesOn() async throws {
        try await Newsroom.withApp { client, _, newsroom in
            for path in ["/api/v1/import", "/api/v1/articles"] {
                let response = try await client.send(
                    .post, path, token: newsroom.token(.editor), body: "]", contentType: "application/ninjs+json")
                #expect(response.status == .ok, "a batch's report: \(path): \(response.text)")
                #expect(response.text.contains("not valid JSON"), "\(path): \(response.text)")
            }
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    /// A ZIP holding each (name, text) of `files`.
    static func zip(_ files: [(String, String)], compression: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (name, text) in files {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return try #require(archive.data)
    }

    /// `zip` posted to the import endpoint by an editor.
    static func post(zip: Data, to client: any TestClientProtocol, as newsroom: Newsroom) async throws -> TestResponse {
        var headers: HTTPFields = [
            .authorization: "Bearer \(newsroom.token(.editor))", .contentType: "application/zip",
        ]
        headers[.contentLength] = String(zip.count)
        return try await client.execute(
            uri: "/api/v1/import", method: .post, headers: headers, body: ByteBuffer(bytes: zip))
    }

    @Test func aZIPOfFilesIsImportedFileByFile() async throws {
        let zip = try Self.zip([
            ("copy/tides.txt", NewsroomRoleTests.epaper), ("copy/ferry.jsonl", Self.ferry),
            ("__MACOSX/copy/._tides.txt", "junk"), ("copy/photo.jpg", "not copy"),
        ])
        try await Newsroom.withApp { client, _, newsroom in
            let response = try await Self.post(zip: zip, to: client, as: newsroom)
            #expect(response.status == .ok, "\(response.text)")
            let summary = try response.json()
            #expect(summary["created"] as? Int == 2, "\(summary)")
            #expect((summary["failed"] as? [Any])?.isEmpty == true)

            let broken = try await client.send(
                .post, "/api/v1/import", token: newsroom.token(.editor), body: "PK not really",
                contentType: "application/zip")
            #expect(broken.status == .unprocessableContent)
            #expect(try broken.apiError()["code"] == "invalid_archive")
        }
    }

    /// A ZIP whose second file cannot be unpacked: the first has gone in by then, and the audit
    /// log says so, with the file it read and where it stopped.
    @Test(.timeLimit(.minutes(10)))
    func aZIPThatBreaksPartWayIsAuditedForWhatWentIn() async throws {
        let damaged = "The harbour master's words, stored and then damaged."
        // Stored, not deflated: the second file's bytes stand in the archive as written, and one
        // changed breaks its checksum.
        var zip = try Self.zip(
            [("a-tides.txt", NewsroomRoleTests.epaper), ("b-damaged.txt", damaged)], compression: .none)
        let stored = try #require(zip.range(of: Data(damaged.utf8)))
        zip[stored.lowerBound] ^= 0x20
        let damagedZIP = zip
        try await Newsroom.withApp { client, _, newsroom in
            let response = try await Self.post(zip: damagedZIP, to: client, as: newsroom)
            #expect(response.status == .unprocessableContent, "\(response.text)")
            let error = try response.apiError()
            #expect(error["code"] == "invalid_archive")
            #expect(error["message"]?.contains("b-damaged.txt cannot be unpacked") == true, "\(error)")
            #expect(error["message"]?.contains("the files before it went in (1 created") == true, "\(error)")

            let list = try await client.get("/api/v1/articles").text
            #expect(list.contains("Tide tables reprinted for the season"), "the first file went in")
            let audit = try await client.send(.get, "/api/v1/audit?limit=5", token: newsroom.token(.admin)).json()
            let entries = try #require(audit["items"] as? [[String: Any]])
            let entry = try #require(entries.first { $0["action"] as? String == "import" }, "\(entries)")
            let detail = try #require(entry["detail"] as? String)
            #expect(detail.hasPrefix("application/zip: 1 created"), "\(detail)")
            #expect(detail.contains("stopped part way: b-damaged.txt cannot be unpacked"), "\(detail)")
            #expect(detail.hasSuffix("read before it: a-tides.txt"), "\(detail)")
        }
    }

    @Test func aZIPThatUnpacksTooFarIsRefused() async throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data(repeating: 0x61, count: 64 << 10)
        try archive.addEntry(
            with: "big.txt", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
        ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        let batch = try BroadsheetImport.ZIPBatch(
            try #require(archive.data), limits: .init(files: 10, fileBytes: 16 << 10, totalBytes: 1 << 20))
        await #expect(throws: BroadsheetImport.ZIPBatch.Failure.tooLarge(file: "big.txt", limit: 16 << 10)) {
            try await batch.forEachFile { _, _ in }
        }
    }

    /// A directory whose offsets point past the body made ZIPFoundation's in-memory reader trap:
    /// each is refused by name before it is opened.
    @Test(arguments: [(42, "points outside"), (20, "runs past the end"), (-6, "central directory")])
    func aZIPWhoseDirectoryPointsOutsideIsRefused(field: Int, reason: String) throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data("Harbour bridge reopens.".utf8)
        try archive.addEntry(
            with: "copy.txt", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none
        ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        var zip = [UInt8](try #require(archive.data))
        let end = zip.count - 22
        let directory = Int(zip[end + 16]) | Int(zip[end + 17]) << 8
        // A field of the central directory entry (or, for a negative one, of the end record) set huge.
        let at = field < 0 ? end + 22 + field : directory + field
        for offset in 0..<4 { zip[at + offset] = 0xF0 }
        #expect {
            _ = try BroadsheetImport.ZIPBatch(Data(zip))
        } throws: { error in
            guard case .unreadable(_, let why) = error as? BroadsheetImport.ZIPBatch.Failure else { return false }
            return why.contains(reason)
        }
    }
}
