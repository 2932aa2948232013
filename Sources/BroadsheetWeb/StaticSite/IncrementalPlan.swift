import Broadsheet
import Foundation

/// What an export renders when only some stories changed since the last one, and which of the
/// last export's files it answers for (an earlier file there that it does not write again is
/// removed; every other earlier file is kept as it is).
///
/// A changed story's pages are rendered again, with every address whose file showed it last
/// time (`ExportLinks`: its edition, listing pages, other stories' related boxes, feeds,
/// sitemaps) and, where it now belongs, its edition and listings. When a story joined a listing,
/// left it or moved in it, the listing's first page, its feeds and its numbered pages from the
/// story's place up are rendered again (numbered from the oldest, the pages below stay);
/// otherwise only the pages that showed it.
struct IncrementalPlan {
    private(set) var paths: [ExportPath] = []
    /// Short addresses and the story addresses they redirect to (`ExportRun.redirect`).
    private(set) var redirects: [(path: String, location: String)] = []
    private var queued: Set<String> = []
    private var replacedFiles: Set<String> = []
    /// Each ending in its slash, as the folders of a file's path do.
    private var replacedFolders: Set<String> = []
    /// The replaced files and folders, for `replaces` to pass over the files in none of them.
    private var named = PathFilter()
    /// Each replaced file's and folder's first two folders (`news/12/`), for `replaces` to turn
    /// down a file from those alone: nearly every file of a large archive is a story's.
    private var firstTwoFolders = PathFilter()
    /// Whether a replaced folder lies above the second (the whole site, or `news/`): the first two
    /// folders of a file then say too little. A file above it (`robots.txt`) is in fewer folders,
    /// like the files it can be, which `replaces` looks up whole.
    private var replacesShallow = false
    /// The changed stories' sitemap keys now (`ExportLinks.sitemapKey`).
    var sitemapKeys: [Int64: String] = [:]

    /// Whether an earlier file is this export's to write again or remove.
    func replaces(_ file: String) -> Bool {
        var file = file
        return file.withUTF8 { replaces($0) }
    }

    /// Whether the earlier file whose name these bytes spell is this export's to write again or
    /// remove: asked of each of a large archive's files, as the manifest holds their names.
    func replaces(_ file: UnsafeBufferPointer<UInt8>) -> Bool {
        if replacesShallow {
            if replacedFolders.contains("") { return true }
        } else if let end = Self.firstTwoFoldersEnd(file) {
            // A replaced file or folder below both of the file's first two folders is in them.
            // Hashing the whole name first was the most sampled function of a repeat export.
            let hash = UnsafeBufferPointer(rebasing: file[..<end]).reduce(PathFilter.start, PathFilter.hash)
            guard firstTwoFolders.mayHold(hash) else { return false }
        }
        // Each folder the file is in, then the file: first looked for in `named`, whose hash is
        // taken in one pass. Hashing each folder as a `Substring` was a tenth of a repeat export.
        var hash = PathFilter.start
        for (offset, byte) in file.enumerated() {
            hash = PathFilter.hash(hash, byte)
            if byte == UInt8(ascii: "/"), named.mayHold(hash),
                replacedFolders.contains(
                    String(decoding: UnsafeBufferPointer(rebasing: file[...offset]), as: UTF8.self))
            {
                return true
            }
        }
        return named.mayHold(hash) && replacedFiles.contains(String(decoding: file, as: UTF8.self))
    }

