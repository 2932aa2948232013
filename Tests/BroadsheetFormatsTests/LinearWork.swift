@_spi(Testing) import BroadsheetFormats
import Foundation
import Testing

/// Holds the readers to work that grows in step with their input, by the steps they count
/// themselves (`WorkMeter`) rather than by a clock: each case is read with `small` and with
/// `large` (ten times as many) repeated or nested constructs, and the second may take at most
/// `ratio` times the steps of the first. A quadratic reader takes a hundred times.
struct LinearWorkCase: Sendable, CustomTestStringConvertible {
    static let small = 10_000
    static let large = 100_000
    static let ratio = 12.0

    var name: String
    /// The input with `n` constructs.
    var input: @Sendable (Int) -> String

    init(_ name: String, _ input: @escaping @Sendable (Int) -> String) {
        self.name = name
        self.input = input
    }

    var testDescription: String { name }

    /// The steps `read` counts.
    static func steps(_ read: () -> Void) -> Int {
        let meter = WorkMeter()
        WorkMeter.$current.withValue(meter) { read() }
        return meter.steps
    }

    /// Reads the case's small and large inputs with `read` and checks their steps.
    func expectLinear(sourceLocation: SourceLocation = #_sourceLocation, _ read: (String) -> Void) {
        let few = Self.steps { read(input(Self.small)) }
        let many = Self.steps { read(input(Self.large)) }
        #expect(few >= Self.small, "\(name): the meter saw only \(few) steps", sourceLocation: sourceLocation)
        #expect(
            Double(many) < Self.ratio * Double(few),
            "\(name): \(few) steps for \(Self.small) constructs, \(many) for \(Self.large)",
            sourceLocation: sourceLocation)
    }
}

extension String {
    /// `self` written `count` times.
    func times(_ count: Int) -> String { String(repeating: self, count: count) }
}
