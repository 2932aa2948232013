import Broadsheet
import Foundation

/// The search of a static copy, which has no server to ask: an inverted index of every published
/// story's folded words (`SearchVocabulary`, as the server's index folds them), split into shards
/// a browser fetches one word at a time, and the stories' cards in buckets of ids. Each shard is
/// written once a volume of `volume` stories by id, so a day's new stories rewrite the shards of
/// the newest volume alone, whatever the archive's size. `search.js` reads it. Postings are
/// spilled to scratch files while the archive is walked, so memory holds one shard at a time, not
/// the archive's vocabulary. Not safe to share: an export hands it from one task to the next
/// (`StaticExport.indexArchive` awaits each step's adds before the next's).
final class OfflineSearchIndex: @unchecked Sendable {
    static let folder = "search-index"
    /// Stories per card bucket (`docs/{id / bucketSize}.json`).
    static let bucketSize: Int64 = 500
    /// Scratch files the cards are spread over before they are grouped into buckets.
    private static let cardSpills = 64
    /// Stories by id a volume of the postings holds (`terms/{id / volume}/{shard}.json`): at
    /// 500,000 stories, one file a shard made a day's 50 stories rewrite a gigabyte of lists.
    static let storiesPerVolume: Int64 = 100_000
    /// A volume's shard that none of its words fall in, as `ShardPostings.encode` writes it: the
    /// full build and the patch both write it, and must agree byte for byte.
    static let emptyShard = Data("{}".utf8)

    let shards: Int
    let volume: Int64
    /// How many stories each volume holds, by its number.
    private var volumes: [Int64: Int] = [:]
    private let scratch: URL
    // Bytes, not `Data`: appending a word's UTF-8 to `Data` went element by element, through a
    // cast at each call.
    private var postings: [[UInt8]]
    private var cards: [[UInt8]]
    private var articles = 0

