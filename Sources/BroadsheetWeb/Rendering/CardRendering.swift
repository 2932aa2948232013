import Mustache

/// Makes a story's card from the theme's `card.mustache` on its own, not as a partial of each
/// page: a card is the same on every listing and related box it appears in, so an export renders
/// it once (`CardMemo`).
///
/// The card template sees the card's own fields and `site`, and nothing of the page around it.
struct CardRendering: Hashable, Sendable {
    let library: MustacheLibrary
    let site: SiteModel

    func html(for card: CardModel) -> String {
        guard let memo = CardMemo.current else { return render(card) }
        return memo.html(for: card) { render(card) }
    }

    private func render(_ card: CardModel) -> String {
        // `Theme.load` keeps the bundled card when a theme has none, so the template is always there.
        library.render(CardFrame(card: card, site: site), withTemplate: "card") ?? ""
    }

    // One site renders every card it makes with the same theme: the rendering tells no card apart.
    static func == (lhs: Self, rhs: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// What `card.mustache` reads: the card, and the site for the names a card does not have.
private struct CardFrame: MustacheParent {
    let card: CardModel
    let site: SiteModel

    func child(named name: String) -> Any? {
        name == "site" ? site : card.child(named: name)
    }
}
