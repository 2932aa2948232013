/// A 64-bit hash of bytes taken a word at a time, each word multiplied in and folded: for
/// fingerprints that only have to change with the bytes (entity tags) and for hash tables
/// (`ExportRecordTable`). FNV-1a, a byte at a time, was a fifth of reading an export's records,
/// and of making an edition's book again in a repeat export. A change within one word always
/// changes the hash: every step is a bijection of the state for a given word, and of the word for
/// a given state.
enum ByteHash {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        for (index, byte) in bytes[offset...].enumerated() { tail |= UInt64(byte) << UInt64(index * 8) }
        hash = (hash ^ tail) &* 0xc4ce_b9fe_1a85_ec53
        return hash ^ hash >> 32
    }
}
