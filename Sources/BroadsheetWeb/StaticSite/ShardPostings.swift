import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A shard of the offline search's postings changed in place, on its JSON's bytes: the lists of the
/// words a patch changes are written again and the rest of the shard is kept as it is. Decoding
/// and encoding whole shards (up to 2 MB for the shard of a word nearly every story holds) was
/// most of a repeat export whose changed stories gained or lost common words.
enum ShardPostings {
    /// `shard`, as `OfflineSearchIndex.json` writes it, with the stories in `gone` taken out of
    /// each word's list and those in `added` put in, newest first; a word left with none is taken
    /// out, and a word new to the shard goes in among the others in the order `encode` writes.
    /// Each list is newest first, as `encode` and this write them.
    /// Nil when the shard is not as we write it, or when a new word, or a key it must be placed
    /// beside, is written with an escape: the order is of the words, not of their escaped bytes.
    static func splice(_ shard: Data, gone: [String: Set<Int64>], added: [String: Set<Int64>]) -> Data? {
        var bytes = [UInt8](shard)
        for word in Set(gone.keys).union(added.keys).sorted() {
            // Encoded as the shard's keys are, so that a word the shard holds is always found.
            guard let key = try? OfflineSearchIndex.json(word) else { return nil }
            let removing = gone[word] ?? []
            let adding = added[word] ?? []
            guard let list = find(Array(key), in: bytes) else {
                if adding.isEmpty { continue }
                // New words come with every day's news (names, places): decoding and encoding the
                // whole shard for each was a twentieth of the first repeat export after a full one.
                guard key.count == word.utf8.count + 2, let place = place(of: Array(word.utf8), in: bytes) else {
                    return nil
                }
                let entry = Array(key) + Array(":[".utf8) + text(adding.sorted(by: >)) + [UInt8(ascii: "]")]
                if bytes[place] == UInt8(ascii: "}") {
                    bytes.insert(contentsOf: place == 1 ? entry : [comma] + entry, at: place)
                } else {
                    bytes.insert(contentsOf: entry + [comma], at: place)
                }
                continue
            }
            // A day's new stories are newer than any a list holds: they go in front, and the rest
            // of the list keeps its bytes. Read and written again whole, the lists of the words
            // nearly every story holds were a third of a day's export at 500,000 stories.
            if removing.isEmpty, let newest = firstNumber(bytes[(list.open + 1)..<list.close]),
                adding.allSatisfy({ $0 > newest })
            {
                bytes.insert(contentsOf: text(adding.sorted(by: >)) + [comma], at: list.open + 1)
                continue
            }
            guard let stories = numbers(bytes[(list.open + 1)..<list.close]) else { return nil }
            var now = removing.isEmpty ? stories : stories.filter { !removing.contains($0) }
            if !adding.isEmpty { now = merge(adding, into: now) }
            if !now.isEmpty {
                bytes.replaceSubrange((list.open + 1)..<list.close, with: text(now))
            } else if bytes[list.key - 1] == comma {
                bytes.removeSubrange((list.key - 1)...list.close)
            } else if list.close + 1 < bytes.count, bytes[list.close + 1] == comma {
                bytes.removeSubrange(list.key...(list.close + 1))
            } else {
                bytes.removeSubrange(list.key...list.close)
            }
        }
        return Data(bytes)
    }

