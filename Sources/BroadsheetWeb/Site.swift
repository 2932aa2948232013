import Broadsheet
import BroadsheetImages
import Foundation

/// What every page and API handler needs: the paper, its archive and its look.
public struct Site: Sendable {
    public let publication: Publication
    public let store: any ArticleStore
    public let theme: Theme
    let dates: DateDisplay
    let navigation: NavigationCache
    /// Rendered pages and API documents, kept for a second.
    public let cache: PageCache
    /// Failed sign-ins, per account and address.
    public let signIn: SignInGuard
    /// The bounded place where sign-in passwords are checked.
    public let passwordChecks: PasswordChecks
    /// Where printed pages' images are kept; nil serves no page images.
    public let images: (any PageImageStore)?

    public init(
        publication: Publication, store: any ArticleStore, theme: Theme, cache: PageCache = PageCache(),
        signInPolicy: SignInPolicy = SignInPolicy(), signInClock: SignInClock = .continuous,
        passwordChecks: PasswordChecks = PasswordChecks(), images: (any PageImageStore)? = nil
    ) {
        self.publication = publication
        self.store = store
        self.theme = theme
        self.dates = DateDisplay(timeZone: publication.timeZone)
        self.navigation = NavigationCache(store: store)
        self.cache = cache
        self.signIn = SignInGuard(policy: signInPolicy, clock: signInClock)
        self.passwordChecks = passwordChecks
        self.images = images
    }
}

/// The section list in every page's header, read once and again only when the archive changes
/// (`ArchiveWatcher` invalidates it) or a minute has passed.
actor NavigationCache {
    private let store: any ArchiveReading
    private var sections: [Section] = []
    private var readAt: ContinuousClock.Instant?
    private let lifetime: Duration = .seconds(60)

    init(store: any ArchiveReading) {
        self.store = store
    }

    func invalidate() {
        readAt = nil
    }

    func currentSections() async throws -> [Section] {
        let now = ContinuousClock.now
        if let readAt, now - readAt < lifetime { return sections }
        sections = try await store.sectionsInUse()
        readAt = now
        return sections
    }
}
