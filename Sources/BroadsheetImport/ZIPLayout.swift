import Foundation

/// Checks that every offset and size a ZIP's directory declares lies inside the body, before
/// ZIPFoundation reads it: its in-memory reader traps on an offset past the end, and a client can
/// send any bytes.
///
/// Reads the end-of-central-directory record, each central directory entry and each entry's local
/// header, as APPNOTE.TXT lays them out. ZIP64 archives are refused: an import batch never needs
/// one (it is limited far below 4 GiB).
enum ZIPLayout {
    /// Why the layout is refused: no ZIP at all, or a damaged or unsafe one.
    enum Problem: Error, Equatable {
        case notZIP
        case damaged(String)
    }

    /// An entry as the central directory declares it, with where its data lies.
    struct Entry: Equatable {
        var path: String
        /// 0 stored, 8 deflated.
        var method: UInt16
        var crc32: UInt32
        var size: Int
        /// The offsets of its data, packed as `method` says, in the bytes read.
        var data: Range<Int>
    }

    static func check(_ data: Data) throws(Problem) {
        _ = try entries(data)
    }

    /// Every entry in directory order, once each offset and size is checked to lie inside.
    static func entries(_ data: Data) throws(Problem) -> [Entry] {
        let bytes = [UInt8](data)
        guard let end = endRecord(in: bytes) else { throw .notZIP }
        let entries = Int(u16(bytes, end + 10))
        let directorySize = Int(u32(bytes, end + 12))
        let directoryOffset = Int(u32(bytes, end + 16))
        if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw .damaged("ZIP64 archives are not taken; zip the files without ZIP64")
        }
        guard directoryOffset + directorySize <= end else {
            throw .damaged("the central directory lies outside the archive")
        }
        var position = directoryOffset
        var found: [Entry] = []
        found.reserveCapacity(entries)
        for index in 0..<entries {
            guard position + 46 <= directoryOffset + directorySize, u32(bytes, position) == 0x0201_4B50 else {
                throw .damaged("central directory entry \(index + 1) is damaged")
            }
            let compressed = Int(u32(bytes, position + 20))
            let nameLength = Int(u16(bytes, position + 28))
            let extraLength = Int(u16(bytes, position + 30))
            let commentLength = Int(u16(bytes, position + 32))
            let local = Int(u32(bytes, position + 42))
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw .damaged("ZIP64 archives are not taken; zip the files without ZIP64")
            }
            guard local + 30 <= directoryOffset, u32(bytes, local) == 0x0403_4B50 else {
                throw .damaged("entry \(index + 1) points outside the archive")
            }
            let localName = Int(u16(bytes, local + 26))
            let localExtra = Int(u16(bytes, local + 28))
            let start = local + 30 + localName + localExtra
            guard start + compressed <= directoryOffset, position + 46 + nameLength <= bytes.count else {
                throw .damaged("entry \(index + 1) runs past the end of the archive")
            }
            found.append(
                Entry(
                    path: String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self),
                    method: u16(bytes, position + 10), crc32: u32(bytes, position + 16),
                    size: Int(u32(bytes, position + 24)), data: start..<(start + compressed)))
            position += 46 + nameLength + extraLength + commentLength
        }
        return found
    }

    /// The offset of the end-of-central-directory record: within the last 64 KiB and 22 bytes.
    private static func endRecord(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while position >= lowest {
            if u32(bytes, position) == 0x0605_4B50, position + 22 + Int(u16(bytes, position + 20)) == bytes.count {
                return position
            }
            position -= 1
        }
        return nil
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        return UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        return UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3])
            << 24
    }
}
