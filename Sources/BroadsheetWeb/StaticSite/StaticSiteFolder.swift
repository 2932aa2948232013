import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a static export writes, with the manifest of what it last wrote there (a path and
/// the SHA-256 of its bytes, a line each): a second export writes only the files whose bytes
/// changed and removes the files of pages that are gone, so a daily export touches what the day
/// changed. Each file is written under a temporary name and renamed into place, so a reader of the
/// folder never sees half a page. With `checking`, nothing is written: the changes are only counted
/// and listed. Each file written is also noted in a journal at once, so an export stopped half-way
/// leaves nothing the next one does not know about.
final class StaticSiteFolder {
    /// The manifest's name in the folder; a hidden file no address can reach.
    static let manifestName = ".broadsheet-export"
    /// What an export has written since the manifest was last saved.
    static let journalName = ".broadsheet-export.journal"

    let root: URL
    let checking: Bool
    private var previous: [String: String]
    private var current: [String: String] = [:]
    private(set) var changes = StaticSiteChanges()
    private var journal: FileHandle?

    init(root: URL, checking: Bool) throws(StaticExportError) {
        self.root = root
        self.checking = checking
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw .notAFolder(root.path) }
        let manifest = root.appendingPathComponent(Self.manifestName)
        if exists, FileManager.default.fileExists(atPath: manifest.path) {
            previous = try Self.readManifest(manifest)
        } else {
            if exists, !checking, try Self.holdsOtherFiles(root) { throw .notAnExport(root.path) }
            previous = [:]
        }
        let journalFile = root.appendingPathComponent(Self.journalName)
        if let data = FileManager.default.contents(atPath: journalFile.path) {
            // The last line of a stopped export may be cut short: only whole lines count.
            previous.merge(Self.entries(data, strict: nil), uniquingKeysWith: { $1 })
        }
        guard !checking else { return }
        if !FileManager.default.fileExists(atPath: manifest.path) {
            // Marks the folder as an export's before its first file.
            try write(Data(), to: manifest, naming: Self.manifestName)
        }
        if !FileManager.default.fileExists(atPath: journalFile.path) {
            FileManager.default.createFile(atPath: journalFile.path, contents: nil)
        }
        do {
            let handle = try FileHandle(forWritingTo: journalFile)
            try handle.seekToEnd()
            journal = handle
        } catch {
            throw .cannotWrite(Self.journalName, "\(error)")
        }
    }

    deinit { try? journal?.close() }

    /// Records `bytes` as the file at `relative`, writing it only when it is new or changed.
    func put(_ relative: String, _ bytes: Data) throws(StaticExportError) {
        guard current[relative] == nil else { return }
        let hash = Self.hex(SHA256.hash(data: bytes))
        current[relative] = hash
        let target = root.appendingPathComponent(relative)
        let before = previous[relative]
        if before == hash && FileManager.default.fileExists(atPath: target.path) {
            changes.unchanged += 1
            return
        }
        if before == nil { changes.created.append(relative) } else { changes.changed.append(relative) }
        changes.bytesWritten += bytes.count
        guard !checking else { return }
        try write(bytes, to: target, naming: relative)
        do {
            try journal?.write(contentsOf: Data("\(hash) \(relative)\n".utf8))
        } catch {
            throw .cannotWrite(Self.journalName, "\(error)")
        }
    }

    /// The files the last export left, with their hashes (and what a stopped one wrote since).
    var previousFiles: [String: String] { previous }

    /// The files the folder holds once `finish` is done: the ones written or kept.
    var currentFiles: [String: String] { current }

    /// Whether this export has put `relative`.
    func holds(_ relative: String) -> Bool { current[relative] != nil }

    /// Removes the files of the last export that this one did not write, except those `keeping`
    /// names (an incremental export keeps what it had no reason to render), and saves the manifest.
    func finish(keeping: (String) -> Bool = { _ in false }) throws(StaticExportError) {
        var gone: [String] = []
        for (relative, hash) in previous where current[relative] == nil {
            if keeping(relative) { current[relative] = hash } else { gone.append(relative) }
        }
        gone.sort()
        changes.removed = gone
        guard !checking else { return }
        for relative in gone {
            let file = root.appendingPathComponent(relative)
            try? FileManager.default.removeItem(at: file)
            removeEmptyFolders(above: file)
        }
        let lines = current.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\n" }.joined()
        // Files are written without a sync each; the manifest names them only once they are on disk.
        sync()
        try write(Data(lines.utf8), to: root.appendingPathComponent(Self.manifestName), naming: Self.manifestName)
        try? journal?.close()
        journal = nil
        try? FileManager.default.removeItem(at: root.appendingPathComponent(Self.journalName))
    }

    private func write(_ bytes: Data, to target: URL, naming relative: String) throws(StaticExportError) {
        let folder = target.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).partial")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.writeWithoutSync(bytes, to: partial.path)
            // rename(2) replaces the old file in one step.
            guard rename(partial.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw .cannotWrite(relative, "\(error)")
        }
    }

    /// Foundation's `Data.write` syncs every file to disk; an export writes tens of thousands and
    /// syncs once, before its manifest.
    private static func writeWithoutSync(_ bytes: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", code: errno) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
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
    }

    /// A system call that failed, with what the system said.
    struct POSIXFailure: Error, CustomStringConvertible {
        var call: String
        var code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }

    private func removeEmptyFolders(above file: URL) {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        let top = root.standardizedFileURL.path
        while folder.path.count > top.count,
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
        {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func readManifest(_ file: URL) throws(StaticExportError) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .badManifest(file.path, line: 0, "cannot be read")
        }
        var problem: (line: Int, text: String)?
        let entries = entries(data, strict: { problem = problem ?? ($0, $1) })
        if let problem { throw .badManifest(file.path, line: problem.line, problem.text) }
        return entries
    }

    /// The `hash path` lines of a manifest or journal; a bad line goes to `strict`, or is passed over.
    /// Read on bytes: a manifest holds a line for each of hundreds of thousands of files, and
    /// splitting it as a `String` was a fifth of a repeat export that found nothing to do.
    private static func entries(_ data: Data, strict: ((Int, String) -> Void)?) -> [String: String] {
        var entries: [String: String] = [:]
        let bytes = [UInt8](data)
        // A journal's last line may have been cut short by a crash: only whole lines count.
        let whole = strict == nil ? bytes[..<((bytes.lastIndex(of: newline) ?? -1) + 1)] : bytes[...]
        for (index, line) in whole.split(separator: newline).enumerated() {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")), space - line.startIndex == 64,
                line[..<space].allSatisfy(isHexDigit), space + 1 < line.endIndex
            else {
                strict?(index + 1, "expected a SHA-256 in hex, a space and a path")
                continue
            }
            entries[String(decoding: line[(space + 1)...], as: UTF8.self)] = String(
                decoding: line[..<space], as: UTF8.self)
        }
        return entries
    }

    private static let newline = UInt8(ascii: "\n")

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }

    /// Whether a folder with no manifest holds anything: an export never writes over files it did not make.
    private static func holdsOtherFiles(_ root: URL) throws(StaticExportError) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            throw .cannotWrite(root.path, "the folder cannot be read")
        }
        return !names.isEmpty
    }
}

/// What an export wrote, or with `--check` would write: files new and changed, files removed.
public struct StaticSiteChanges: Sendable {
    public var created: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []
    public var unchanged = 0
    public var bytesWritten = 0

    public var isEmpty: Bool { created.isEmpty && changed.isEmpty && removed.isEmpty }
}

/// Why a static export stopped.
public enum StaticExportError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAFolder(String)
    /// A folder with files but no manifest: not an earlier export, so not ours to overwrite.
    case notAnExport(String)
    case badManifest(String, line: Int, String)
    case cannotWrite(String, String)
    /// An address the export must hold did not render: its status and the path.
    case pageFailed(String, status: Int)

    public var description: String {
        switch self {
        case .notAFolder(let path): "--out \(path): is a file; a static site is written to a folder"
        case .notAnExport(let path):
            "--out \(path): holds files but no \(StaticSiteFolder.manifestName) manifest; name an empty or new folder, or one an earlier static export wrote"
        case .badManifest(let path, let line, let problem): "\(path), line \(line): \(problem)"
        case .cannotWrite(let path, let reason): "\(path): cannot be written: \(reason)"
        case .pageFailed(let path, let status): "\(path): the site answered \(status), expected a page"
        }
    }
}
