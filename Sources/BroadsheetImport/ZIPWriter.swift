import Broadsheet
import BroadsheetFormats
import CompressNIO
import Foundation
import NIOCore
import ZIPFoundation

/// Writes a ZIP file in memory, every entry deflated through one compressor.
///
/// ZIPFoundation sets up a fresh deflate stream for each entry, at zlib's default level, which it
/// does not let us choose; a book is sixty small files packed for every edition of an export.
/// ZIPFoundation still reads every ZIP we are given.
struct ZIPWriter {
    private var bytes = ByteBuffer()
    private var directory = ByteBuffer()
    private var count = 0
    private let compressor: ZlibCompressor
    /// The entries' time, in MS-DOS's two fields (local time in the format; we write UTC).
    private let time: UInt16
    private let date: UInt16

    init(modified: Date) throws(ZIPWriterError) {
        // Level 1: a book of sixty files packs about 3 ms sooner than at zlib's default, 5% larger.
        let settings = ZlibConfiguration(windowSize: 15, compressionLevel: 1, memoryLevel: 9, strategy: .default)
        do {
            compressor = try ZlibCompressor(algorithm: .deflate, configuration: settings)
        } catch {
            throw .compressor(String(describing: error))
        }
        (time, date) = Self.dosTime(modified)
    }

    /// Appends `content` as `path`, deflated unless `stored`.
    mutating func add(_ path: String, _ content: Data, stored: Bool) throws(ZIPWriterError) {
        var input = ByteBuffer(bytes: content)
        let crc = content.crc32(checksum: 0)
        var packed: ByteBuffer
        if stored {
            packed = input
        } else {
            packed = ByteBuffer()
            packed.reserveCapacity(compressor.maxSize(from: input))
            do {
                try compressor.deflate(from: &input, to: &packed, flush: .finish)
                try compressor.reset()
            } catch {
                throw .compressor("\(path): \(error)")
            }
        }
        try append(path, &packed, method: stored ? 0 : 8, crc: crc, size: content.count)
    }

    /// Appends a file deflated elsewhere (an earlier book's) as `path`, its bytes as they are.
    mutating func add(_ path: String, packed file: EPUBPackedFile) throws(ZIPWriterError) {
        var packed = ByteBuffer(bytes: file.deflated)
        try append(path, &packed, method: 8, crc: file.crc32, size: file.size)
    }

    /// Writes `packed` as `path`'s data, with its local header and its directory header.
    private mutating func append(
        _ path: String, _ packed: inout ByteBuffer, method: UInt16, crc: UInt32, size: Int
    ) throws(ZIPWriterError) {
        guard bytes.writerIndex < UInt32.max - UInt32(packed.readableBytes), count < UInt16.max,
            size < UInt32.max
        else {
            throw .tooLarge
        }
        let name = Array(path.utf8)
        let packedSize = packed.readableBytes
        // Bit 11: the name is UTF-8, else readers take it as code page 437.
        let flags: UInt16 = name.allSatisfy { $0 < 0x80 } ? 0 : 0x0800
        let offset = UInt32(bytes.writerIndex)
        // Local file header.
        bytes.writeInteger(UInt32(0x0403_4B50), endianness: .little)
        bytes.writeInteger(UInt16(20), endianness: .little)  // version needed: 2.0, deflate
        Self.writeFields(
            into: &bytes, flags: flags, method: method, when: (time, date), crc: crc, packed: packedSize,
            size: size)
        bytes.writeInteger(UInt16(name.count), endianness: .little)
        bytes.writeInteger(UInt16(0), endianness: .little)  // extra field length
        bytes.writeBytes(name)
        bytes.writeBuffer(&packed)
        // Central directory header.
        directory.writeInteger(UInt32(0x0201_4B50), endianness: .little)
        directory.writeInteger(UInt16(0x0314), endianness: .little)  // made by: Unix, 2.0
        directory.writeInteger(UInt16(20), endianness: .little)
        Self.writeFields(
            into: &directory, flags: flags, method: method, when: (time, date), crc: crc, packed: packedSize,
            size: size)
        directory.writeInteger(UInt16(name.count), endianness: .little)
        directory.writeMultipleIntegers(UInt16(0), UInt16(0), UInt16(0), UInt16(0), endianness: .little)
        directory.writeInteger(UInt32(0o100644) << 16, endianness: .little)  // a regular file, rw-r--r--
        directory.writeInteger(offset, endianness: .little)
        directory.writeBytes(name)
        count += 1
    }

    /// The file: the entries, their directory and its end record.
    consuming func finish() throws(ZIPWriterError) -> Data {
        guard bytes.writerIndex < UInt32.max - UInt32(directory.readableBytes) else { throw .tooLarge }
        let start = UInt32(bytes.writerIndex)
        let size = UInt32(directory.readableBytes)
        var directory = directory
        bytes.writeBuffer(&directory)
        bytes.writeInteger(UInt32(0x0605_4B50), endianness: .little)
        bytes.writeMultipleIntegers(UInt16(0), UInt16(0), UInt16(count), UInt16(count), endianness: .little)
        bytes.writeMultipleIntegers(size, start, UInt16(0), endianness: .little)
        return Data(bytes.readableBytesView)
    }

    /// Flags, method, time, checksum and sizes: the run of fields both headers share.
    private static func writeFields(
        into buffer: inout ByteBuffer, flags: UInt16, method: UInt16, when: (time: UInt16, date: UInt16), crc: UInt32,
        packed: Int, size: Int
    ) {
        buffer.writeMultipleIntegers(flags, method, when.time, when.date, endianness: .little)
        buffer.writeMultipleIntegers(crc, UInt32(packed), UInt32(size), endianness: .little)
    }

    /// MS-DOS's time (two-second steps) and date (years from 1980), of `instant` in UTC.
    static func dosTime(_ instant: Date) -> (time: UInt16, date: UInt16) {
        let seconds = Int(StoredTime.seconds(instant))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let (year, month, day) = InternetDate.civil(fromDays: days)
        guard year >= 1980 else { return (0, UInt16(1 << 5 | 1)) }
        let time = UInt16(inDay / 3600) << 11 | UInt16(inDay % 3600 / 60) << 5 | UInt16(inDay % 60 / 2)
        let date = UInt16(min(year - 1980, 127)) << 9 | UInt16(month) << 5 | UInt16(day)
        return (time, date)
    }
}

public enum ZIPWriterError: Error, Hashable, Sendable, CustomStringConvertible {
    case compressor(String)
    /// Past what a ZIP without its 64-bit extension holds: 4 GB or 65,535 entries.
    case tooLarge

    public var description: String {
        switch self {
        case .compressor(let reason): "cannot deflate: \(reason)"
        case .tooLarge: "more than a ZIP file holds without ZIP64 (4 GB or 65,535 entries)"
        }
    }
}
