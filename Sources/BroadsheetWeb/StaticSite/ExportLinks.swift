import Broadsheet
import Crypto
import Foundation

/// Which stories and files each exported address showed, kept beside the manifest: what lets a
/// later export find, for a changed story, every page that printed its headline (its edition,
/// the listing pages it was on, other stories' "related" boxes, feeds, sitemaps), and the files
/// no page links to any more. A line an address: `file`, tab, `path`, tab, story ids, tab, file
/// links (ids comma-separated, files by the unit separator U+001F, which no address holds); a line
/// holding only a file says its address is gone. A repeat export appends the lines of what it
/// rendered (`ExportRecordFile`).
///
/// Beside it, a line a published story: its id, `weighedKey` (what other stories' related boxes
/// weigh of it), `cardKey` and `sitemapKey`, so that a later export can tell a story whose change
/// moves it in or out of other stories' related boxes, which no link recorded here can find, and
/// the pages that show only what of a story did not change.
struct ExportLinks {
    static let name = ".broadsheet-export.links"
    static let storiesName = ".broadsheet-export.stories"

    /// What one exported address showed: its line's fields after the file (the address, the story
    /// ids, the linked files), kept as read and taken apart when asked. A repeat export asks a few
    /// of a large archive's hundreds of thousands, and copying out every field of every line was
    /// most of reading them.
    struct Entry: Equatable {
        /// The fields as the line writes them.
        fileprivate let fields: ArraySlice<UInt8>

        init(path: String, articles: [Int64], files: [String]) {
            var bytes = Array(path.utf8)
            bytes.append(Byte.tab)
            for (index, article) in articles.enumerated() {
                if index > 0 { bytes.append(Byte.comma) }
                bytes += String(article).utf8
            }
            bytes.append(Byte.tab)
            for (index, file) in files.enumerated() {
                if index > 0 { bytes.append(Byte.unitSeparator) }
                bytes += file.utf8
            }
            fields = bytes[...]
        }

        /// The fields as a line holds them; nil unless there are three.
        fileprivate init?(line fields: ArraySlice<UInt8>) {
            let tabs = fields.withUnsafeBufferPointer { bytes in
                var tabs = 0
                for byte in bytes where byte == Byte.tab { tabs += 1 }
                return tabs
            }
            guard tabs == 2 else { return nil }
            self.fields = fields
        }

        private var idsStart: Int { fields.firstIndex(of: Byte.tab)! + 1 }
        private var filesStart: Int { fields[idsStart...].firstIndex(of: Byte.tab)! + 1 }

        var path: String { String(decoding: fields[..<(idsStart - 1)], as: UTF8.self) }

        var articles: [Int64] {
            fields[idsStart..<(filesStart - 1)].split(separator: Byte.comma).compactMap(ExportLinks.integer)
        }

        var files: [String] {
            fields[filesStart...].split(separator: Byte.unitSeparator).map { String(decoding: $0, as: UTF8.self) }
        }

        /// Whether the address links to any file; most link to none.
        var linksFiles: Bool { fields.last != Byte.tab }

        /// Whether it showed any of `articles`, read where the ids are written. On the buffer:
        /// asked of every address of a large archive, the slice's indices were a tenth of planning.
        func shows(anyOf articles: Set<Int64>) -> Bool {
            fields.withUnsafeBufferPointer { bytes in
                // The fields hold two tabs (`init(line:)`): the ids are between them.
                var index = 0
                while bytes[index] != Byte.tab { index += 1 }
                index += 1
                var id: Int64 = 0
                var digits = 0
                while bytes[index] != Byte.tab {
                    let byte = bytes[index]
                    if byte == Byte.comma {
                        if digits > 0 && articles.contains(id) { return true }
                        id = 0
                        digits = 0
                    } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 {
                        id = id * 10 + Int64(byte - UInt8(ascii: "0"))
                        digits += 1
                    }
                    index += 1
                }
                return digits > 0 && articles.contains(id)
            }
        }
    }

    private(set) var entries: [String: Entry] = [:]
    /// Each published story's `weighedKey`, by id.
    private(set) var stories: [Int64: String] = [:]
    /// Each published story's `cardKey`, by id.
    private(set) var cards: [Int64: String] = [:]
    /// Each published story's `sitemapKey`, by id.
    private(set) var sitemapKeys: [Int64: String] = [:]

