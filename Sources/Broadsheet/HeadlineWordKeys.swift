import Synchronization

/// A headline's significant words (`RelatedArticles.significantWords`) as 64-bit keys, FNV-1a
/// of each word's UTF-8: what ranking compares hundreds of candidates' headlines by on a cold
/// article page, without a `String` and a `Set` for each headline, which were most of the
/// ranking's time. Two words sharing a key by chance would count as one shared word; at 64 bits
/// among a dozen words that does not happen in practice.
enum HeadlineWordKeys {
    /// The keys of `significantWords(in: headline)`, each once.
    static func keys(in headline: String) -> [UInt64] {
        var keys: [UInt64] = []
        func add(_ key: UInt64) {
            if !keys.contains(key) { keys.append(key) }
        }
        guard headline.utf8.allSatisfy({ $0 < 0x80 }) else {
            for word in RelatedArticles.significantWords(in: headline) { add(key(word.utf8)) }
            return keys
        }
        // The ASCII path of `significantWords`, with keys for strings.
        RelatedArticles.forEachASCIIWord(in: headline) { word in
            guard word.count >= 3, !stopWordKeys.contains(key(word)) else { return }
            add(stemmedKey(word))
        }
        return keys
    }

    /// `keys(in:)`, remembered by headline: a related box ranks a few hundred candidates, and
    /// the newest stories of a topic or a section are candidates for every story of it. At most
    /// `rememberedCapacity` headlines (a few megabytes); when full, it starts again.
    static func remembered(in headline: String) -> [UInt64] {
        if let known = memo.withLock({ $0[headline] }) { return known }
        let found = keys(in: headline)
        memo.withLock { memo in
            if memo.count >= rememberedCapacity { memo.removeAll(keepingCapacity: true) }
            memo[headline] = found
        }
        return found
    }

    static let rememberedCapacity = 20_000
    private static let memo = Mutex<[String: [UInt64]]>([:])

    static func key<Bytes: Sequence<UInt8>>(_ bytes: Bytes, then tail: StaticString = "") -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        for index in 0..<tail.utf8CodeUnitCount {
            hash = (hash ^ UInt64(tail.utf8Start[index])) &* 0x100_0000_01b3
        }
        return hash
    }

    /// The key of the word `RelatedArticles`' stemmer leaves of a lowercase ASCII word.
    private static func stemmedKey(_ word: [UInt8]) -> UInt64 {
        RelatedArticles.asciiStemRule(word).map { key(word.dropLast($0.drop), then: $0.tail) } ?? key(word)
    }

    private static let stopWordKeys = Set(RelatedArticles.stopWords.map { key($0.utf8) })
}
