import BroadsheetWeb
import Testing

@testable import BroadsheetCLI

/// `serve`'s options, read as an operator writes them.
@Suite("broadsheet serve's options", .timeLimit(.minutes(10)))
struct ServeOptionsTests {
    @Test func aMetricsAddressGivesMetricsAListenerOfTheirOwn() throws {
        let serve = try #require(
            try BroadsheetCommand.parseAsRoot(["serve", "--metrics-address", "10.0.0.5:9090"]) as? ServeCommand)
        #expect(try serve.metricsListener() == MetricsListener(host: "10.0.0.5", port: 9090))
        let plain = try #require(try BroadsheetCommand.parseAsRoot(["serve"]) as? ServeCommand)
        #expect(try plain.metricsListener() == nil, "without the option, /metrics stays on the public address")
    }

    @Test func aMetricsAddressWithoutAPortIsRefusedNamingTheOption() {
        #expect {
            _ = try BroadsheetCommand.parseAsRoot(["serve", "--metrics-address", "10.0.0.5"])
        } throws: { error in
            let message = BroadsheetCommand.message(for: error)
            return message.contains("--metrics-address") && message.contains("expected HOST:PORT")
        }
    }
}