    /// A shard's words and their stories as `OfflineSearchIndex.json` writes them, byte for byte:
    /// keys in the order of their UTF-8, no spaces. `JSONEncoder` made of a shard a tree of boxed
    /// values before writing it: at 100,000 stories, most of the export's last twenty seconds.
    static func encode(_ words: [String: [Int64]]) throws(StaticExportError) -> Data {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(words.count * 24)
        for (index, word) in words.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { bytes.append(comma) }
            if word.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                // Folded words hold none of these; should one, the encoder says how it is escaped.
                bytes += try OfflineSearchIndex.json(word)
            } else {
                bytes.append(UInt8(ascii: "\""))
                bytes += word.utf8
                bytes.append(UInt8(ascii: "\""))
            }
            bytes += Array(":[".utf8)
            bytes += text(words[word]!)
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "}"))
        return Data(bytes)
    }

    private static let comma = UInt8(ascii: ",")

    /// `list` with the stories of `adding` put in, newest first and once each. A list as we write
    /// it is newest first already, and the few stories added are merged into it: sorting the whole
    /// list again, for a word nearly every story holds, was 3% of a repeat export's CPU.
    static func merge(_ adding: Set<Int64>, into list: [Int64]) -> [Int64] {
        guard zip(list, list.dropFirst()).allSatisfy({ $0 > $1 }) else {
            return Array(Set(list).union(adding)).sorted(by: >)
        }
        let added = adding.sorted(by: >)
        var merged: [Int64] = []
        merged.reserveCapacity(list.count + added.count)
        var next = 0
        for id in list {
            while next < added.count && added[next] > id {
                merged.append(added[next])
                next += 1
            }
            if next < added.count && added[next] == id { next += 1 }
            merged.append(id)
        }
        merged += added[next...]
        return merged
    }

    /// Where `key` (a JSON string, quotes and all) begins, and its list's brackets. Only keys are
    /// strings in a shard, so `"word":[` just after `{` or `,` can be nothing else.
    private static func find(_ key: [UInt8], in bytes: [UInt8]) -> (key: Int, open: Int, close: Int)? {
        let pattern = key + Array(":[".utf8)
        return bytes.withUnsafeBytes { buffer -> (key: Int, open: Int, close: Int)? in
            pattern.withUnsafeBytes { wanted -> (key: Int, open: Int, close: Int)? in
                guard let base = buffer.baseAddress, let wantedBase = wanted.baseAddress else { return nil }
                let count = buffer.count
                var from = 0
                // Each key opens with a quote: look at each quote for the key wanted.
                while from < count, let quote = memchr(base + from, Int32(UInt8(ascii: "\"")), count - from) {
                    let start = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(quote))
                    let open = start + pattern.count - 1
                    if start > 0, buffer[start - 1] == UInt8(ascii: "{") || buffer[start - 1] == comma,
                        open < count, memcmp(base + start, wantedBase, pattern.count) == 0,
                        let close = memchr(base + open, Int32(UInt8(ascii: "]")), count - open)
                    {
                        return (start, open, UnsafeRawPointer(base).distance(to: UnsafeRawPointer(close)))
                    }
                    from = start + 1
                }
                return nil
            }
        }
    }

    /// Where a key for `word` goes in `bytes`, a shard as `encode` writes it: at the quote that
    /// opens the first key after it in the order of their UTF-8, or at the closing brace. Nil when
    /// the shard is not as we write it, or a key before that place holds an escape.
    private static func place(of word: [UInt8], in bytes: [UInt8]) -> Int? {
        let quote = UInt8(ascii: "\"")
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}") else {
            return nil
        }
        if bytes.count == 2 { return 1 }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            let count = buffer.count
            var start = 1
            while true {
                guard start < count, buffer[start] == quote,
                    let end = memchr(base + start + 1, Int32(quote), count - start - 1)
                else { return nil }
                let close = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(end))
                let name = UnsafeBufferPointer(rebasing: buffer[(start + 1)..<close])
                guard !name.contains(UInt8(ascii: "\\")) else { return nil }
                if word.lexicographicallyPrecedes(name) { return start }
                guard close + 2 < count, buffer[close + 1] == UInt8(ascii: ":"), buffer[close + 2] == UInt8(ascii: "["),
                    let bracket = memchr(base + close + 3, Int32(UInt8(ascii: "]")), count - close - 3)
                else { return nil }
                let next = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(bracket)) + 1
                if next == count - 1 { return next }
                guard next < count, buffer[next] == comma else { return nil }
                start = next + 1
            }
        }
    }

    /// The numbers of a list's inside (`3,2,1`); nil for anything else.
    private static func numbers(_ text: ArraySlice<UInt8>) -> [Int64]? {
        guard !text.isEmpty else { return [] }
        var numbers: [Int64] = []
        var value: Int64 = 0
        var digits = 0
        for byte in text {
            if byte == comma {
                guard digits > 0 else { return nil }
                numbers.append(value)
                (value, digits) = (0, 0)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 {
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        numbers.append(value)
        return numbers
    }

    /// The first number of a list's inside (`3,2,1`), its newest story as we write lists; nil
    /// when it does not begin with one.
    private static func firstNumber(_ text: ArraySlice<UInt8>) -> Int64? {
        let digits = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !digits.isEmpty, digits.count < 18, digits.endIndex == text.endIndex || text[digits.endIndex] == comma
        else { return nil }
        return digits.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }

    /// A list's inside as JSON writes it: the numbers in decimal, comma-separated.
    private static func text(_ numbers: [Int64]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(numbers.count * 7)
        for (index, number) in numbers.enumerated() {
            if index > 0 { text.append(comma) }
            text += String(number).utf8
        }
        return text
    }
}
