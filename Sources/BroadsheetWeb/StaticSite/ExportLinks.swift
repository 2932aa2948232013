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
/// weigh of it), `cardKey`, `sitemapKey` and its own related box (the ids it showed, in order,
/// comma-separated, `-` for none), so that a later export can tell a story whose change moves it
/// in or out of other stories' related boxes, which no link recorded here can find, the pages
/// that show only what of a story did not change, and a story's box without rendering its page:
/// kept as it is when no story's weighed fields changed, else compared with the box made now.
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

        /// The fields as a line holds them, checked when the links were read (`holdsThreeFields`).
        fileprivate init(fields: ArraySlice<UInt8>) { self.fields = fields }

        /// Whether a line's fields after its file are three, as `init(fields:)` needs. The tabs
        /// are found with `memchr`: a byte at a time, the links' tens of megabytes took a tenth
        /// of reading them.
        fileprivate static func holdsThreeFields(_ fields: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let start = fields.baseAddress else { return false }
            let end = start + fields.count
            var from = start
            for _ in 0..<2 {
                guard let tab = memchr(from, Int32(Byte.tab), end - from) else { return false }
                from = UnsafePointer(tab.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return memchr(from, Int32(Byte.tab), end - from) == nil
        }

        private var idsStart: Int { fields.firstIndex(of: Byte.tab)! + 1 }
        private var filesStart: Int { fields[idsStart...].firstIndex(of: Byte.tab)! + 1 }

        var path: String { String(decoding: fields[..<(idsStart - 1)], as: UTF8.self) }

        var articles: [Int64] {
            fields[idsStart..<(filesStart - 1)].split(separator: Byte.comma).compactMap(ExportRecordFile.storyID)
        }

        var files: [String] {
            fields[filesStart...].split(separator: Byte.unitSeparator).map { String(decoding: $0, as: UTF8.self) }
        }

        /// Whether the address links to any file; most link to none.
        var linksFiles: Bool { fields.last != Byte.tab }

        /// Whether it showed any of `articles`, read where the ids are written.
        func shows(anyOf articles: Set<Int64>) -> Bool {
            fields.withUnsafeBufferPointer { Self.shows($0, anyOf: StoryIDs(articles)) }
        }

        /// Whether the fields `bytes` showed any of `articles`. On the buffer: asked of every
        /// address of a large archive, the slice's indices were a tenth of planning.
        fileprivate static func shows(_ bytes: UnsafeBufferPointer<UInt8>, anyOf articles: StoryIDs) -> Bool {
            // The fields hold two tabs (`holdsThreeFields`): the ids are between them.
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

    /// Story ids to look for in the links, with a bit for each id's low 16 bits in front of the
    /// set: the scan for the pages that showed a changed story reads millions of ids, nearly all
    /// of other stories, and the set's hashing was most of it.
    fileprivate struct StoryIDs {
        private let ids: Set<Int64>
        private var bits = [UInt64](repeating: 0, count: 1 << 10)

        init(_ ids: Set<Int64>) {
            self.ids = ids
            for id in ids { bits[Int(id & 0xffff) >> 6] |= 1 << UInt64(id & 63) }
        }

        func contains(_ id: Int64) -> Bool {
            bits[Int(id & 0xffff) >> 6] & 1 << UInt64(id & 63) != 0 && ids.contains(id)
        }
    }

    /// The addresses' entries as read, where their lines lie: a few hundred of a large archive's
    /// hundreds of thousands are asked for.
    private var read = ExportRecordTable(bytes: [], capacity: 0)!
    /// Each published story's keys as read, by its id's digits: the line's fields after the id,
    /// `weighedKey`, `cardKey`, `sitemapKey` and the related box, spaced.
    private var readKeys = ExportRecordTable(bytes: [], capacity: 0)!
    /// The entries recorded since, by file: a file in `recorded` and not here shows nothing.
    private var newer: [String: Entry] = [:]
    /// The keys noted since, by story; they stand before those read.
    private var notedKeys: [Int64: Keys] = [:]

    /// What is noted of a story: each nil until noted.
    private struct Keys {
        var weighed: String?
        var card: String?
        var sitemap: String?
        /// The related box's ids, in its order, written as the line's fifth field.
        var related: String?
    }

    /// The lines of the files as read: nil for links made afresh, which are written whole.
    private var stored: (entries: Int, stories: Int)?
    /// The files recorded since they were read.
    private var recorded: Set<String> = []
    /// The entries as read of the files recorded since that linked to files: what those pages
    /// linked to before they were rendered again (`filesNoLongerLinked`).
    private var linkedBefore: [String: Entry] = [:]
    /// Whether every story's keys were noted afresh: those read are passed over, and the file is
    /// written whole.
    private var notedAll = false
    /// Stories no longer published since the keys were read: their lines go, and the file is
    /// written whole.
    private var forgotten: Set<Int64> = []

    init() {}

    /// The links saved in `root`; none (an empty graph) when there is no file or it is unreadable,
    /// which the caller takes as a reason for a full export. Read on bytes and kept as read
    /// (`ExportRecordTable`): the file holds a line for every exported address.
    static func load(from root: URL) -> ExportLinks? {
        // The stories' keys and the links, each read on a core of its own.
        let read = [storiesName, name].enumerated().map { $0 }.concurrentMap { index, file in
            guard let bytes = ExportRecordFile.read(root.appendingPathComponent(file).path) else {
                return (0, nil as ExportRecordTable?)
            }
            let lines = ExportRecordFile.lines(of: bytes)
            return (lines.count, index == 0 ? storyKeys(bytes, lines) : entries(bytes, lines))
        }
        guard let keys = read[0].1, let entries = read[1].1 else { return nil }
        var links = ExportLinks()
        (links.read, links.readKeys) = (entries, keys)
        // A line a stop cut short: the next save writes the files whole.
        if ExportRecordFile.endsWhole(entries.bytes) && ExportRecordFile.endsWhole(keys.bytes) {
            links.stored = (read[1].0, read[0].0)
        }
        return links
    }

    /// Each story's keys by its id, from its line: nil when a line is not one of ours.
    private static func storyKeys(_ bytes: [UInt8], _ lines: [ArraySlice<UInt8>]) -> ExportRecordTable? {
        guard var table = ExportRecordTable(bytes: bytes, capacity: lines.count) else { return nil }
        var batches = ExportRecordTable.Batches()
        for line in lines {
            // An id, then four fields, or three (an export made before related boxes were kept,
            // whose boxes are made again), or two (before sitemap keys were kept, whose sitemaps are
            // rendered again for any story changed); fields indexed as the file is.
            guard let idEnd = idEnd(ofKeys: line), ExportRecordFile.storyID(line[..<idEnd]) != nil else { return nil }
            batches.add(name: line.startIndex..<idEnd, value: (idEnd + 1)..<line.endIndex, to: &table)
        }
        batches.finish(&table)
        return table
    }

    /// Where the id of a story's line ends (its first space), when the line holds three to five
    /// fields, none empty; else nil. Found without an array of the fields: split made one for
    /// each of a large archive's lines, a third of reading the stories' keys.
    private static func idEnd(ofKeys line: ArraySlice<UInt8>) -> Int? {
        // The spaces found with `memchr`: a byte at a time through the slice, this was a sixth of
        // reading the links and keys.
        line.withUnsafeBufferPointer { bytes -> Int? in
            guard let start = bytes.baseAddress, bytes.last != Byte.space else { return nil }
            let end = start + bytes.count
            var first: Int?
            var spaces = 0
            var from = start
            while from < end, let found = memchr(from, Int32(Byte.space), end - from) {
                let space = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self))
                // A field is empty where a space starts the line or follows another.
                guard space > start, space[-1] != Byte.space else { return nil }
                if first == nil { first = line.startIndex + (space - start) }
                spaces += 1
                from = space + 1
            }
            guard (2...4).contains(spaces) else { return nil }
            return first
        }
    }

    /// The key of story `id` at `position` (0 weighed, 1 card, 2 sitemap, 3 related box): noted,
    /// else as read.
    private func key(of id: Int64, _ position: Int, noted: KeyPath<Keys, String?>) -> String? {
        if let key = notedKeys[id]?[keyPath: noted] { return key }
        guard !notedAll, !forgotten.contains(id), let line = readKeys.value(of: String(id)) else { return nil }
        let fields = readKeys.bytes[line].split(separator: Byte.space, omittingEmptySubsequences: false)
        return position < fields.count ? String(decoding: fields[position], as: UTF8.self) : nil
    }

    /// How many stories the last export published, as read (a story's later lines counted once).
    var storiesRead: Int { readKeys.count }

    /// A published story's `weighedKey` as the last export saw it; nil for one it did not publish.
    func weighedKey(of id: Int64) -> String? { key(of: id, 0, noted: \.weighed) }
    /// A published story's `cardKey` as the last export saw it.
    func cardKey(of id: Int64) -> String? { key(of: id, 1, noted: \.card) }
    /// A published story's `sitemapKey` as the last export saw it.
    func sitemapKey(of id: Int64) -> String? { key(of: id, 2, noted: \.sitemap) }
    /// The ids a published story's related box showed in the last export, in order; nil when it
    /// was not kept (an export made before boxes were, or a line this does not read).
    func relatedBox(of id: Int64) -> [Int64]? {
        guard let field = key(of: id, 3, noted: \.related) else { return nil }
        if field == "-" { return [] }
        let ids = field.utf8.split(separator: Byte.comma).compactMap { ExportRecordFile.storyID(ArraySlice($0)) }
        return ids.count == field.utf8.count { $0 == Byte.comma } + 1 ? ids : nil
    }

    /// Forgets every story's keys: the whole archive is walked again (`note`).
    mutating func forgetStories() {
        notedKeys = [:]
        notedAll = true
    }

    /// Forgets a story no longer published: the next export sees it come if it is published again.
    mutating func forgetStory(_ id: Int64) {
        notedKeys[id] = nil
        forgotten.insert(id)
    }

    /// Notes a published story's keys, those given, and the ids its related box shows.
    mutating func note(
        _ id: Int64, weighed: String? = nil, card: String? = nil, sitemap: String? = nil, related: [Int64]? = nil
    ) {
        forgotten.remove(id)
        var keys = notedKeys[id] ?? Keys()
        if let weighed { keys.weighed = weighed }
        if let card { keys.card = card }
        if let sitemap { keys.sitemap = sitemap }
        if let related { keys.related = related.isEmpty ? "-" : related.map(String.init).joined(separator: ",") }
        notedKeys[id] = keys
    }

    /// The entries of the links' lines, later lines overriding earlier ones: nil when a line is
    /// not one of ours.
    private static func entries(_ bytes: [UInt8], _ lines: [ArraySlice<UInt8>]) -> ExportRecordTable? {
        guard var table = ExportRecordTable(bytes: bytes, capacity: lines.count) else { return nil }
        var batches = ExportRecordTable.Batches()
        let fine = bytes.withUnsafeBufferPointer { buffer in
            for line in lines {
                // A line holding only a file says its address is gone.
                guard let tab = line.firstIndex(of: Byte.tab) else {
                    batches.add(name: line.startIndex..<line.endIndex, value: nil, to: &table)
                    continue
                }
                let fields = (tab + 1)..<line.endIndex
                guard tab > line.startIndex, Entry.holdsThreeFields(UnsafeBufferPointer(rebasing: buffer[fields]))
                else {
                    return false
                }
                batches.add(name: line.startIndex..<tab, value: fields, to: &table)
            }
            return true
        }
        batches.finish(&table)
        return fine ? table : nil
    }

    /// What the file `file` showed: recorded by this export, else as read.
    func entry(_ file: String) -> Entry? {
        if recorded.contains(file) { return newer[file] }
        return read.value(of: file).map { Entry(fields: read.bytes[$0]) }
    }

    /// How many addresses have an entry.
    var entryCount: Int {
        guard read.count > 0 else { return newer.count }
        return read.count - recorded.count { read.value(of: $0) != nil } + newer.count
    }

    /// Every address's entry, by file: for writing the file whole, which a repeat export seldom does.
    func allEntries() -> [String: Entry] {
        var entries = newer
        read.forEach { name, fields in
            let file = String(decoding: name, as: UTF8.self)
            if !recorded.contains(file) { entries[file] = Entry(fields: read.bytes[fields]) }
            return true
        }
        return entries
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

    /// Notes what the file `file` (the address `path`) shows, the stories its bytes name
    /// (`articleIDs`) and the files (relative to the folder) it links to, replacing what it
    /// showed before.
    mutating func record(file: String, path: String, articles: [Int64], files: [String]) {
        let showsNothing = articles.isEmpty && files.isEmpty
        replace(file, with: showsNothing ? nil : Entry(path: path, articles: articles, files: files))
    }

    /// Notes that the file `file` shows nothing a later export follows: a redirect, which names only
    /// the story it sends to, whose own addresses an export finds by its id. Nearly half of a large
    /// archive's addresses are its stories' short addresses, each a line read by every repeat export.
    mutating func forget(_ file: String) { replace(file, with: nil) }

    private mutating func replace(_ file: String, with entry: Entry?) {
        if !recorded.contains(file) {
            if let before = self.entry(file), before.linksFiles { linkedBefore[file] = before }
            recorded.insert(file)
        }
        newer[file] = entry
    }

    /// The addresses whose files showed any of `articles`, by file. Each line read is asked in
    /// place, on every core (on one, the scan held up a repeat export's plan), and only those
    /// that showed one are made into text.
    func showing(_ articles: Set<Int64>) -> [String: Entry] {
        let ids = StoryIDs(articles)
        var found: [String: Entry] = [:]
        let shown = read.compactMapConcurrently { name, fields, place in
            Entry.shows(fields, anyOf: ids) ? (String(decoding: name, as: UTF8.self), place) : nil
        }
        for (file, fields) in shown where !recorded.contains(file) { found[file] = Entry(fields: read.bytes[fields]) }
        for (file, entry) in newer where entry.fields.withUnsafeBufferPointer({ Entry.shows($0, anyOf: ids) }) {
            found[file] = entry
        }
        return found
    }

    /// The files the last export's pages linked to that no page kept links to now: those a page
    /// rendered again links to no more, or a `dropped` page (one this export removes) linked to,
    /// unless a kept page links to them. Every page's links are read only when there are such
    /// files: reading them all, before and after, was a sixth of a repeat export that changed none.
    func filesNoLongerLinked(dropped: Set<String>) -> Set<String> {
        var unlinked: Set<String> = []
        for (file, before) in linkedBefore {
            let now = Set(entry(file)?.files ?? [])
            unlinked.formUnion(before.files.filter { !now.contains($0) })
        }
        // The few dropped pages are looked up, rather than every page asked whether it is one.
        for file in dropped {
            if let entry = entry(file), entry.linksFiles { unlinked.formUnion(entry.files) }
        }
        guard !unlinked.isEmpty else { return [] }
        for (file, entry) in newer where entry.linksFiles && !dropped.contains(file) {
            unlinked.subtract(entry.files)
        }
        read.forEach { name, fields in
            guard !unlinked.isEmpty else { return false }
            let entry = Entry(fields: read.bytes[fields])
            guard entry.linksFiles else { return true }
            let file = String(decoding: name, as: UTF8.self)
            if !recorded.contains(file) && !dropped.contains(file) { unlinked.subtract(entry.files) }
            return true
        }
        return unlinked
    }

    /// Saves the links of the files the folder holds now (`holds`): appends what was recorded
    /// since they were read, with the files `removed` gone, or writes them whole.
    func save(in root: URL, holding holds: (String) -> Bool, removed: [String]) throws(StaticExportError) {
        let changed = recorded.union(removed).sorted()
        do {
            let links = root.appendingPathComponent(Self.name).path
            if let stored, ExportRecordFile.mayAppend(changed.count, to: stored.entries, live: entryCount) {
                var text: [UInt8] = []
                for file in changed {
                    if let entry = entry(file), holds(file) {
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
                for (file, entry) in allEntries().sorted(by: { $0.key < $1.key }) where holds(file) {
                    Self.append(file, entry, to: &text)
                }
                try Self.replace(text, at: links)
            }
            let keys = root.appendingPathComponent(Self.storiesName).path
            var ids = Set(notedKeys.keys)
            if let stored, !notedAll, forgotten.isEmpty,
                ExportRecordFile.mayAppend(ids.count, to: stored.stories, live: readKeys.count)
            {
                try ExportRecordFile.append(storyLines(ids.sorted()), to: keys)
            } else {
                if !notedAll { ids.formUnion(readKeys.names { _ in true }.compactMap { Int64($0) }) }
                try Self.replace(storyLines(ids.sorted()), at: keys)
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
            guard let weighed = weighedKey(of: id) else { continue }
            text += "\(id) \(weighed) \(cardKey(of: id) ?? "-") \(sitemapKey(of: id) ?? "-")".utf8
            // A box not known is left out, and made again by the next export that needs it.
            if let box = key(of: id, 3, noted: \.related) { text += " \(box)".utf8 }
            text.append(Byte.newline)
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
