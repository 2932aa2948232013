import Mustache

/// Makes the fragments many pages share (`Fragment`) from the theme's templates on their own, not
/// as part of each page, so that an export renders each once (`FragmentMemo`): a card from
/// `card.mustache`, the masthead's sections from `nav.mustache`, the feed links from
/// `feed-links.mustache`.
///
/// A fragment's template sees its own fields and `site`, and nothing of the page around it.
struct FragmentRendering: Hashable, Sendable {
    let library: MustacheLibrary
    let site: SiteModel
    /// Whether the theme keeps the bundled `card.mustache`, so that cards are made in Swift (`CardHTML`).
    var keepsBundledCard = false

    func html(for fragment: Fragment) -> String {
        guard let memo = FragmentMemo.current else { return render(fragment) }
        return memo.html(for: fragment) { render(fragment) }
    }

    private func render(_ fragment: Fragment) -> String {
        // `Theme.load` keeps a bundled template when a theme has none, so the template is always there.
        switch fragment {
        case .card(let card) where keepsBundledCard: CardHTML.html(card, site: site)
        case .card(let card):
            library.render(FragmentFrame(fields: card, site: site), withTemplate: "card") ?? ""
        case .nav(let items):
            library.render(FragmentFrame(fields: ["nav": items], site: site), withTemplate: "nav") ?? ""
        case .feedLinks(let links):
            library.render(FragmentFrame(fields: ["feeds": links], site: site), withTemplate: "feed-links") ?? ""
        }
    }

    // One site renders every fragment it makes with the same theme: the rendering tells none apart.
    static func == (lhs: Self, rhs: Self) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// What a fragment's template reads: its own fields, and the site for the names it does not have.
private struct FragmentFrame<Fields: MustacheParent>: MustacheParent {
    let fields: Fields
    let site: SiteModel

    func child(named name: String) -> Any? {
        name == "site" ? site : fields.child(named: name)
    }
}
