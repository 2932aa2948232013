import Broadsheet
import Foundation
import HTTPTypes
import NIOCore

/// One export's rendering and writing: a batch of addresses rendered side by side, written as they
/// come, and the files each page links to (page images, books, IIIF documents, monthly sitemaps)
/// followed once each.
struct ExportRun {
    let renderer: SiteRenderer
    let folder: StaticSiteFolder
    let publication: Publication
    private(set) var rendered = 0
    /// Addresses rendering, or rendered but not yet stored: at most this many render at once.
    static var window: Int { 16 }
    /// Linked files the server does not answer, with its status: left out of the copy.
    private(set) var skipped: [String] = []
    /// File addresses already exported or queued: feeds, images, books. Pages are never followed,
    /// so this grows with the files a site links to, not with its articles.
    private var followed: Set<String> = []
    /// Files in `followed` only until `release`.
    private var heldBack: Set<String> = []
    /// What each address written showed (`ExportLinks`); an incremental export starts from the last one's.
    var links: ExportLinks
    /// Whether the monthly sitemaps the sitemap index names are exported: a full export's are; an
    /// incremental export renders those of the months its stories were or are in (`planSitemaps`).
    var followsSitemaps = true

    init(renderer: SiteRenderer, folder: StaticSiteFolder, publication: Publication, links: ExportLinks) {
        self.renderer = renderer
        self.folder = folder
        self.publication = publication
        self.links = links
    }

    /// Keeps the files at `paths` from being followed from the pages that link to them until
    /// `release`: a full export makes the edition books along its walk (`WalkedBooks`). A file
    /// already followed is exported already, and is not held.
    mutating func holdBack(_ paths: [String]) {
        for path in paths where followed.insert(path).inserted { heldBack.insert(path) }
    }

    /// Lets files held back be rendered, as `render` is next asked; returns those that were held.
    mutating func release(_ paths: [String]) -> [String] {
        let released = paths.filter { heldBack.remove($0) != nil }
        followed.subtract(released)
        return released
    }

    /// Renders and stores `paths`, then whatever files they link to that are not yet exported,
    /// except those `keeps` takes: a repeat export leaves them as the last one wrote them.
    /// Answers are stored in order as they come, while the next ones render: waiting for a whole
    /// batch before storing it left a core idle for a third of the export.
    mutating func render(_ paths: [ExportPath], keeping keeps: (String) -> Bool = { _ in false }) async throws {
        // A file a page linked to earlier (a section's feed) is already done.
        var pending = paths.filter { !StaticLayout.namesFile($0.path) || !followed.contains($0.path) }
        for path in pending where StaticLayout.namesFile(path.path) { followed.insert(path.path) }
        let (renderer, folder) = (renderer, folder)
        try await withThrowingTaskGroup(of: (Int, Settled).self) { group in
            var started = 0
            var stored = 0
            // A long listing has thousands of pages: only a window of answers is held at once.
            var waiting: [Int: Settled] = [:]
            while stored < pending.count {
                while started < pending.count && started - stored < Self.window {
                    let (index, path) = (started, pending[started].path)
                    group.addTask { (index, try Self.settle(await renderer.get(path), at: path, in: folder)) }
                    started += 1
                }
                guard let (index, answer) = try await group.next() else { break }
                waiting[index] = answer
                while let answer = waiting.removeValue(forKey: stored) {
                    rendered += 1
                    for link in try store(pending[stored], answer) where followed.insert(link).inserted {
                        if !keeps(link) { pending.append(.optional(link)) }
                    }
                    stored += 1
                }
            }
        }
    }

    /// Stores the page the server answers `path` with when it redirects to `location`, without
    /// asking it: a story's short address (`/news/12`), whose target the walk already knows.
    mutating func redirect(_ path: String, to location: String) throws {
        try Self.putRedirect(path, to: location, in: folder, publication: publication)
        noteRedirect(path)
    }

    /// Puts the page of `redirect(_:to:)` in `folder`, from any task: a full export puts its
    /// stories' short addresses beside the pages (`noteRedirect` notes them in the run).
    static func putRedirect(
        _ path: String, to location: String, in folder: StaticSiteFolder, publication: Publication
    ) throws {
        guard let file = StaticLayout.file(for: path, isPage: true) else {
            throw StaticExportError.pageFailed(path, status: 301)
        }
        try folder.put(file, Data(StaticLayout.redirectPage(to: location, absolute: publication.url(location)).utf8))
    }

    /// Notes a redirect page that `putRedirect` puts: it shows nothing a later export follows.
    mutating func noteRedirect(_ path: String) {
        if let file = StaticLayout.file(for: path, isPage: true) { links.forget(file) }
        rendered += 1
    }

    /// An answer whose file the task that rendered it has put in the folder, with what its bytes
    /// showed: stored one at a time, in order, each file's digest and write held one core while
    /// the other waited.
    struct Settled: Sendable {
        var answer: SiteRenderer.Answer
        /// The file put, for an answer of 200 that has one.
        var file: String?
        /// The site's files the page links to (`fileLinks`).
        var linked: [String] = []
        /// The stories the text names (`ExportLinks.articleIDs`); nil for an image or a book.
        var articles: [Int64]?
    }