    /// Where the second folder of `name` ends, after its slash; nil for a name in fewer folders.
    /// Found with `memchr`: the standard library's `firstIndex(of:)` took most of the scan.
    private static func firstTwoFoldersEnd(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let start = name.baseAddress else { return nil }
        let end = start + name.count
        guard let first = memchr(start, Int32(UInt8(ascii: "/")), name.count) else { return nil }
        let afterFirst = UnsafePointer<UInt8>(first.assumingMemoryBound(to: UInt8.self)) + 1
        guard let second = memchr(afterFirst, Int32(UInt8(ascii: "/")), end - afterFirst) else { return nil }
        return start.distance(to: second.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// Notes a replaced file or folder (its name ending in a slash, or empty for the whole site)
    /// in the filters `replaces` asks first.
    private mutating func name(_ path: String) {
        var path = path
        path.withUTF8 { bytes in
            named.insert(bytes)
            if let end = Self.firstTwoFoldersEnd(bytes) {
                firstTwoFolders.insert(UnsafeBufferPointer(rebasing: bytes[..<end]))
            } else if bytes.last ?? UInt8(ascii: "/") == UInt8(ascii: "/") {
                replacesShallow = true
            }
        }
    }

    mutating func add(_ path: ExportPath) {
        guard queued.insert(path.path).inserted else { return }
        paths.append(path)
    }

    mutating func redirect(_ path: String, to location: String) {
        guard queued.insert(path).inserted else { return }
        redirects.append((path, location))
    }

    /// Renders `path` again; its earlier file goes if it no longer renders, unless it is
    /// `required` to (a page the plan knows is there).
    mutating func replace(_ path: String, required: Bool = false) {
        add(required ? .required(path) : .optional(path))
        if let file = StaticLayout.file(for: path, isPage: !StaticLayout.namesFile(path)) {
            replaceFile(file)
        }
    }

    /// Everything the export held under the address `path` is this export's to write or remove.
    mutating func replaceFolder(_ path: String) {
        guard let file = StaticLayout.file(for: path, isPage: true) else { return }
        let folder = String(file.dropLast("index.html".count))
        replacedFolders.insert(folder)
        name(folder)
    }

    mutating func replaceFile(_ file: String) {
        replacedFiles.insert(file)
        name(file)
    }
}

/// The changed stories' cards: what other pages show of them (their edition's page, listings,
/// related boxes), which decides whether those pages are rendered again.
struct ChangedCards: Sendable {
    /// Each published changed story's card key now (`ExportLinks.cardKey`).
    var now: [Int64: String] = [:]
    /// The changed stories whose cards are as the last export showed them.
    var kept: Set<Int64> = []
}

/// A section, topic or author listing, by its first page's address.
struct ListingAddress: Hashable {
    var kind: ListingKind
    var slug: Slug

    var scope: FeedScope { FeedScope(kind: kind, slug: .value(slug)) }
    var path: String { SiteURL.listing(kind, .value(slug)).path }
    var query: ArticleQuery {
        switch kind {
        case .section: ArticleQuery(section: slug)
        case .topic: ArticleQuery(topic: slug)
        case .author: ArticleQuery(author: slug)
        }
    }

    /// The listing and its file an address names (`/topics/tides/page/2`, `/topics/tides`, and
    /// `/topics/tides/feed.xml` a feed); nil for any other address.
    static func parse(_ path: String) -> (ListingAddress, ListingFile)? {
        let segments = path.split(separator: "/").map { String($0) }
        guard segments.count >= 2, let kind = ListingKind(rawValue: segments[0]),
            let slug = segments[1].removingPercentEncoding
        else { return nil }
        let listing = ListingAddress(kind: kind, slug: Slug(verbatim: slug))
        if segments.count == 2 { return (listing, .first) }
        if segments.count == 4, segments[2] == "page", let page = Int(segments[3]) { return (listing, .numbered(page)) }
        return (listing, .feed)
    }

    /// The address of one of its pages: nil for its own, the newest stories.
    func path(page: Int?) -> String { SiteURL.listing(kind, .value(slug)).path(page: page) }

    /// Where a story is listed now: its section, topics and authors.
    static func all(of article: Article) -> [ListingAddress] {
        let content = article.content
        return [ListingAddress(kind: .section, slug: content.section.slug)]
            + content.topics.map { ListingAddress(kind: .topic, slug: $0.slug) }
            + content.authors.map { ListingAddress(kind: .author, slug: $0.slug) }
    }
}

/// What a listing's address names: its own page (the newest stories), a numbered page
/// (`ListingPages`) or a feed.
enum ListingFile: Hashable {
    case first
    case numbered(Int)
    case feed

    /// A numbered page's number; nil for the listing's own page and its feeds.
    var number: Int? {
        if case .numbered(let number) = self { number } else { nil }
    }
}

/// The changed stories that joined a listing, left it or moved in it (their date may differ),
/// and the pages they were on: what shifts its pages (`StaticExport.planShifted`).
struct ListingShift {
    var joined: [Article] = []
    var left: [ListingFile] = []
    var moved: [(Article, was: ListingFile)] = []

    /// A story now in the listing that was on `was` (nil: it was not in it).
    mutating func note(_ article: Article, was: ListingFile?) {
        if let was { moved.append((article, was)) } else { joined.append(article) }
    }
}
