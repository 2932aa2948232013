import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A record an export keeps beside the site (the manifest, the links, the stories' keys): a line
/// an entry, later lines overriding earlier ones. A repeat export appends the few lines that
/// changed instead of writing out the hundreds of thousands that did not, which was a fifth of a
/// daily export of a large archive; the file is written afresh once its stale lines would pass an
/// eighth of its live ones, so reading it stays as cheap.
enum ExportRecordFile {
    /// The file's whole lines, empty ones left out. A last line without its newline is what a stop
    /// cut short while appending, and is left out.
    static func lines(of data: Data) -> [ArraySlice<UInt8>] { lines(of: [UInt8](data)) }

    /// The whole lines of `bytes`, as `lines(of:)` of a `Data`.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] { lines(of: bytes[...]) }

    /// The whole lines of `bytes`, indexed as `bytes` is. Found with `memchr`: the standard
    /// library's `split` was a third of reading a large archive's links.
    static func lines(of bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let newline = memchr(base + start, 0x0A, buffer.count - start) {
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
                if end > start { lines.append(bytes[(bytes.startIndex + start)..<(bytes.startIndex + end)]) }
                start = end + 1
            }
        }
        return lines
    }

    /// A story id written in decimal in a record's line, read without a String made of it; nil
    /// for anything else.
    static func storyID(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// The bytes of the file at `path`; nil when it cannot be read. Read straight into the array
    /// the tables point into (`ExportRecordTable`), not through a `Data` copied after.
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var failed = false
        // Left unfilled until read: filling the manifest's tens of megabytes with zeros first was
        // near a third of reading it.
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(status.st_size)) { buffer, count in
            // A file that shrank while it was read: what was there.
            (count, failed) = whole(buffer.count) {
                Glibc.read(descriptor, buffer.baseAddress! + $0, buffer.count - $0)
            }
        }
        return failed ? nil : bytes
    }

    /// Whether the file ends with a whole line, so that lines appended to it stay whole.
    static func endsWhole(_ data: some BidirectionalCollection<UInt8>) -> Bool {
        data.last.map { $0 == UInt8(ascii: "\n") } ?? true
    }

    /// Whether `appended` more lines may go on a file of `stored` lines holding `live` entries.
    static func mayAppend(_ appended: Int, to stored: Int, live: Int) -> Bool {
        stored + appended <= live + live / 8
    }

    /// Adds `bytes` at the end of the file at `path`, without a sync: the caller syncs once.
    static func append(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, flags: O_WRONLY | O_APPEND | O_CLOEXEC)
    }

    /// Writes `bytes` as the whole file at `path`, without a sync: an export writes tens of
    /// thousands of files and syncs once, before its manifest (Foundation's `Data.write` syncs each).
    static func replace(_ bytes: UnsafeRawBufferPointer, at path: String) throws {
        try write(bytes, to: path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC)
    }

    private static func write(_ bytes: [UInt8], to path: String, flags: Int32) throws {
        try bytes.withUnsafeBytes { try write($0, to: path, flags: flags) }
    }

    private static func write(_ buffer: UnsafeRawBufferPointer, to path: String, flags: Int32) throws {
        let descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", code: errno) }
        defer { close(descriptor) }
        try write(buffer, to: descriptor)
    }

    /// A file that lines are added to from any thread, each line in one write(2) at the file's
    /// end (`O_APPEND`): the journal, written by whichever task wrote the file a line names.
    final class Appending: Sendable {
        private let descriptor: Int32

        init(path: String) throws {
            descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXFailure(call: "open", code: errno) }
        }

        deinit { close(descriptor) }

        func add(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try ExportRecordFile.write($0, to: descriptor) }
        }
    }

    private static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        let (done, failed) = whole(buffer.count) {
            Glibc.write(descriptor, buffer.baseAddress! + $0, buffer.count - $0)
        }
        // A write that takes nothing and names no failure is taken as one of the device.
        if failed || done < buffer.count { throw POSIXFailure(call: "write", code: failed ? errno : EIO) }
    }

    /// Calls `transfer` (a read(2) or write(2) from the offset it is given) until `count` bytes
    /// have gone, it says 0 (a file's end), or it fails for more than a signal: how many went,
    /// and whether it failed (`errno` says why).
    private static func whole(_ count: Int, _ transfer: (Int) -> Int) -> (done: Int, failed: Bool) {
        var done = 0
        while done < count {
            let moved = transfer(done)
            if moved > 0 {
                done += moved
            } else if moved < 0 && errno == EINTR {
                continue
            } else {
                return (done, moved < 0)
            }
        }
        return (done, false)
    }

    /// A system call that failed, with what the system said.
    struct POSIXFailure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }
}
