import Mustache
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

    @Test func cardsThatShowAnythingDifferentAreKeptApart() {
        let rendering = FragmentRendering(
            library: MustacheLibrary(),
            site: SiteModel(name: "The Lantern", base_url: "https://lantern.example", language: "en", dir: "ltr"))
        let card = CardModel(
            url: "/news/7/ferries-run-again", headline: "Ferries run again after the storm",
            published: "March 3rd, 2026", published_iso: "2026-03-03T08:00:00+05:00",
            section: LinkModel(name: "City", url: "/sections/city"),
            lang: "en", dir: "ltr", summary: Maybe("The first boat left at dawn."), byline: Maybe("By Sana Qureshi"),
            dateline: Maybe("HARBOUR TOWN"), rendering: rendering)
        var variants = [card]
        func vary(_ change: (inout CardModel) -> Void) {
            var varied = card
            change(&varied)
            variants.append(varied)
        }
        vary { $0.url = "/news/8/ferries-run-again" }
        vary { $0.headline = "Ferries run again after the storms" }
        vary { $0.published = "March 4th, 2026" }
        vary { $0.section.name = "Harbour" }
        vary { $0.section.url = "/sections/harbour" }
        vary { $0.dir = "rtl" }
        vary { $0.summary = nil }
        vary { $0.byline = Maybe("By Omar Farooq") }
        vary { $0.dateline = nil }
        vary { $0.snippet_html = Maybe("<mark>Ferries</mark> run again") }
        vary { $0.on_page = Maybe(LinkModel(name: "Page 3", url: "/epaper/2026-03-03/3")) }
        #expect(Set(variants.map { FragmentMemo.Key(.card($0)) }).count == variants.count)
        #expect(FragmentMemo.Key(.card(card)) == FragmentMemo.Key(.card(variants[0])))

        let memo = FragmentMemo()
        let renders = Mutex(0)
        for variant in variants + variants {
            let html = memo.html(for: .card(variant)) {
                renders.withLock { $0 += 1 }
                return "\(variant.url) \(variant.headline) \(variant.summary.value ?? "")"
            }
            #expect(html.hasPrefix(variant.url + " " + variant.headline))
        }
        #expect(renders.withLock { $0 } == variants.count, "each card rendered once, none for another's")
    }
}
