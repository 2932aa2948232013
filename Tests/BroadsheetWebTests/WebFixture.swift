import Broadsheet
import BroadsheetImages
import BroadsheetSQLite
import BroadsheetWeb
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A small synthetic archive behind the real application, driven through Hummingbird's test client.
///
/// Two editions (April 28 and 29, 2025) of "The Test Gazette" in Asia/Karachi: staff, agency and
/// person bylines, an Urdu story, a story with an updated time, and one draft readers must never see.
enum WebFixture {
    static let publication = Publication(
        name: "The Test Gazette", baseURL: "https://gazette.example", timeZone: TimeZone(identifier: "Asia/Karachi")!,
        sections: Publication.defaultSections + ["Pakistan"])
    static let april28 = EditionDate(year: 2025, month: 4, day: 28)!
    static let april29 = EditionDate(year: 2025, month: 4, day: 29)!

    /// Ids of the stories, by a short name.
    struct Archive: Sendable {
        var bridge: Int64
        var markets: Int64
        var poetry: Int64
        var ferry: Int64
        var draft: Int64
    }

    static func withApp(
        theme: Theme? = nil, cache: PageCache = PageCache(), signInPolicy: SignInPolicy = SignInPolicy(),
        signInClock: SignInClock = .continuous, passwordChecks: PasswordChecks = PasswordChecks(),
        configuration: ServerConfiguration = ServerConfiguration(), images: PageImageFolder? = nil,
        extra: @Sendable (SQLiteStore) async throws -> Void = { _ in }, through setup: TestingSetup = .router,
        _ test: @Sendable (any TestClientProtocol, Archive) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "broadsheet-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("web.sqlite").path)
        try await store.migrate()
        let archive = try await fill(store)
        try await extra(store)
        let site = Site(
            publication: publication, store: store, theme: try theme ?? Theme.load(), cache: cache,
            signInPolicy: signInPolicy, signInClock: signInClock, passwordChecks: passwordChecks, images: images)
        let app = buildApplication(site: site, configuration: configuration, logger: quietLogger)
        do {
            try await app.test(setup) { client in try await test(client, archive) }
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }

    /// Access lines would drown the test output; warnings and errors still show.
    static var quietLogger: Logger {
        var logger = Logger(label: "broadsheet-test")
        logger.logLevel = .warning
        return logger
    }

    static func fill(_ store: any ArticleStore) async throws -> Archive {
        let ferry = try await store.save(
            story(
                "Ferry timetable changes for the winter", section: "Pakistan", topics: ["Transport"],
                byline: "Our Staff Reporter", date: april28, hour: 7),
            status: .published
        ).articleID
        let markets = try await store.save(
            story(
                "Markets close higher on export hopes", section: "Business", topics: ["Markets"],
                byline: "Reuters | AFP", date: april28, hour: 9),
            status: .published
        ).articleID
        var bridgeContent = story(
            "Harbour bridge reopens after repairs", section: "Pakistan", topics: ["Transport", "Infrastructure"],
            byline: "Our Staff Reporter", date: april29, hour: 8, updatedMinutes: 10 * 60 + 32)
        bridgeContent.summary = "Traffic returns to the old crossing after six months."
        bridgeContent.dateline = Dateline(places: ["KARACHI"])
        let bridge = try await store.save(bridgeContent, status: .published).articleID
        var poetryContent = story(
            "شہر میں مشاعرہ", section: "Culture", topics: ["Poetry"], byline: "Sana Mirza", date: april29, hour: 20)
        poetryContent.language = "ur"
        poetryContent.body = [.paragraph("لائبریری کے صحن میں شام کو مشاعرہ ہوا۔")]
        let poetry = try await store.save(poetryContent, status: .published).articleID
        let draft = try await store.save(
            story(
                "Unpublished budget leak", section: "Business", topics: ["Markets"], byline: "Our Staff Reporter",
                date: april29, hour: 21),
            status: .draft
        ).articleID
        return Archive(bridge: bridge, markets: markets, poetry: poetry, ferry: ferry, draft: draft)
    }

    static func story(
        _ headline: String, section: String, topics: [String], byline: String, date: EditionDate, hour: Int,
        updatedMinutes: Int? = nil
    ) -> ArticleContent {
        let start = date.startOfDay(in: publication.timeZone)
        return ArticleContent(
            headline: headline, byline: byline, authors: publication.bylineReader.authors(in: byline),
            body: [
                .paragraph("The first paragraph of \(headline.lowercased())."),
                .paragraph("A second paragraph <b>with</b> angle brackets & an ampersand."),
            ],
            section: Section(name: section), topics: topics.map(Topic.init), language: "en",
            published: Timestamp(start.addingTimeInterval(TimeInterval(hour * 3600))),
            updated: updatedMinutes.map { Timestamp(start.addingTimeInterval(TimeInterval($0 * 60))) },
            edition: EditionReference(publication: "The Test Gazette", date: date),
            source: .epaper(publication: "The Test Gazette", date: date, headline: headline))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any], "expected a JSON object, got \(text)")
    }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get)
    }
}
