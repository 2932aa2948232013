import Broadsheet
import BroadsheetSQLite
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BroadsheetWeb

/// `/metrics` on an address of its own (`serve --metrics-address`), and not on the public one.
@Suite("Metrics on their own address", .timeLimit(.minutes(10)))
struct MetricsListenerTests {
    @Test(arguments: [
        ("127.0.0.1:9090", "127.0.0.1", 9090),
        ("[::1]:9191", "::1", 9191),
        (":9090", "127.0.0.1", 9090),
        ("metrics.internal:0", "metrics.internal", 0),
    ])
    func readsAnAddress(text: String, host: String, port: Int) throws {
        #expect(try MetricsListener(parsing: text) == MetricsListener(host: host, port: port))
    }

    @Test(arguments: ["9090", "host:", "host:70000", "[::1]", "a b:80", "[]:80", "host:-1"])
    func refusesWhatIsNoAddress(text: String) {
        #expect {
            try MetricsListener(parsing: text)
        } throws: { error in
            "\(error)".contains("expected HOST:PORT") && "\(error)".contains(text)
        }
    }

    @Test func thePublicAddressNoLongerAnswersMetrics() async throws {
        let configuration = ServerConfiguration(metricsListener: MetricsListener(host: "127.0.0.1", port: 0))
        try await WebFixture.withApp(configuration: configuration) { client, _ async throws in
            #expect(try await client.get("/metrics").status == .notFound)
            #expect(try await client.get("/healthz").status == .ok, "load balancers still ask the public address")
        }
    }

    @Test func theMetricsAddressAnswersMetricsAndHealthOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("metrics.sqlite").path)
        try await store.migrate()
        let site = Site(publication: WebFixture.publication, store: store, theme: try Theme.load())
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        var configuration = ServerConfiguration(port: 0, metricsListener: MetricsListener(host: "127.0.0.1", port: 0))
        configuration.metricsListening = { port in portSink.yield(port) }
        let app = buildApplication(site: site, configuration: configuration, logger: WebFixture.quietLogger)
        try await app.test(.live) { client in
            #expect(try await client.get("/").status == .ok)
            #expect(try await client.get("/metrics").status == .notFound)
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next(), "the metrics listener never started")
            let metrics = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(20)))
            metrics.connect()
            let answer = try await metrics.get("/metrics")
            #expect(answer.status == .ok)
            let text = answer.body.map { String(buffer: $0) } ?? ""
            #expect(text.contains("http_server_request_duration"), "the public requests are counted there")
            #expect(try await metrics.get("/healthz").status == .ok)
            #expect(try await metrics.get("/").status == .notFound, "nothing of the site")
            try await metrics.shutdown()
        }
        try await store.close()
    }
}