    /// - Parameters:
    ///   - articles: about how many stories the index will hold, to size its shards.
    ///   - volume: stories by id a volume holds; tests make it small to write several.
    init(articles: Int, volume: Int64 = storiesPerVolume) throws(StaticExportError) {
        shards = Self.shardCount(articles: articles)
        self.volume = volume
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-search-\(UUID())")
        postings = Array(repeating: [], count: shards)
        cards = Array(repeating: [], count: Self.cardSpills)
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(scratch.path, "\(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// A power of two near one shard per 200 stories, from 8 to 4096.
    static func shardCount(articles: Int) -> Int {
        var count = 8
        while count < 4096 && count * 200 < articles { count *= 2 }
        return count
    }

    /// The shard a folded word's postings are in: FNV-1a (32 bits) of its UTF-8, as `search.js` works it out.
    static func shard(of word: String, shards: Int) -> Int {
        var hash: UInt32 = 0x811c_9dc5
        for byte in word.utf8 {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return Int(hash % UInt32(shards))
    }

    func add(_ article: Article, url: String, date: String) throws(StaticExportError) {
        articles += 1
        volumes[article.id / volume, default: 0] += 1
        let entry = Self.entry(article, url: url, date: date)
        // In the text's order: the record's line and the postings take any order.
        let words = entry.words
        // A line a word, appended as bytes: no string is made for each of a story's hundreds of words.
        let id = Array("\t\(article.id)\n".utf8)
        for word in words {
            let shard = Self.shard(of: word, shards: shards)
            postings[shard].append(contentsOf: word.utf8)
            postings[shard].append(contentsOf: id)
            if postings[shard].count > 1 << 16 { try spill(&postings[shard], to: "terms-\(shard)") }
        }
        // Encoded as its bucket encodes it, so the bucket is written from these bytes (`bucket(_:)`).
        guard let json = try? Self.json(entry.card) else { return }
        let part = Int((article.id / Self.bucketSize) % Int64(Self.cardSpills))
        // The card (JSON, which escapes tabs) and the story's words, for the next export's patch,
        // written word by word: joined first, they were made into a string and copied twice.
        cards[part] += "\(article.id)\t".utf8
        cards[part] += json
        cards[part].append(0x09)
        for (index, word) in words.enumerated() {
            if index > 0 { cards[part].append(0x20) }
            cards[part] += word.utf8
        }
        cards[part].append(0x0a)
        if cards[part].count > 1 << 16 { try spill(&cards[part], to: "cards-\(part)") }
    }

    /// Puts the shards, the card buckets and `meta.json` into the export.
    func finish(into folder: StaticSiteFolder) throws(StaticExportError) {
        for shard in 0..<shards { try spill(&postings[shard], to: "terms-\(shard)") }
        for part in 0..<Self.cardSpills { try spill(&cards[part], to: "cards-\(part)") }
        // The record is written afresh: a group whose stories all went has no file left.
        for name in [Self.wordsFolder, Self.legacyWordsFolder] { folder.removeRecord(name) }
        let (scratch, volume, held) = (scratch, volume, Self.counts(volumes))
        try Self.onEveryCore(shards) { shard throws(StaticExportError) in
            let lists = try Self.terms(shard, in: scratch, volume: volume)
            // Every shard of a volume that holds a story is written, empty when none of its words
            // fall there, so the script finds a file wherever it looks.
            for number in held.indices where held[number] > 0 {
                let file = Self.termsFile(volume: Int64(number), shard: shard)
                try folder.put(file, lists[Int64(number)] ?? Self.emptyShard)
            }
        }
        try Self.onEveryCore(Self.cardSpills) { part throws(StaticExportError) in
            for bucket in try Self.cardBuckets(part, in: scratch) {
                try folder.put("\(Self.folder)/docs/\(bucket.id).json", bucket.cards)
                try Self.saveWords(bucket.words, in: folder)
            }
        }
        let meta = Meta(shards: shards, bucket: Self.bucketSize, articles: articles, volume: volume, volumes: held)
        try folder.put("\(Self.folder)/meta.json", try Self.json(meta))
    }

    /// Where a volume's shard of the postings is, relative to the export.
    static func termsFile(volume: Int64, shard: Int) -> String { "\(folder)/terms/\(volume)/\(shard).json" }

    /// The stories of each volume by its number, from the first to the last that holds any.
    static func counts(_ volumes: [Int64: Int]) -> [Int] {
        guard let last = volumes.filter({ $0.value > 0 }).keys.max() else { return [] }
        return (0...last).map { volumes[$0] ?? 0 }
    }

    /// A shard's words, each with the stories that hold it, newest first, by the volume they are in.
    private static func terms(_ shard: Int, in scratch: URL, volume: Int64) throws(StaticExportError) -> [Int64: Data] {
        var words: [String: [Int64]] = [:]
        let file = scratch.appendingPathComponent("terms-\(shard)")
        // Read as bytes: a String's lines are split and searched by Character, which cost more
        // than the rest of the shard's making.
        for line in ExportRecordFile.lines(of: FileManager.default.contents(atPath: file.path) ?? Data()) {
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")),
                let id = ExportRecordFile.storyID(line[(tab + 1)...])
            else { continue }
            words[String(decoding: line[..<tab], as: UTF8.self), default: []].append(id)
        }
        // `add` notes each of a story's words once, so a repeat is rare: a pass over the sorted
        // ids drops it, and cuts the list where its ids leave a volume. A set of each word's ids,
        // and a String made of each id read, were nearly half of the shard's making.
        var volumes: [Int64: [String: [Int64]]] = [:]
        for (word, ids) in words {
            var list: [Int64] = []
            for id in ids.sorted(by: >) where id != list.last {
                if let last = list.last, last / volume != id / volume {
                    volumes[last / volume, default: [:]][word] = list
                    list.removeAll()
                }
                list.append(id)
            }
            if let last = list.last { volumes[last / volume, default: [:]][word] = list }
        }
        var files: [Int64: Data] = [:]
        for (number, lists) in volumes { files[number] = try ShardPostings.encode(lists) }
        return files
    }

    /// The card buckets whose stories one scratch file holds: their cards and their words.
    private static func cardBuckets(_ part: Int, in scratch: URL) throws(StaticExportError) -> [(
        id: Int64, cards: Data, words: [Int64: Substring]
    )] {
        var buckets: [Int64: [(key: Substring, card: Substring)]] = [:]
        var words: [Int64: [Int64: Substring]] = [:]
        let file = scratch.appendingPathComponent("cards-\(part)")
        // Split as bytes: split as a String, by Character, the lines and their fields were a
        // twenty-fifth of an export.
        for line in ExportRecordFile.lines(of: FileManager.default.contents(atPath: file.path) ?? Data()) {
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                Substring(String(decoding: $0, as: UTF8.self))
            }
            guard fields.count == 3, let id = Int64(fields[0]) else { continue }
            buckets[id / Self.bucketSize, default: []].append((fields[0], fields[1]))
            words[id / Self.bucketSize, default: [:]][id] = fields[2]
        }
        return buckets.map { bucket, cards in (bucket, Self.bucket(cards), words[bucket] ?? [:]) }
    }

    /// A bucket's JSON from its cards' JSON, byte for byte what `json` makes of `[String: Card]`:
    /// keys sorted (ids are ASCII digits, so by their bytes), no spaces. Decoding the cards to
    /// encode them again was a twenty-fifth of an export. A story seen twice keeps its last card.
    static func bucket(_ cards: [(key: Substring, card: Substring)]) -> Data {
        var latest: [Substring: Substring] = [:]
        for (key, card) in cards { latest[key] = card }
        var bytes = Data("{".utf8)
        for (index, key) in latest.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: key.utf8)
            bytes.append(contentsOf: "\":".utf8)
            bytes.append(contentsOf: latest[key]!.utf8)
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Makes and puts parts `0..<count` on every core, each put by the thread that made it: the
    /// shards are independent, and made a core's worth at a time, then put by one thread, they
    /// left a third of both cores idle for the last twelfth of a full export.
    private static func onEveryCore(
        _ count: Int, _ part: @Sendable (Int) throws(StaticExportError) -> Void
    ) throws(StaticExportError) {
        let results = Array(0..<count).concurrentMap { index in
            Result { () throws(StaticExportError) in try part(index) }
        }
        for result in results { try result.get() }
    }

    /// What a result shows: the story's address, headline, date as the site prints it, and section.
    struct Card: Codable {
        var url: String
        var headline: String
        var date: String
        var section: String
    }

    struct Meta: Codable, Equatable {
        var shards: Int
        var bucket: Int64
        var articles: Int
        /// Stories by id a volume holds.
        var volume: Int64
        /// How many stories each volume holds, by its number; the script skips the empty ones.
        var volumes: [Int]
    }

    static func json(_ value: some Encodable) throws(StaticExportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw .cannotWrite(folder, "\(error)")
        }
    }

    private func spill(_ buffer: inout [UInt8], to name: String) throws(StaticExportError) {
        guard !buffer.isEmpty else { return }
        let file = scratch.appendingPathComponent(name)
        do {
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: buffer)
        } catch {
            throw .cannotWrite(file.path, "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

}