    /// The lines of the files as read: nil for links made afresh, which are written whole.
    private var stored: (entries: Int, stories: Int)?
    /// The files recorded since, and the stories whose keys were noted since.
    private var recorded: Set<String> = []
    /// The entries as read of the files recorded since that linked to files: what those pages
    /// linked to before they were rendered again (`filesNoLongerLinked`).
    private var linkedBefore: [String: Entry] = [:]
    private var noted: Set<Int64> = []
    /// Whether every story's keys were noted afresh, so their file is written whole.
    private var notedAll = false

    init() {}

    /// The links saved in `root`; none (an empty graph) when there is no file or it is unreadable,
    /// which the caller takes as a reason for a full export. Read on bytes: the file holds a line
    /// for every exported address, and splitting it as a `String` was a third of a repeat export
    /// that found nothing to do.
    static func load(from root: URL) -> ExportLinks? {
        func contents(_ file: String) -> Data? {
            FileManager.default.contents(atPath: root.appendingPathComponent(file).path)
        }
        guard let data = contents(name), let storyData = contents(storiesName) else { return nil }
        // The stories' keys and each half of the links read on a core of their own, the keys
        // first: begun after the halves, they held one core for a fifth of a repeat export that
        // changed nothing. The later half's lines override the earlier half's, and the first
        // half's table, sized for both, takes the second's lines in place.
        let pieces = [[UInt8](storyData)] + ExportRecordFile.halves(of: data)
        let read = Array(pieces.enumerated()).concurrentMap { index, bytes -> Piece in
            let lines = ExportRecordFile.lines(of: bytes)
            switch index {
            case 0: return .stories(lines: lines.count, keys: storyKeys(lines))
            case 1: return .links(lines: lines.count, read: entries(lines, capacity: lines.count * 2))
            default: return .links(lines: lines.count, read: entries(lines, capacity: lines.count))
            }
        }
        guard case .stories(let storyLines, let keys?) = read[0], case .links(let firstLines, let first?) = read[1],
            case .links(let secondLines, let second?) = read[2]
        else { return nil }
        var links = ExportLinks()
        links.entries = first.entries
        for file in second.gone { links.entries.removeValue(forKey: file) }
        for (file, entry) in second.entries { links.entries[file] = entry }
        (links.stories, links.cards, links.sitemapKeys) = keys
        // A line a stop cut short: the next save writes the files whole.
        if ExportRecordFile.endsWhole(data) && ExportRecordFile.endsWhole(storyData) {
            links.stored = (firstLines + secondLines, storyLines)
        }
        return links
    }

    /// What `load` reads side by side: a half of the links' lines, or the stories' keys.
    private enum Piece: Sendable {
        case links(lines: Int, read: (entries: [String: Entry], gone: Set<String>)?)
        case stories(lines: Int, keys: StoryKeys?)
    }

    /// Each published story's keys, by id, as `stories`, `cards` and `sitemapKeys` hold them.
    private typealias StoryKeys = (weighed: [Int64: String], cards: [Int64: String], sitemaps: [Int64: String])

    /// Each story's keys, from its line: nil when a line is not one of ours.
    private static func storyKeys(_ lines: [ArraySlice<UInt8>]) -> StoryKeys? {
        var (weighed, cards, sitemaps): StoryKeys = ([:], [:], [:])
        weighed.reserveCapacity(lines.count)
        cards.reserveCapacity(lines.count)
        sitemaps.reserveCapacity(lines.count)
        for line in lines {
            // Fields found in place, not split into an array for each of a large archive's stories.
            var rest = line
            func field() -> ArraySlice<UInt8>? {
                guard !rest.isEmpty else { return nil }
                let end = rest.firstIndex(of: Byte.space) ?? rest.endIndex
                defer { rest = end < rest.endIndex ? rest[(end + 1)...] : [] }
                return rest[..<end]
            }
            // An export made before sitemap keys were kept wrote three fields: its sitemaps are
            // rendered again for any story changed.
            guard let digits = field(), let id = integer(digits), let key = field(), let card = field() else {
                return nil
            }
            let sitemap = field()
            guard rest.isEmpty else { return nil }
            weighed[id] = String(decoding: key, as: UTF8.self)
            cards[id] = String(decoding: card, as: UTF8.self)
            if let sitemap { sitemaps[id] = String(decoding: sitemap, as: UTF8.self) }
        }
        return (weighed, cards, sitemaps)
    }

