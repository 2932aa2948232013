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
    /// The file's whole lines. A last line without its newline is what a stop cut short while
    /// appending, and is left out.
    static func lines(of data: Data) -> [ArraySlice<UInt8>] { lines(of: [UInt8](data)) }

    /// The whole lines of `bytes`, empty ones left out. Found with `memchr`: the standard
    /// library's `split` was a third of reading a large archive's links.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count, let newline = memchr(base + start, 0x0A, buffer.count - start) {
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
                if end > start { lines.append(bytes[start..<end]) }
                start = end + 1
            }
        }
        return lines
    }

    /// The bytes of `data` in two arrays, cut after the line end nearest its middle: two cores
    /// read one each, without both counting references to one array.
    static func halves(of data: Data) -> [[UInt8]] {
        let middle = data.startIndex + data.count / 2
        let cut = data[middle...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.endIndex
        return [[UInt8](data[..<cut]), [UInt8](data[cut...])]
    }

    /// Whether the file ends with a whole line, so that lines appended to it stay whole.
    static func endsWhole(_ data: Data) -> Bool { data.last.map { $0 == UInt8(ascii: "\n") } ?? true }

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
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw POSIXFailure(call: "write", code: errno)
            }
        }
    }

    /// A system call that failed, with what the system said.
    struct POSIXFailure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }
}
