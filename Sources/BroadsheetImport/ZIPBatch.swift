import Foundation
import ZIPFoundation

/// A ZIP of files sent as one import batch, opened in memory and read one file at a time, within
/// limits: a small archive must not unpack into gigabytes or thousands of files.
public struct ZIPBatch {
    public struct Limits: Sendable {
        public var files: Int
        /// Bytes one file may unpack to, and all of them together.
        public var fileBytes: Int
        public var totalBytes: Int

        public init(files: Int = 10_000, fileBytes: Int = 32 << 20, totalBytes: Int = 256 << 20) {
            self.files = files
            self.fileBytes = fileBytes
            self.totalBytes = totalBytes
        }
    }

    /// Why a ZIP could not be taken; names the file when one is at fault.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notZIP
        case tooManyFiles(limit: Int)
        case tooLarge(file: String, limit: Int)
        case unreadable(file: String, reason: String)

        public var description: String {
            switch self {
            case .notZIP: "the body is not a ZIP archive"
            case .tooManyFiles(let limit): "the archive holds more than \(limit) files"
            case .tooLarge(let file, let limit): "\(file) unpacks to more than \(limit >> 20) MiB"
            case .unreadable(let file, let reason): "\(file) cannot be unpacked: \(reason)"
            }
        }
    }

    /// The extensions taken from an archive: what a folder import takes, and JSON lines.
    public static let extensions = ImportSourceFinder.extensions.union(["jsonl", "ndjson"])

    private let archive: Archive
    private let limits: Limits
    /// The files to import, in name order: no folders, hidden files or macOS's `__MACOSX` copies.
    public let names: [String]

    public init(_ data: Data, limits: Limits = Limits()) throws(Failure) {
        do {
            try ZIPLayout.check(data)
        } catch {
            switch error {
            case .notZIP: throw .notZIP
            case .damaged(let reason): throw .unreadable(file: "the archive", reason: reason)
            }
        }
        guard let archive = try? Archive(data: data, accessMode: .read) else { throw .notZIP }
        let entries = archive.filter { entry in
            let parts = entry.path.split(separator: "/")
            return entry.type == .file && !parts.contains { $0.hasPrefix(".") || $0 == "__MACOSX" }
                && Self.extensions.contains((entry.path as NSString).pathExtension.lowercased())
        }
        guard entries.count <= limits.files else { throw .tooManyFiles(limit: limits.files) }
        self.archive = archive
        self.limits = limits
        self.names = entries.map(\.path).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    /// Unpacks the files one at a time and hands each to `body`, counting the bytes as they come
    /// rather than trusting the sizes the archive declares; a file whose bytes do not match its
    /// checksum is `Failure.unreadable`, never handed over damaged.
    public func forEachFile(_ body: (String, Data) async throws -> Void) async throws {
        var total = 0
        for name in names {
            guard let entry = archive[name] else { continue }
            var data = Data()
            do {
                let checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    total += chunk.count
                    if data.count > limits.fileBytes { throw Failure.tooLarge(file: name, limit: limits.fileBytes) }
                    if total > limits.totalBytes { throw Failure.tooLarge(file: name, limit: limits.totalBytes) }
                }
                // ZIPFoundation computes the checksum but leaves comparing it to its caller.
                guard checksum == entry.checksum else {
                    throw Failure.unreadable(
                        file: name, reason: "its bytes do not match its checksum; the archive is damaged")
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure.unreadable(file: name, reason: String(describing: error))
            }
            try await body(name, data)
        }
    }
}
