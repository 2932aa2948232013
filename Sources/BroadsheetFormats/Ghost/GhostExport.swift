import Foundation

/// The tables of a Ghost export, and the joins between them.
struct GhostExport {
    let posts: [JSONFields]
    private let userNames: [String: String]
    private let tagNames: [String: String]
    private let tagsByPost: [String: [String]]
    private let authorsByPost: [String: [String]]
    /// `posts_meta` rows by post id (Ghost 4 and later keep the feature image's alt text and
    /// caption, and the meta description, there).
    private let metaByPost: [String: JSONFields]

    init(_ value: JSONValue) throws(JSONFieldError) {
        guard let root = value.objectMembers else {
            throw JSONFieldError("expected a Ghost export (a JSON object with 'db'), found \(value.kind)")
        }
        var data: JSONFields
        let top = JSONFields(root)
        if top.has("db") {
            guard let first = try top.objects("db").first, let inner = try first.object("data") else {
                throw JSONFieldError("field 'db[0].data': expected an object, found nothing")
            }
            data = inner
        } else if let inner = try top.object("data") {
            data = inner
        } else {
            throw JSONFieldError("expected a Ghost export: an object with 'db' (or 'data'), found neither")
        }
        data = JSONFields(data.members, path: "")
        posts = try data.objects("posts")
        var users: [String: String] = [:]
        for user in try data.objects("users") {
            if let id = try user.identifier("id"), let name = try user.string("name") { users[id] = name }
        }
        userNames = users
        var tags: [String: String] = [:]
        for tag in try data.objects("tags") {
            guard let id = try tag.identifier("id"), let name = try tag.string("name") else { continue }
            // Internal tags (`#feature`, visibility "internal") organise the site, not the story.
            let visibility = try tag.string("visibility")
            if name.hasPrefix("#") || visibility == "internal" { continue }
            tags[id] = name
        }
        tagNames = tags
        tagsByPost = try Self.join(data.objects("posts_tags"), key: "tag_id")
        authorsByPost = try Self.join(data.objects("posts_authors"), key: "author_id")
        var meta: [String: JSONFields] = [:]
        for row in try data.objects("posts_meta") {
            if let post = try row.identifier("post_id") { meta[post] = row }
        }
        metaByPost = meta
    }

    /// Post id → the other ids, by `sort_order`.
    private static func join(_ rows: [JSONFields], key: String) throws(JSONFieldError) -> [String: [String]] {
        var sorted: [String: [(Double, String)]] = [:]
        for row in rows {
            guard let post = try row.identifier("post_id"), let other = try row.identifier(key) else { continue }
            var order = 0.0
            if case .number(let number)? = row.members["sort_order"] { order = number }
            sorted[post, default: []].append((order, other))
        }
        return sorted.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }

    func tags(of post: JSONFields, id: String?) throws(JSONFieldError) -> [String] {
        guard let id else { return [] }
        return (tagsByPost[id] ?? []).compactMap { tagNames[$0] }
    }

    func authors(of post: JSONFields, id: String?) throws(JSONFieldError) -> [String] {
        if let id, let authors = authorsByPost[id], !authors.isEmpty { return authors.compactMap { userNames[$0] } }
        let author = try post.identifier("author_id")
        return author.flatMap { userNames[$0] }.map { [$0] } ?? []
    }

    /// A post's field, from the post itself or else its `posts_meta` row.
    func field(_ key: String, of post: JSONFields, id: String?) throws(JSONFieldError) -> String? {
        if let value = try post.string(key) { return value }
        guard let id, let meta = metaByPost[id] else { return nil }
        return try meta.string(key)
    }
}
