import Foundation

/// The editions either side of one, for "previous" and "next" links.
public struct EditionNeighbours: Hashable, Sendable {
    public var previous: EditionDate?
    public var next: EditionDate?

    public init(previous: EditionDate?, next: EditionDate?) {
        self.previous = previous
        self.next = next
    }
}
