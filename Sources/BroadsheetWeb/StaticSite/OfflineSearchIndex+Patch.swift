import Broadsheet
import Foundation

extension OfflineSearchIndex {
    /// A story as the index holds it: its words and its card.
    struct Entry {
        var words: Set<String>
        var card: Card
    }

    static func entry(_ article: Article, url: String, date: String) -> Entry {
        let content = article.content
        return Entry(
            words: Set(SearchVocabulary.words(in: content.headline, content.summary ?? "", content.bodyText)),
            card: Card(url: url, headline: content.headline, date: date, section: content.section.name))
    }

    /// Brings the index the last export left in `folder` up to date for the stories in `changed`
    /// (nil: no longer published) without reading the archive: every shard is read, the changed
    /// stories' postings are taken out and their new ones put in, and the card buckets they are in
    /// are rewritten, so the result is what a full build would write. Returns the buckets left
    /// empty, to remove; nil, with nothing put, when there is no index of `articles` stories'
    /// shape to patch.
    static func patch(
        _ folder: StaticSiteFolder, articles: Int, changed: [Int64: Entry?]
    ) throws(StaticExportError) -> [String]? {
        let root = folder.root.appendingPathComponent(Self.folder)
        guard let metaData = FileManager.default.contents(atPath: root.appendingPathComponent("meta.json").path),
            let meta = try? JSONDecoder().decode(Meta.self, from: metaData),
            meta.articles == articles, meta.shards == shardCount(articles: articles), meta.bucket == bucketSize
        else { return nil }
        var added: [Int: [String: [Int64]]] = [:]
        for (id, entry) in changed {
            for word in entry?.words ?? [] {
                added[shard(of: word, shards: meta.shards), default: [:]][word, default: []].append(id)
            }
        }
        var shards: [(Int, [String: [Int64]])] = []
        for shard in 0..<meta.shards {
            let file = root.appendingPathComponent("terms/\(shard).json")
            guard let data = FileManager.default.contents(atPath: file.path),
                var words = try? JSONDecoder().decode([String: [Int64]].self, from: data)
            else { return nil }
            for (word, ids) in words where ids.contains(where: { changed.keys.contains($0) }) {
                let kept = ids.filter { changed[$0] == nil }
                words[word] = kept.isEmpty ? nil : kept
            }
            for (word, ids) in added[shard] ?? [:] {
                words[word] = Array(Set((words[word] ?? []) + ids)).sorted(by: >)
            }
            shards.append((shard, words))
        }
        var buckets: [Int64: [String: Card]] = [:]
        for bucket in Set(changed.keys.map { $0 / bucketSize }) {
            let file = root.appendingPathComponent("docs/\(bucket).json")
            guard let data = FileManager.default.contents(atPath: file.path),
                let cards = try? JSONDecoder().decode([String: Card].self, from: data)
            else { return nil }
            buckets[bucket] = cards
        }
        for (id, entry) in changed { buckets[id / bucketSize]?[String(id)] = entry?.card }
        for (shard, words) in shards { try folder.put("\(Self.folder)/terms/\(shard).json", try json(words)) }
        var emptied: [String] = []
        for (bucket, cards) in buckets.sorted(by: { $0.key < $1.key }) {
            let name = "\(Self.folder)/docs/\(bucket).json"
            if cards.isEmpty { emptied.append(name) } else { try folder.put(name, try json(cards)) }
        }
        try folder.put("\(Self.folder)/meta.json", metaData)
        return emptied
    }
}
