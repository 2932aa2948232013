/// Counts the steps the readers' inner loops take, so tests can hold every reader to work that
/// grows in step with its input: a clock on a shared machine cannot tell linear from quadratic,
/// a count can.
///
/// Readers count only while a test has bound a meter (`WorkMeter.$current.withValue(meter) { … }`).
/// Each reader looks the meter up once when it starts, so outside tests a step costs a nil check.
@_spi(Testing) public final class WorkMeter: @unchecked Sendable {
    // Unchecked: a meter is bound by one test around synchronous reads, which run on its task alone.

    /// The meter the current task's reads count into; nil outside tests.
    @TaskLocal public static var current: WorkMeter?

    public private(set) var steps = 0

    public init() {}

    /// Adds `count` steps: one per byte, line, character or element an inner loop looked at.
    func count(_ count: Int = 1) {
        steps &+= count
    }
}
