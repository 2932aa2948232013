/// The distinct folded words of a story's texts, gathered as `SearchVocabulary` folds them, in
/// the order they are first written.
///
/// Most copy is ASCII: those words are lowercased into one buffer and told apart by their bytes
/// in a table of their own, so a word met again makes no `String` and no SipHash. A
/// `Set<String>` of every word read was half of the offline search's indexing. Every other run
/// goes to the expression parser's word splitter, so both agree on what a word is, and is told
/// apart by `String`'s equality, which is canonical. The order is the text's: sorting each
/// story's words was a fifth of its indexing, and nothing reads them in order.
struct FoldedWords {
    /// Each distinct word once, as first met.
    private(set) var words: [String] = []
    /// The ASCII words read, back to back; a word met again is taken back off.
    private var bytes: [UInt8] = []
    /// Where each distinct ASCII word starts in `bytes`; it ends where the next one starts.
    private var starts: [Int] = [0]
    /// Open addressing over `starts`' indices, plus one; 0 is an empty slot. Room for a long
    /// story's words from the start: growing twice a story was a fifteenth of its gathering.
    private var slots = [Int32](repeating: 0, count: 1024)
    /// The words that are not ASCII once folded.
    private var other = Set<String>()

    mutating func collect(_ text: String) {
        var text = text
        text.withUTF8 { collect(utf8: $0) }
    }

    /// `collect` on a text's bytes: walking `String.UTF8View` by its indices was half of the
    /// gathering.
    private mutating func collect(utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var wordStart = bytes.count
        var hash: UInt32 = Self.fnvBasis
        var isOther = false
        func flush(upTo end: Int) {
            if isOther {
                bytes.removeSubrange(wordStart...)
                let run = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
                for found in SearchExpression.words(run[...]) { insert(SearchVocabulary.fold(found)) }
            } else if bytes.count > wordStart {
                insertLast(from: wordStart, hash: hash)
            }
            wordStart = bytes.count
            hash = Self.fnvBasis
            isOther = false
        }
        for index in utf8.indices {
            var byte = utf8[index]
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if bytes.count == wordStart && !isOther { start = index }
                if byte <= UInt8(ascii: "Z") && byte >= UInt8(ascii: "A") { byte += 32 }
                bytes.append(byte)
                hash = (hash ^ UInt32(byte)) &* Self.fnvPrime
            case 0x80...:
                if bytes.count == wordStart && !isOther { start = index }
                isOther = true
            default:
                flush(upTo: index)
            }
        }
        flush(upTo: utf8.count)
    }

    private static let fnvBasis: UInt32 = 0x811c_9dc5
    private static let fnvPrime: UInt32 = 0x0100_0193

    /// A folded word from the splitter: ASCII ones ("café" folds to "cafe") join the table.
    private mutating func insert(_ word: String) {
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            if other.insert(word).inserted { words.append(word) }
            return
        }
        let wordStart = bytes.count
        var hash = Self.fnvBasis
        for byte in word.utf8 {
            bytes.append(byte)
            hash = (hash ^ UInt32(byte)) &* Self.fnvPrime
        }
        if bytes.count > wordStart { insertLast(from: wordStart, hash: hash) }
    }

    /// Keeps the word `bytes[wordStart...]` if it is new, else takes its bytes back off.
    private mutating func insertLast(from wordStart: Int, hash: UInt32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let index = Int(slots[slot]) - 1
            if bytes[starts[index]..<starts[index + 1]].elementsEqual(bytes[wordStart...]) {
                bytes.removeSubrange(wordStart...)
                return
            }
            slot = (slot + 1) & mask
        }
        starts.append(bytes.count)
        slots[slot] = Int32(starts.count - 1)
        words.append(String(decoding: bytes[wordStart...], as: UTF8.self))
        if (starts.count - 1) * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for index in 0..<(starts.count - 1) {
            var hash = Self.fnvBasis
            for byte in bytes[starts[index]..<starts[index + 1]] { hash = (hash ^ UInt32(byte)) &* Self.fnvPrime }
            var slot = Int(hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
