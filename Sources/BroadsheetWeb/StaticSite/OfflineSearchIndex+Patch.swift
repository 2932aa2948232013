import Broadsheet
import Foundation

extension OfflineSearchIndex {
    /// A story as the index holds it: its distinct words, as first written, and its card.
    struct Entry {
        var words: [String]
        var card: Card
    }

    static func entry(_ article: Article, url: String, date: String) -> Entry {
        let content = article.content
        return Entry(
            words: SearchVocabulary.wordsInOrder(in: content.headline, content.summary ?? "", content.bodyText),
            card: Card(url: url, headline: content.headline, date: date, section: content.section.name))
    }

    /// Where the stories' words are kept for the next export's patch: hidden, beside the
    /// manifest, a file per `wordsGroup` stories by id, a line a story (`id`, tab, its words
    /// separated by spaces).
    static let wordsFolder = ".broadsheet-export-story-words"
    /// The record's folder before its files were made smaller, removed by the next full build.
    static let legacyWordsFolder = ".broadsheet-export-words"
    /// Stories per file of the words record: a patch reads and rewrites the files of the stories
    /// it changes, and files of a card bucket's 500 were most of a repeat export's search work.
    static let wordsGroup: Int64 = 50

    /// Writes the record of `words`, a file per group of ids they fall in.
    static func saveWords(_ words: [Int64: Substring], in folder: StaticSiteFolder) throws(StaticExportError) {
        guard !folder.checking else { return }
        var groups: [Int64: [(Int64, Substring)]] = [:]
        for (id, text) in words { groups[id / wordsGroup, default: []].append((id, text)) }
        for (group, lines) in groups {
            try saveWords(lines, group: group, in: folder)
        }
    }

    private static func saveWords(_ lines: [(Int64, Substring)], group: Int64, in folder: StaticSiteFolder)
        throws(StaticExportError)
    {
        try folder.writeRecord(wordsRecord(lines), naming: "\(wordsFolder)/\(group).txt")
    }

