import Synchronization
import Testing

@testable import BroadsheetWeb

/// An export renders a fragment many pages share once, and tells apart any two that show
/// something different.
@Suite("Fragments an export renders once", .timeLimit(.minutes(10)))
struct FragmentMemoTests {
    static let sections = [
        NavItemModel(name: "Pakistan", url: "/sections/pakistan", current: false),
        NavItemModel(name: "Sport", url: "/sections/sport", current: false),
    ]

    @Test func theSameFragmentIsRenderedOnce() {
        let memo = FragmentMemo()
        let renders = Mutex(0)
        func html(_ fragment: Fragment) -> String {
            memo.html(for: fragment) {
                renders.withLock { $0 += 1 }
                return "\(fragment)"
            }
        }
        var onSport = Self.sections
        onSport[1].current = true
        let first = html(.nav(Self.sections))
        #expect(html(.nav(Self.sections)) == first)
        #expect(renders.withLock { $0 } == 1)
        #expect(html(.nav(onSport)) != first, "the page whose section is current shows it")
        let feeds = [FeedLinkModel(type: "application/rss+xml", title: "Sport (RSS)", href: "/sections/sport/feed.xml")]
        _ = html(.feedLinks(feeds))
        _ = html(.feedLinks(feeds))
        #expect(renders.withLock { $0 } == 3)
    }

    @Test func aFullMemoStartsAgain() {
        let memo = FragmentMemo(capacity: 2)
        let renders = Mutex(0)
        let fragments = (0..<3).map { index in
            Fragment.nav([NavItemModel(name: "Section \(index)", url: "/sections/\(index)", current: false)])
        }
        for fragment in fragments + fragments {
            _ = memo.html(for: fragment) {
                renders.withLock { $0 += 1 }
                return ""
            }
        }
        // The third fragment empties the memo; the first two are rendered again after it, the
        // second of them emptying it once more, so the third is rendered again too.
        #expect(renders.withLock { $0 } == 6)
    }
}