    /// Forgets every story's keys: the whole archive is walked again (`note`).
    mutating func forgetStories() {
        stories = [:]
        cards = [:]
        sitemapKeys = [:]
        notedAll = true
    }

    /// Notes a published story's keys, those given.
    mutating func note(_ id: Int64, weighed: String? = nil, card: String? = nil, sitemap: String? = nil) {
        if let weighed { stories[id] = weighed }
        if let card { cards[id] = card }
        if let sitemap { sitemapKeys[id] = sitemap }
        noted.insert(id)
    }

    /// The entries of some lines of the links, in order, and the files whose last line there says
    /// they are gone (an earlier half may hold them); nil when a line is not one of ours.
    private static func entries(_ lines: [ArraySlice<UInt8>], capacity: Int)
        -> (entries: [String: Entry], gone: Set<String>)?
    {
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(capacity)
        var gone: Set<String> = []
        for line in lines {
            guard let tab = line.firstIndex(of: Byte.tab) else {
                let file = String(decoding: line, as: UTF8.self)
                entries.removeValue(forKey: file)
                gone.insert(file)
                continue
            }
            guard let entry = Entry(line: line[(tab + 1)...]) else { return nil }
            entries[String(decoding: line[..<tab], as: UTF8.self)] = entry
        }
        return (entries, gone)
    }

    /// A story id written in decimal; nil for anything else.
    fileprivate static func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private enum Byte {
        static let newline = UInt8(ascii: "\n")
        static let tab = UInt8(ascii: "\t")
        static let comma = UInt8(ascii: ",")
        static let space = UInt8(ascii: " ")
        static let unitSeparator: UInt8 = 0x1F
    }

    /// What other stories' related boxes weigh of a story (`RelatedArticles`: its status, headline,
    /// dateline, section, topics and time), and where the listings put it, hashed: when it is
    /// unchanged, a change to the story shows only on the pages that linked to it.
    static func weighedKey(of article: Article) -> String {
        let content = article.content
        let fields = [
            article.status.rawValue, content.headline, content.dateline?.place ?? "", content.section.slug.rawValue,
            content.topics.map(\.slug.rawValue).joined(separator: ","),
            String(content.published.instant.timeIntervalSince1970), content.edition.date.iso,
        ]
        return hash(fields)
    }

    /// Everything a story's card shows on other pages (listings, editions, related boxes): its
    /// summary's fields, hashed. When only the rest changed (its body), those pages stay as they are.
    static func cardKey(of summary: ArticleSummary) -> String {
        let edition = summary.edition
        func time(_ stamp: Timestamp?) -> String {
            stamp.map { "\($0.instant.timeIntervalSince1970) \($0.precision)" } ?? ""
        }
        return hash([
            String(summary.id), summary.slug.rawValue, summary.headline, summary.summary ?? "\u{0}",
            summary.byline ?? "\u{0}", summary.dateline ?? "\u{0}", summary.section.name, summary.section.slug.rawValue,
            summary.language, time(summary.published), time(summary.updated), edition.publication, edition.date.iso,
            edition.region ?? "", edition.supplement ?? "", edition.page.map { "\($0.number) \($0.name ?? "")" } ?? "",
        ])
    }

    /// What a monthly sitemap shows of a story: its address and when it last changed. When only the
    /// rest changed, the sitemap that lists it stays as it is.
    static func sitemapKey(of article: Article) -> String {
        hash([String(article.id), article.slug.rawValue, String(article.lastModified.timeIntervalSince1970)])
    }

    private static func hash(_ fields: [String]) -> String {
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return digest.prefix(12).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }

    /// Notes what the file `file` (the address `path`) shows and the files (relative to the
    /// folder) it links to, replacing what it showed before.
    mutating func record(file: String, path: String, body: Data, files: [String]) {
        let articles = Self.articleIDs(in: body)
        let showsNothing = articles.isEmpty && files.isEmpty
        replace(file, with: showsNothing ? nil : Entry(path: path, articles: articles, files: files))
    }

    /// Notes that the file `file` shows nothing a later export follows: a redirect, which names only
    /// the story it sends to, whose own addresses an export finds by its id. Nearly half of a large
    /// archive's addresses are its stories' short addresses, each a line read by every repeat export.
    mutating func forget(_ file: String) { replace(file, with: nil) }

    private mutating func replace(_ file: String, with entry: Entry?) {
        if recorded.insert(file).inserted, let before = entries[file], before.linksFiles { linkedBefore[file] = before }
        entries[file] = entry
    }

