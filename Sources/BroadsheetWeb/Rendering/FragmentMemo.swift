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

    private let fragments = Mutex<[Fragment: String]>([:])
    /// Fragments held at most; when full it starts again, so its memory is bounded whatever the
    /// archive's size.
    let capacity: Int

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The HTML of `fragment`, made by `render` the first time.
    func html(for fragment: Fragment, orRender render: () -> String) -> String {
        if let known = fragments.withLock({ $0[fragment] }) { return known }
        let html = render()
        fragments.withLock { fragments in
            if fragments.count >= capacity { fragments.removeAll(keepingCapacity: true) }
            fragments[fragment] = html
        }
        return html
    }
}
