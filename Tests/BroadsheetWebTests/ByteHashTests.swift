import Foundation
import NIOCore
import Testing

@testable import BroadsheetWeb

/// The hash behind entity tags and the export records' tables: the same bytes give the same
/// hash, and a change to any one byte, or to the length, gives another.
@Suite("The hash of a body's bytes", .timeLimit(.minutes(5)))
struct ByteHashTests {
    private static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes(ByteHash.of) }

    @Test func everyByteOfTheBodyCounts() {
        // Lengths around the eight bytes a word holds, so that the tail and the words are tried.
        for length in 0...40 {
            let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Self.hash(body) == Self.hash(Array(body)))
            for index in body.indices {
                var changed = body
                changed[index] ^= 0x20
                #expect(Self.hash(changed) != Self.hash(body), "byte \(index) of \(length)")
            }
            // A zero byte more is a different body, though the words read the same.
            #expect(Self.hash(body + [0]) != Self.hash(body), "\(length) bytes and a zero")
        }
    }

    /// Two pages that differ in one letter are sent with different tags, and the same page with
    /// the same tag.
    @Test func entityTagsFollowTheBytes() {
        let page = ByteBuffer(string: "<p>The ferry to the island runs again from Monday.</p>")
        let other = ByteBuffer(string: "<p>The ferry to the island runs again from Sunday.</p>")
        let again = ByteBuffer(string: "<p>The ferry to the island runs again from Monday.</p>")
        let tag = EntityTag.strong(of: page)
        #expect(tag == EntityTag.strong(of: again))
        #expect(tag != EntityTag.strong(of: other))
        #expect(tag.count == 18 && tag.hasPrefix("\"") && tag.hasSuffix("\""))
    }
}
