import Foundation
import Logging
import Testing

@testable import BroadsheetCLI
@testable import BroadsheetWeb

/// The server's log lines: formatted as operators read them, written in batches, in order, whole.
@Suite(.timeLimit(.minutes(10))) struct BatchedLogTests {
    /// A log file and an output writing to it, its timer set to `interval`.
    final class LogFile: Sendable {
        let url: URL
        let descriptor: Int32
        let output: LogOutput

        init(interval: DispatchTimeInterval = .seconds(3600)) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("log-\(UUID().uuidString).txt")
            descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            output = LogOutput(descriptor: descriptor, interval: interval)
        }

        var lines: [String] {
            (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        }

        func logger(_ label: String = "broadsheet") -> Logger {
            Logger(label: label) { BatchedLogHandler(label: $0, level: .info, output: self.output) }
        }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
    }

    @Test func linesWaitForTheBatchAndAreWrittenInOrderWithTheirMetadata() throws {
        let file = try LogFile()
        var logger = file.logger()
        logger[metadataKey: "hb.request.id"] = "7"
        logger.info("GET /news/1 200", metadata: ["status": "200", "duration_ms": "1.25"])
        logger.debug("not at this level")
        logger.info("GET /healthz 200")
        #expect(file.lines.isEmpty, "info lines wait for the batch")

        file.output.flush()
        let lines = file.lines
        #expect(lines.count == 2)
        let first = try #require(lines.first)
        #expect(
            first.wholeMatch(
                of:
                    #/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000 info broadsheet: duration_ms=1.25 hb.request.id=7 status=200 \[BroadsheetCLITests\] GET /news/1 200/#
            ) != nil, "\(first)")
        #expect(lines.last?.hasSuffix("hb.request.id=7 [BroadsheetCLITests] GET /healthz 200") == true)
    }

    @Test func aLinesOwnMetadataReadsAsTheLoggersAndWinsOverIt() throws {
        let file = try LogFile()
        var routed = file.logger()
        routed[metadataKey: "hb.request.id"] = "7"
        routed.info("GET / 200", metadata: ["status": "200"])
        // The shape of a line written before routing: every key its own.
        file.logger().info("GET / 200", metadata: ["hb.request.id": "7", "status": "200"])
        routed.info("GET / 304", metadata: ["hb.request.id": "8", "status": "304"])
        file.output.flush()
        let lines = file.lines.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
        #expect(lines.count == 3)
        #expect(lines.first == lines.dropFirst().first, "\(lines)")
        #expect(lines.last == "info broadsheet: hb.request.id=8 status=304 [BroadsheetCLITests] GET / 304")
    }

    @Test func anAccessLineWrittenFromItsPartsReadsAsTheOneLoggedThroughSwiftLog() throws {
        let file = try LogFile()
        let logger = file.logger()
        let direct = try #require(logger.handler as? any AccessLineWriting)
        AccessLogLine.write(
            to: logger, method: .get, target: "/news/12/ferry?page=2", status: 304, elapsed: .microseconds(1_250))
        AccessLogLine.write(
            to: logger, direct: direct, method: .get, target: "/news/12/ferry?page=2", status: 304,
            elapsed: .microseconds(1_250))
        file.output.flush()
        let lines = file.lines.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" }
        #expect(lines.count == 2)
        #expect(
            lines.first == "info broadsheet: duration_ms=1.25 status=304 [BroadsheetWeb] GET /news/12/ferry?page=2 304")
        #expect(lines.first == lines.last, "\(lines)")
    }

    @Test func aHandlerWithMetadataOfItsOwnLeavesTheAccessLineToSwiftLog() throws {
        let file = try LogFile()
        var logger = file.logger()
        logger[metadataKey: "hb.request.id"] = "7"
        let direct = try #require(logger.handler as? any AccessLineWriting)
        #expect(!direct.writeAccessLine(method: "GET", target: "/", status: "200", milliseconds: "0.01", source: "x"))
        AccessLogLine.write(to: logger, direct: direct, method: .get, target: "/", status: 200, elapsed: .zero)
        file.output.flush()
        #expect(file.lines.count == 1)
        #expect(file.lines.first?.hasSuffix("hb.request.id=7 status=200 [BroadsheetWeb] GET / 200") == true)
    }

    @Test func aWarningIsWrittenAtOnceAfterTheLinesBeforeIt() throws {
        let file = try LogFile()
        let logger = file.logger()
        logger.info("first")
        logger.warning("the feed did not answer")
        let lines = file.lines
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("first") == true)
        #expect(lines.last?.contains(" warning broadsheet: ") == true)
    }

    @Test func aFullBatchIsWrittenWithoutWaiting() throws {
        let file = try LogFile()
        let logger = file.logger()
        let filler = String(repeating: "x", count: 1000)
        for index in 0..<100 { logger.info("line \(index) \(filler)") }
        let written = file.lines
        #expect(written.count >= 60 && written.count < 100, "a 64 KB batch went out: \(written.count) lines")
        file.output.flush()
        #expect(file.lines.count == 100)
    }

    @Test func linesFromManyTasksArriveWholeAndInEachTasksOrder() async throws {
        let file = try LogFile()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let logger = file.logger()
                    for index in 0..<400 { logger.info("task \(task) line \(index)") }
                }
            }
        }
        file.output.flush()
        let lines = file.lines
        #expect(lines.count == 3200)
        for task in 0..<8 {
            let numbers = lines.compactMap { line -> Int? in
                guard let range = line.range(of: "task \(task) line ") else { return nil }
                return Int(line[range.upperBound...])
            }
            #expect(numbers == Array(0..<400), "task \(task)")
        }
    }

    @Test func theTimerWritesWaitingLines() async throws {
        let file = try LogFile(interval: .milliseconds(20))
        file.logger().info("listening on 127.0.0.1:8080")
        let deadline = ContinuousClock.now + .seconds(30)
        while file.lines.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(file.lines.count == 1)
    }
}