    /// A group's file of the words record: its stories' lines in the order of their ids.
    static func wordsRecord(_ lines: [(Int64, Substring)]) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.1.utf8.count + 22 })
        for (id, words) in lines.sorted(by: { $0.0 < $1.0 }) {
            bytes += String(id).utf8
            bytes.append(UInt8(ascii: "\t"))
            // Copied from its buffer: appended as a `Substring.UTF8View`, a byte at a time, the
            // words were a fortieth of a repeat export.
            var words = words
            words.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\n"))
        }
        return Data(bytes)
    }

    /// The words of each story in a group as the last export indexed them; nil when not kept,
    /// or when the file does not end with a whole line.
    static func loadWords(group: Int64, in root: URL) -> [Int64: Substring]? {
        guard
            let bytes = ExportRecordFile.read(root.appendingPathComponent("\(wordsFolder)/\(group).txt").path),
            ExportRecordFile.endsWhole(bytes)
        else { return nil }
        var words: [Int64: Substring] = [:]
        // Lines found with `memchr`, ids read off their digits: split by the standard library,
        // the groups a repeat export loads were a fiftieth of its CPU.
        for line in ExportRecordFile.lines(of: bytes) {
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")), let id = ExportRecordFile.storyID(line[..<tab])
            else { return nil }
            words[id] = Substring(String(decoding: line[(tab + 1)...], as: UTF8.self))
        }
        return words
    }

    /// The cards of a bucket as the last export wrote them; nil when not there.
    private static func readCards(bucket: Int64, in root: URL) -> [String: Card]? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("docs/\(bucket).json").path)
        else { return nil }
        return try? JSONDecoder().decode([String: Card].self, from: data)
    }

    /// A patch of the index, worked out from the files the last export left and put in the folder
    /// later (`apply`): a repeat export works it out while its pages render.
    struct Patch: Sendable {
        /// Shards and card buckets, relative to the folder, with their bytes now.
        fileprivate var files: [(file: String, bytes: Data)] = []
        /// The card buckets and the volumes' shards left empty, to remove.
        fileprivate var emptied: [String] = []
        /// The changed groups' files of the words record, as they are now, made beside the pages
        /// (`wordsRecord`): after them, on one core, they were the last fiftieth of a repeat export.
        fileprivate var wordsFiles: [(group: Int64, bytes: Data)] = []
    }

    /// Brings the index the last export left in the folder `site` up to date for the stories in
    /// `changed` (nil: no longer published) without reading the archive: each story's words as last
    /// indexed are compared with its words now, and only the shards of the words it gained or lost
    /// are read and rewritten, in the volumes the story is in, with the card buckets it is in, so
    /// the result is what a full build would write. The card buckets of stories in `cardsKept`
    /// (whose cards are as the last export wrote them) are left as they are. The groups of the
    /// words record and the card buckets in `unheld` held no story last time: a missing file there
    /// is an empty one. Nil when there is no index of the shape `articles` stories in volumes of
    /// `volume` have, or no record of its words, to patch.
    static func patch(
        in site: URL, articles: Int, volume: Int64 = storiesPerVolume, changed: [Int64: Entry?],
        cardsKept: Set<Int64> = [], unheld: (groups: Set<Int64>, buckets: Set<Int64>) = ([], [])
    ) throws(StaticExportError) -> Patch? {
        let root = site.appendingPathComponent(Self.folder)
        guard let metaData = FileManager.default.contents(atPath: root.appendingPathComponent("meta.json").path),
            let meta = try? JSONDecoder().decode(Meta.self, from: metaData),
            meta.shards == shardCount(articles: articles), meta.bucket == bucketSize, meta.volume == volume
        else { return nil }
        var patch = Patch()
        // Files are read, parsed and written out side by side (`concurrentMap`): one at a time,
        // the patch kept one core idle for most of a second at 100,000 stories.
        let numbers = Set(changed.keys.map { $0 / wordsGroup }).sorted()
        // The groups of the words record the changed stories are in, as they are now once patched.
        var groups: [Int64: [Int64: Substring]] = [:]
        for (group, words) in zip(numbers, numbers.concurrentMap { loadWords(group: $0, in: site) }) {
            guard let words = words ?? (unheld.groups.contains(group) ? [:] : nil) else { return nil }
            groups[group] = words
        }
        // Per volume's shard, the postings to take out and to put in; and the volumes' stories.
        var gone: [ShardFile: [String: Set<Int64>]] = [:]
        var added: [ShardFile: [String: Set<Int64>]] = [:]
        var held = Dictionary(uniqueKeysWithValues: meta.volumes.enumerated().map { (Int64($0), $1) })
        for (id, entry) in changed {
            let record = groups[id / wordsGroup]?[id]
            held[id / volume, default: 0] += (entry == nil ? 0 : 1) - (record == nil ? 0 : 1)
            let before = Set((record ?? "").split(separator: " ").map(String.init))
            let now = Set(entry?.words ?? [])
            for word in before.subtracting(now) {
                let file = ShardFile(volume: id / volume, shard: shard(of: word, shards: meta.shards))
                gone[file, default: [:]][word, default: []].insert(id)
            }
            for word in now.subtracting(before) {
                let file = ShardFile(volume: id / volume, shard: shard(of: word, shards: meta.shards))
                added[file, default: [:]][word, default: []].insert(id)
            }
        }
        // A record that disagrees with the count of stories is not patched.
        guard held.values.reduce(0, +) == articles, held.values.allSatisfy({ $0 >= 0 }) else { return nil }
        let now = Meta(
            shards: meta.shards, bucket: bucketSize, articles: articles, volume: volume, volumes: counts(held))
        if now != meta { patch.files.append(("\(Self.folder)/meta.json", try json(now))) }
        // A volume that gains its first story starts from empty shards, and one left with none goes.
        let opened = Set(now.volumes.indices.filter { now.volumes[$0] > 0 && !meta.volumes.holds($0) }.map(Int64.init))
        let closed = Set(meta.volumes.indices.filter { meta.volumes[$0] > 0 && !now.volumes.holds($0) }.map(Int64.init))
        let touched = Set(gone.keys).union(added.keys).filter { !closed.contains($0.volume) }.sorted()
        let shards = touched.concurrentMap { [gone, added] file -> Result<Data, StaticExportError>? in
            let data: Data
            if opened.contains(file.volume) {
                data = emptyShard
            } else if let read = FileManager.default.contents(atPath: site.appendingPathComponent(file.path).path) {
                data = read
            } else {
                return nil
            }
            if let spliced = ShardPostings.splice(data, gone: gone[file] ?? [:], added: added[file] ?? [:]) {
                return .success(spliced)
            }
            guard var words = try? JSONDecoder().decode([String: [Int64]].self, from: data) else { return nil }
            for (word, ids) in gone[file] ?? [:] {
                let left = (words[word] ?? []).filter { !ids.contains($0) }
                words[word] = left.isEmpty ? nil : left
            }
            for (word, ids) in added[file] ?? [:] {
                words[word] = Array(Set(words[word] ?? []).union(ids)).sorted(by: >)
            }
            return Result { () throws(StaticExportError) in try ShardPostings.encode(words) }
        }.compactMap { $0 }
        guard shards.count == touched.count else { return nil }
        for (file, bytes) in zip(touched, shards) { patch.files.append((file.path, try bytes.get())) }
        for number in opened.sorted() {
            for shard in 0..<meta.shards where !touched.contains(ShardFile(volume: number, shard: shard)) {
                patch.files.append((termsFile(volume: number, shard: shard), emptyShard))
            }
        }
        for number in closed.sorted() {
            patch.emptied += (0..<meta.shards).map { termsFile(volume: number, shard: $0) }
        }
        let recarded = changed.filter { !cardsKept.contains($0.key) || $0.value == nil }
        let bucketNumbers = Set(recarded.keys.map { $0 / bucketSize }).sorted()
        var buckets: [Int64: [String: Card]] = [:]
        for (bucket, cards) in zip(bucketNumbers, bucketNumbers.concurrentMap { readCards(bucket: $0, in: root) }) {
            guard let cards = cards ?? (unheld.buckets.contains(bucket) ? [:] : nil) else { return nil }
            buckets[bucket] = cards
        }
        for (id, entry) in recarded { buckets[id / bucketSize]?[String(id)] = entry?.card }
        for (id, entry) in changed {
            groups[id / wordsGroup]?[id] = entry.map { Substring($0.words.joined(separator: " ")) }
        }
        let filled = buckets.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
        let encoded = filled.map(\.value).concurrentMap { cards in
            Result { () throws(StaticExportError) in try json(cards) }
        }
        for ((bucket, _), bytes) in zip(filled, encoded) {
            patch.files.append(("\(Self.folder)/docs/\(bucket).json", try bytes.get()))
        }
        patch.emptied += buckets.filter { $0.value.isEmpty }.keys.sorted().map { "\(Self.folder)/docs/\($0).json" }
        let files = numbers.map { Array(groups[$0] ?? [:]) }.concurrentMap {
            wordsRecord($0.map { ($0.key, $0.value) })
        }
        patch.wordsFiles = Array(zip(numbers, files))
        return patch
    }

    /// A volume's shard of the postings.
    struct ShardFile: Hashable, Comparable, Sendable {
        var volume: Int64
        var shard: Int

        var path: String { termsFile(volume: volume, shard: shard) }

        static func < (left: Self, right: Self) -> Bool { (left.volume, left.shard) < (right.volume, right.shard) }
    }

    /// Puts a patch's files in `folder`; returns the card buckets it left empty, to remove.
    static func apply(_ patch: Patch, to folder: StaticSiteFolder) throws(StaticExportError) -> [String] {
        for (file, bytes) in patch.files { try folder.put(file, bytes) }
        for (group, bytes) in patch.wordsFiles where !folder.checking {
            try folder.writeRecord(bytes, naming: "\(wordsFolder)/\(group).txt")
        }
        return patch.emptied
    }
}

extension [Int] {
    /// Whether the volume numbered `number` holds a story.
    fileprivate func holds(_ number: Int) -> Bool { indices.contains(number) && self[number] > 0 }
}
