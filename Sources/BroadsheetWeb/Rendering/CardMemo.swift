import Synchronization

/// The cards a static export has rendered, by everything they show: a story's card appears on
/// its section's, topics', authors' and edition's listings and in other stories' related boxes,
/// and is the same in each.
///
/// Bound for a task tree (`CardMemo.$current.withValue`) by the export; the server binds none,
/// since its page cache already keeps what it rendered.
final class CardMemo: Sendable {
    /// The memo the current task's cards use; nil outside an export.
    @TaskLocal static var current: CardMemo?

    private let cards = Mutex<[CardModel: String]>([:])
    /// Cards held at most; when full it starts again, so its memory is bounded whatever the
    /// archive's size.
    let capacity: Int

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// The HTML of `card`, made by `render` the first time.
    func html(for card: CardModel, orRender render: () -> String) -> String {
        if let known = cards.withLock({ $0[card] }) { return known }
        let html = render()
        cards.withLock { cards in
            if cards.count >= capacity { cards.removeAll(keepingCapacity: true) }
            cards[card] = html
        }
        return html
    }
}