    /// Puts the file of an answer of 200 in `folder`, and reads what the links record needs of it.
    private static func settle(_ answer: SiteRenderer.Answer, at path: String, in folder: StaticSiteFolder) throws
        -> Settled
    {
        let isPage = answer.headers[.contentType]?.hasPrefix("text/html") ?? false
        guard answer.status.code == 200, let file = StaticLayout.file(for: path, isPage: isPage) else {
            return Settled(answer: answer)
        }
        let body = Data(answer.body.readableBytesView)
        try folder.put(file, body)
        return Settled(
            answer: answer, file: file, linked: isPage ? fileLinks(inPage: body) : [],
            articles: isText(answer.headers[.contentType]) ? ExportLinks.articleIDs(in: body) : nil)
    }

    /// Notes one answer, its file put already (`settle`); returns the file addresses it links to.
    private mutating func store(_ path: ExportPath, _ settled: Settled) throws -> [String] {
        let answer = settled.answer
        switch answer.status.code {
        case 200:
            guard let file = settled.file else { return try skip(path, 200) }
            var linked = settled.linked
            let isSitemapIndex = path.path == SiteURL.sitemapIndex.path
            if isSitemapIndex { linked = sitemapLinks(String(decoding: answer.body.readableBytesView, as: UTF8.self)) }
            if let articles = settled.articles {
                links.record(
                    file: file, path: path.path, articles: articles,
                    files: linked.compactMap { StaticLayout.file(for: $0, isPage: false) })
            }
            return isSitemapIndex && !followsSitemaps ? [] : linked
        case 301, 308:
            guard let location = answer.headers[.location], let file = StaticLayout.file(for: path.path, isPage: true)
            else { return try skip(path, Int(answer.status.code)) }
            try Self.putRedirect(path.path, to: location, in: folder, publication: publication)
            links.forget(file)
            return []
        default:
            return try skip(path, Int(answer.status.code))
        }
    }

    /// Pages, feeds, sitemaps and JSON, whose bytes may name stories; not images or books.
    private static func isText(_ contentType: String?) -> Bool {
        guard let type = contentType else { return false }
        return type.hasPrefix("text/") || type.contains("xml") || type.contains("json")
    }

    private mutating func skip(_ path: ExportPath, _ status: Int) throws -> [String] {
        if case .required = path { throw StaticExportError.pageFailed(path.path, status: status) }
        skipped.append("\(status) \(path.path)")
        return []
    }

    /// The site's own file addresses a page links to or loads: `href`, `src`, `srcset` and the
    /// replica's `data-info`, as long as the last segment names a file.
    static func fileLinks(inPage page: Data) -> [String] {
        var links: [String] = []
        // Most links are a page's, which never name a file: no String is made of them, and the
        // rest of the work is for the few.
        let namesFile = { (value: UnsafeRawBufferPointer) in
            value.contains(UInt8(ascii: "/")) && value.contains(UInt8(ascii: "."))
        }
        for (attribute, raw) in linkAttributes(in: page, where: namesFile) {
            let value = raw.utf8.contains(UInt8(ascii: "&")) ? raw.replacingOccurrences(of: "&amp;", with: "&") : raw
            let candidates =
                attribute == "srcset"
                ? value.components(separatedBy: ", ").compactMap { $0.split(separator: " ").first.map(String.init) }
                : [value]
            for link in candidates where link.hasPrefix("/") && !link.hasPrefix("//") {
                let bare = StaticLayout.bare(link)
                if StaticLayout.namesFile(bare) { links.append(String(bare)) }
            }
        }
        return links
    }

    private static let linkNames: [[UInt8]] = ["href", "src", "srcset", "data-info"].map { Array($0.utf8) }

    /// Every ` NAME="VALUE"` of those attributes whose value's bytes `keep` takes, in order, read
    /// on the page's bytes (a regular expression over a whole export's pages was a tenth of its
    /// time). Each `=` is found with `memchr`, and the page is not made a String first: both were
    /// a fiftieth of an export.
    static func linkAttributes(
        in page: Data, where keep: (UnsafeRawBufferPointer) -> Bool = { _ in true }
    ) -> [(name: String, value: String)] {
        var found: [(name: String, value: String)] = []
        page.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            var index = 1
            while index + 1 < bytes.count,
                let equals = memchr(base + index, Int32(UInt8(ascii: "=")), bytes.count - 1 - index)
            {
                index = base.distance(to: UnsafeRawPointer(equals))
                let valueStart = index + 2
                guard bytes[index + 1] == UInt8(ascii: "\""),
                    let name = linkNames.first(where: { name in
                        let start = index - name.count
                        return start >= 1 && isSpace(bytes[start - 1]) && bytes[start..<index].elementsEqual(name)
                    }),
                    let quote = memchr(base + valueStart, Int32(UInt8(ascii: "\"")), bytes.count - valueStart)
                else {
                    index += 1
                    continue
                }
                let valueEnd = base.distance(to: UnsafeRawPointer(quote))
                let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd])
                if keep(value) {
                    found.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
                }
                index = valueEnd + 1
            }
        }
        return found
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r") || byte == 0x0C
    }

    /// The monthly sitemaps the index names, as paths on this site.
    private func sitemapLinks(_ xml: String) -> [String] {
        let base = publication.url("/")
        return xml.matches(of: #/<loc>([^<]*)</loc>/#).compactMap { match in
            let url = String(match.output.1).replacingOccurrences(of: "&amp;", with: "&")
            return url.hasPrefix(base) ? "/" + url.dropFirst(base.count) : nil
        }
    }
}