    /// The addresses whose files showed any of `articles`, by file.
    func showing(_ articles: Set<Int64>) -> [String: Entry] {
        entries.filter { $0.value.shows(anyOf: articles) }
    }

    /// The files the last export's pages linked to that no page kept links to now: those a page
    /// rendered again links to no more, or a `dropped` page (one this export removes) linked to,
    /// unless a kept page links to them. Every page's links are read only when there are such
    /// files: reading them all, before and after, was a sixth of a repeat export that changed none.
    func filesNoLongerLinked(dropped: Set<String>) -> Set<String> {
        var unlinked: Set<String> = []
        for (file, before) in linkedBefore {
            let now = Set(entries[file]?.files ?? [])
            unlinked.formUnion(before.files.filter { !now.contains($0) })
        }
        // The few dropped pages are looked up, rather than every page asked whether it is one.
        for file in dropped {
            if let entry = entries[file], entry.linksFiles { unlinked.formUnion(entry.files) }
        }
        guard !unlinked.isEmpty else { return [] }
        for (file, entry) in entries where entry.linksFiles && !dropped.contains(file) {
            unlinked.subtract(entry.files)
            if unlinked.isEmpty { break }
        }
        return unlinked
    }

    /// Saves the links of the files the folder holds now (`holds`): appends what was recorded
    /// since they were read, with the files `removed` gone, or writes them whole.
    func save(in root: URL, holding holds: (String) -> Bool, removed: [String]) throws(StaticExportError) {
        let changed = recorded.union(removed).sorted()
        do {
            let links = root.appendingPathComponent(Self.name).path
            if let stored, ExportRecordFile.mayAppend(changed.count, to: stored.entries, live: entries.count) {
                var text: [UInt8] = []
                for file in changed {
                    if let entry = entries[file], holds(file) {
                        Self.append(file, entry, to: &text)
                    } else {
                        text += file.utf8
                        text.append(Byte.newline)
                    }
                }
                try ExportRecordFile.append(text, to: links)
            } else {
                // Built as bytes, as `load` reads them.
                var text: [UInt8] = []
                for (file, entry) in entries.sorted(by: { $0.key < $1.key }) where holds(file) {
                    Self.append(file, entry, to: &text)
                }
                try Self.replace(text, at: links)
            }
            let keys = root.appendingPathComponent(Self.storiesName).path
            if let stored, !notedAll, ExportRecordFile.mayAppend(noted.count, to: stored.stories, live: stories.count) {
                try ExportRecordFile.append(storyLines(noted.sorted()), to: keys)
            } else {
                try Self.replace(storyLines(stories.keys.sorted()), at: keys)
            }
        } catch {
            throw .cannotWrite(Self.name, "\(error)")
        }
    }

    private static func append(_ file: String, _ entry: Entry, to text: inout [UInt8]) {
        text += file.utf8
        text.append(Byte.tab)
        text += entry.fields
        text.append(Byte.newline)
    }

    private func storyLines(_ ids: [Int64]) -> [UInt8] {
        var text: [UInt8] = []
        for id in ids {
            guard let key = stories[id] else { continue }
            text += "\(id) \(key) \(cards[id] ?? "-") \(sitemapKeys[id] ?? "-")\n".utf8
        }
        return text
    }

    /// Written under a temporary name and renamed into place: a stop leaves the old file whole.
    private static func replace(_ bytes: [UInt8], at path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The ids of the stories a page or feed links to: every `/news/{id}` in its bytes, relative
    /// or absolute, sorted and once each.
    static func articleIDs(in body: Data) -> [Int64] {
        let marker = Array("/news/".utf8)
        var ids = Set<Int64>()
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var index = 0
            // Each slash found with `memchr`: read a byte at a time, the pages were a hundredth of an export.
            while index + marker.count < count,
                let slash = memchr(base + index, Int32(marker[0]), count - marker.count - index)
            {
                index = base.distance(to: UnsafeRawPointer(slash))
                guard bytes[index..<(index + marker.count)].elementsEqual(marker) else {
                    index += 1
                    continue
                }
                index += marker.count
                var id: Int64 = 0
                var digits = 0
                while index < count, digits < 18, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    id = id * 10 + Int64(bytes[index] - 0x30)
                    digits += 1
                    index += 1
                }
                if digits > 0 { ids.insert(id) }
            }
        }
        return ids.sorted()
    }
}
