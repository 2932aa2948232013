import BroadsheetFormats
import Foundation

/// A large JSON-lines file (a ninjs export, a wire archive) read a block of lines at a time,
/// so a million-article file never sits in memory: each block is parsed and filed on its own,
/// and errors still name the line in the whole file.
public struct JSONLinesFile: Sequence {
    /// Lines a block holds: about one commit's worth of articles.
    public static let linesPerBlock = Importer.batchSize
    /// Below this size a file is simply read whole.
    public static let streamingThreshold = 8 << 20

    let url: URL
    let linesPerBlock: Int

    /// The file as blocks of lines, when it is ninjs in JSON lines (named by `format`, or found
    /// by `--format auto`) and at least `threshold` bytes long; nil for anything else.
    public static func open(
        _ url: URL, format: ImportFormat, threshold: Int = streamingThreshold, linesPerBlock: Int = linesPerBlock
    ) -> JSONLinesFile? {
        guard format == .named(.ninjs) || format == .auto,
            let size = try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize, size >= threshold,
            let handle = try? FileHandle(forReadingFrom: url)
        else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 20), let newline = head.firstIndex(of: 0x0A) else {
            return nil
        }
        if format == .auto, FormatSniffer.format(of: head, file: url.lastPathComponent) != .ninjs { return nil }
        // JSON lines, not one document spread over lines: the first line is a whole object.
        let firstLine = head[head.startIndex..<newline]
        guard (try? JSONSerialization.jsonObject(with: firstLine)) is [String: Any] else { return nil }
        return JSONLinesFile(url: url, linesPerBlock: Swift.max(1, linesPerBlock))
    }

    public struct Block {
        public var data: Data
        /// The 1-based line of the whole file the block starts on.
        public var firstLine: Int
    }

    public func makeIterator() -> Iterator {
        Iterator(handle: try? FileHandle(forReadingFrom: url), linesPerBlock: linesPerBlock)
    }

    public struct Iterator: IteratorProtocol {
        var handle: FileHandle?
        let linesPerBlock: Int
        var pending = Data()
        var nextLine = 1

        public mutating func next() -> Block? {
            while true {
                if let cut = cutPoint() {
                    let data = pending[pending.startIndex..<cut]
                    pending = Data(pending[cut...])
                    return block(data)
                }
                guard let handle, let more = try? handle.read(upToCount: 4 << 20), !more.isEmpty else {
                    try? handle?.close()
                    handle = nil
                    guard !pending.isEmpty else { return nil }
                    defer { pending = Data() }
                    return block(pending)
                }
                pending.append(more)
            }
        }

        /// Just past the `linesPerBlock`-th newline of what is pending, if it holds that many.
        private func cutPoint() -> Data.Index? {
            var count = 0
            var index = pending.startIndex
            while let newline = pending[index...].firstIndex(of: 0x0A) {
                count += 1
                index = pending.index(after: newline)
                if count == linesPerBlock { return index }
            }
            return nil
        }

        private mutating func block(_ data: Data) -> Block {
            let block = Block(data: Data(data), firstLine: nextLine)
            nextLine += data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            return block
        }
    }
}
