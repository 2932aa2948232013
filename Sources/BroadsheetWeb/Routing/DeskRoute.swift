import Broadsheet

/// The desk's addresses under `/desk`, in the one table of routes like every other page's.
public enum DeskRoute: Hashable, Sendable {
    case home
    case signIn
    case signOut
    case articles
    case newArticle
    case importStory
    case preview
    case article(Parameter<Int64>)
    /// A workflow step on a story: `publish`, `schedule`, ...
    case step(Parameter<Int64>, DeskStep)
    case revisions(Parameter<Int64>)
    case compareRevisions(Parameter<Int64>)
    case restoreRevision(Parameter<Int64>, Parameter<Int>)
    case editions
    case edition(Parameter<EditionDate>)
    case moveStory(Parameter<EditionDate>)
    case users
    case removeUser(Parameter<String>)
    case changeRole(Parameter<String>)
    case tokens
    case revokeToken(Parameter<Int64>)
    case audit

    var segments: [PathSegment] {
        switch self {
        case .home: []
        case .signIn: ["sign-in"]
        case .signOut: ["sign-out"]
        case .articles: ["articles"]
        case .newArticle: ["articles", "new"]
        case .importStory: ["import"]
        case .preview: ["preview"]
        case .article(let id): ["articles", id.segment("id")]
        case .step(let id, let step): ["articles", id.segment("id"), .fixed(step.rawValue)]
        case .revisions(let id): ["articles", id.segment("id"), "revisions"]
        case .compareRevisions(let id): ["articles", id.segment("id"), "revisions", "compare"]
        case .restoreRevision(let id, let number):
            ["articles", id.segment("id"), "revisions", number.segment("number"), "restore"]
        case .editions: ["editions"]
        case .edition(let date): ["editions", date.segment("date")]
        case .moveStory(let date): ["editions", date.segment("date"), "move"]
        case .users: ["users"]
        case .removeUser(let name): ["users", name.segment("name"), "remove"]
        case .changeRole(let name): ["users", name.segment("name"), "role"]
        case .tokens: ["tokens"]
        case .revokeToken(let id): ["tokens", id.segment("id"), "revoke"]
        case .audit: ["audit"]
        }
    }
}

/// The steps a story takes from its desk page, each a form of its own.
public enum DeskStep: String, Hashable, Sendable, CaseIterable {
    case publish, schedule, unpublish, retract, corrections, submit
}
