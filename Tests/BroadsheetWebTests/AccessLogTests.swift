import Testing

@testable import BroadsheetWeb

/// The access log's duration, as `String(format: "%.2f")` wrote it.
@Suite(.timeLimit(.minutes(10))) struct AccessLogTests {
    @Test(arguments: [
        (Duration.zero, "0.00"), (.microseconds(4), "0.00"), (.microseconds(5), "0.01"), (.microseconds(1_254), "1.25"),
        (.microseconds(1_256), "1.26"), (.milliseconds(10), "10.00"), (.microseconds(99_996), "100.00"),
        (.seconds(3) + .microseconds(70), "3000.07"),
    ])
    func durationsAreMillisecondsToTwoPlaces(elapsed: Duration, written: String) {
        #expect(AccessLogLine.milliseconds(elapsed) == written)
    }
}
