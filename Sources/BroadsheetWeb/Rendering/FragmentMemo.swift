import Synchronization

/// The pieces of a page that a template renders on its own and many pages print the same: a
/// story's card (on its section's, topics', authors' and edition's listings and in related boxes),
/// the masthead's sections (the same on every page of a section), a page's feed links (the same on
/// every page of a listing).
enum Fragment: Hashable, Sendable {
    case card(CardModel)
    case nav([NavItemModel])
    case feedLinks([FeedLinkModel])
}

/// The fragments a static export has rendered, by everything they show.
///
/// Bound for a task tree (`FragmentMemo.$current.withValue`) by the export; the server binds none,
/// since its page cache already keeps what it rendered.
final class FragmentMemo: Sendable {
    /// The memo the current task's fragments use; nil outside an export.
    @TaskLocal static var current: FragmentMemo?

    private let fragments = Mutex<[Key: String]>([:])
    /// Fragments held at most; when full it starts again, so its memory is bounded whatever the
    /// archive's size. A story's card is on its section's, topics', authors' and edition's
    /// listings, each walked whole before the next: with 20,000 held, two in five of a
    /// 100,000-story export's look-ups rendered the card again.
    let capacity: Int

    init(capacity: Int = 150_000) {
        self.capacity = capacity
    }

    /// The HTML of `fragment`, made by `render` the first time.
    func html(for fragment: Fragment, orRender render: () -> String) -> String {
        let key = Key(fragment)
        if let known = fragments.withLock({ $0[key] }) { return known }
        let html = render()
        fragments.withLock { fragments in
            if fragments.count >= capacity { fragments.removeAll(keepingCapacity: true) }
            fragments[key] = html
        }
        return html
    }

    /// A fragment by two differently salted hashes of all it shows (its `Hashable`), 128 bits: a
    /// card held as its own key took more memory than its HTML, 187 MiB for 100,000 cards. The
    /// chance that two of a million fragments share a key is about 10^-27.
    struct Key: Hashable {
        let first: Int
        let second: Int

        init(_ fragment: Fragment) {
            var first = Hasher()
            first.combine(UInt8(1))
            fragment.hash(into: &first)
            var second = Hasher()
            second.combine(UInt8(2))
            fragment.hash(into: &second)
            self.first = first.finalize()
            self.second = second.finalize()
        }
    }
}
