import Crypto
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a static export writes, with the manifest of what it last wrote there (a path and
/// the SHA-256 of its bytes, a line each; `- path` for a file removed since, as a repeat export
/// appends what it changed, `ExportRecordFile`): a second export writes only the files whose bytes
/// changed and removes the files of pages that are gone, so a daily export touches what the day
/// changed. Each file is written under a temporary name and renamed into place, so a reader of the
/// folder never sees half a page. With `checking`, nothing is written: the changes are only counted
/// and listed. Each file written is also noted in a journal at once, so an export stopped half-way
/// leaves nothing the next one does not know about. Files are put by the tasks that render them,
/// side by side: put one at a time by the loop that stores pages, their digests and writes held
/// one core while the other waited.
final class StaticSiteFolder: Sendable {
    /// The manifest's name in the folder; a hidden file no address can reach.
    static let manifestName = ".broadsheet-export"
    /// What an export has written since the manifest was last saved.
    static let journalName = ".broadsheet-export.journal"

    let root: URL
    let checking: Bool
    /// The folder's path with a slash at its end: a file's name in it is put after it.
    private let rootPath: String
    private let previous: EarlierFiles
    /// Whether the manifest holds all of `previous` and ends with a whole line, so this export's
    /// changes may be appended to it: not after a stop (a journal's files, a line cut short).
    private let appendable: Bool
    private let state: Mutex<State>

    private struct State {
        /// The folders this export made or found there: each made once, not asked after for each
        /// file. Foundation's `createDirectory` and `URL`s were a quarter of storing a file.
        var foldersMade: Set<String> = []
        /// The files put, with their digests: a file is claimed here before it is written.
        var current: [String: FileDigest] = [:]
        /// The earlier files `finish` removed; the others it kept hold as they were (`holds`).
        var gone: Set<String>?
        var changes = StaticSiteChanges()
        var journal: ExportRecordFile.Appending?
    }

    /// What this export wrote, or with `checking` would write, so far.
    var changes: StaticSiteChanges { state.withLock { $0.changes } }

    init(root: URL, checking: Bool) throws(StaticExportError) {
        self.root = root
        self.checking = checking
        rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw .notAFolder(root.path) }
        let manifest = root.appendingPathComponent(Self.manifestName)
        let journalFile = root.appendingPathComponent(Self.journalName)
        let journaled = ExportRecordFile.read(journalFile.path) ?? []
        if exists, FileManager.default.fileExists(atPath: manifest.path) {
            previous = try Self.readManifest(manifest, journal: journaled)
            appendable = previous.manifestEndsWhole && journaled.isEmpty
        } else {
            if exists, !checking, try Self.holdsOtherFiles(root) { throw .notAnExport(root.path) }
            previous = EarlierFiles()
            appendable = true
        }
        state = Mutex(State())
        guard !checking else { return }
        if !FileManager.default.fileExists(atPath: manifest.path) {
            // Marks the folder as an export's before its first file.
            try write(Data(), naming: Self.manifestName)
        }
        do {
            let journal = try ExportRecordFile.Appending(path: journalFile.path)
            state.withLock { $0.journal = journal }
        } catch {
            throw .cannotWrite(Self.journalName, "\(error)")
        }
    }

    /// Records `bytes` as the file at `relative`, writing it only when it is new or changed. The
    /// first put of a file is the one kept; its digest and its write are done outside the lock.
    func put(_ relative: String, _ bytes: Data) throws(StaticExportError) {
        let hash = FileDigest(SHA256.hash(data: bytes))
        let before = previous[relative]
        let unchanged = before == hash && access(rootPath + relative, F_OK) == 0
        let claimed = state.withLock { state in
            guard state.current[relative] == nil else { return false }
            state.current[relative] = hash
            if unchanged {
                state.changes.unchanged += 1
            } else if before == nil {
                state.changes.created.append(relative)
                state.changes.bytesWritten += bytes.count
            } else {
                state.changes.changed.append(relative)
                state.changes.bytesWritten += bytes.count
            }
            return true
        }
        guard claimed, !unchanged, !checking else { return }
        try write(bytes, naming: relative)
        do {
            try state.withLock { $0.journal }?.add(Array("\(hash) \(relative)\n".utf8))
        } catch {
            throw .cannotWrite(Self.journalName, "\(error)")
        }
    }

    /// Writes a record the export keeps beside the site (not a page, so not in the manifest), under
    /// a temporary name first and without a sync of its own: `finish` syncs once. `Data.write`
    /// synced each of the offline search's word records, a hundred in a repeat export.
    func writeRecord(_ bytes: Data, naming relative: String) throws(StaticExportError) {
        guard !checking else { return }
        try write(bytes, naming: relative)
    }

    /// Removes a record the export keeps beside the site, a file or a folder of them.
    func removeRecord(_ relative: String) {
        guard !checking else { return }
        try? FileManager.default.removeItem(atPath: rootPath + relative)
        state.withLock { $0.foldersMade.removeAll() }
    }

    /// The files the last export left, with their hashes (and what a stopped one wrote since).
    var previousFiles: EarlierFiles { previous }

    /// Whether the folder holds `relative` for this export: put by it, or (once it has finished)
    /// kept from the last.
    func holds(_ relative: String) -> Bool {
        state.withLock { state in
            if state.current[relative] != nil { return true }
            guard let gone = state.gone else { return false }
            return previous.holds(relative) && !gone.contains(relative)
        }
    }

    /// The files of the last export that this one has not written (yet) and that `matching` takes,
    /// given each file's name as bytes: it turns down nearly every one of a large archive's files
    /// without a `String` made for it.
    func notWritten(where matching: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool) -> Set<String> {
        notWritten(among: previous.files(where: matching))
    }

    /// Those of `files` that the last export left and this one has not written (yet).
    func notWritten(among files: [String]) -> Set<String> {
        let current = state.withLock { $0.current }
        return Set(files.filter { current[$0] == nil && previous.holds($0) })
    }

    /// Removes the files of the last export that this one did not write, or only those of them in
    /// `chosen` (an incremental export keeps what it had no reason to render), and saves the manifest.
    func finish(removing chosen: Set<String>? = nil) throws(StaticExportError) {
        var gone = Array(chosen.map { notWritten(among: Array($0)) } ?? notWritten { _ in true })
        gone.sort()
        let removed = Set(gone)
        // In the order of their names: the tasks that put them finished in no set order.
        let (changes, current) = state.withLock { state in
            state.changes.created.sort()
            state.changes.changed.sort()
            state.changes.removed = gone
            state.gone = removed
            return (state.changes, state.current)
        }
        guard !checking else { return }
        for relative in gone {
            let file = root.appendingPathComponent(relative)
            try? FileManager.default.removeItem(at: file)
            removeEmptyFolders(above: file)
        }
        // Files are written without a sync each; the manifest names them only once they are on disk.
        sync()
        let manifest = root.appendingPathComponent(Self.manifestName)
        let changed = (changes.created + changes.changed).sorted()
        // Kept files are counted, not copied into `current`: a repeat export keeps nearly all.
        let live = previous.count + changes.created.count - gone.count
        if appendable && ExportRecordFile.mayAppend(changed.count + gone.count, to: previous.manifestLines, live: live)
        {
            var lines: [UInt8] = []
            for file in changed { lines += "\(current[file]!) \(file)\n".utf8 }
            for file in gone { lines += "- \(file)\n".utf8 }
            do {
                try ExportRecordFile.append(lines, to: manifest.path)
            } catch {
                throw .cannotWrite(Self.manifestName, "\(error)")
            }
        } else {
            var files = current
            previous.forEach { relative, hash in
                if files[relative] == nil && !removed.contains(relative) { files[relative] = hash }
            }
            let lines = files.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\n" }.joined()
            try write(Data(lines.utf8), naming: Self.manifestName)
        }
        state.withLock { $0.journal = nil }
        try? FileManager.default.removeItem(at: root.appendingPathComponent(Self.journalName))
    }

    /// Writes `bytes` as the file `relative` names in the folder, under a temporary name first.
    private func write(_ bytes: Data, naming relative: String) throws(StaticExportError) {
        let target = rootPath + relative
        let slash = target.utf8.lastIndex(of: UInt8(ascii: "/"))!
        let folder = String(target[..<slash])
        let partial = folder + "/." + target[target.utf8.index(after: slash)...] + ".partial"
        do {
            try makeFolder(folder)
            try bytes.withUnsafeBytes { try ExportRecordFile.replace($0, at: partial) }
            // rename(2) replaces the old file in one step.
            guard rename(partial, target) == 0 else { throw ExportRecordFile.POSIXFailure(call: "rename", code: errno) }
        } catch {
            unlink(partial)
            throw .cannotWrite(relative, "\(error)")
        }
    }

    /// Makes `folder`, and the folders above it that are missing.
    private func makeFolder(_ folder: String) throws {
        guard !state.withLock({ $0.foldersMade.contains(folder) }) else { return }
        if mkdir(folder, 0o755) != 0 {
            var code = errno
            if code == ENOENT, let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash > folder.startIndex {
                try makeFolder(String(folder[..<slash]))
                code = mkdir(folder, 0o755) == 0 ? EEXIST : errno
            }
            guard code == EEXIST else { throw ExportRecordFile.POSIXFailure(call: "mkdir \(folder)", code: code) }
        }
        state.withLock { _ = $0.foldersMade.insert(folder) }
    }

    private func removeEmptyFolders(above file: URL) {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        let top = root.standardizedFileURL.path
        while folder.path.count > top.count,
            (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
        {
            try? FileManager.default.removeItem(at: folder)
            // Named here as `standardizedFileURL` spells it, which may not be as `write` did.
            state.withLock { $0.foldersMade.removeAll() }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// The files the manifest names, and after them those of the journal a stopped export left.
    private static func readManifest(_ file: URL, journal: [UInt8]) throws(StaticExportError) -> EarlierFiles {
        guard let data = ExportRecordFile.read(file.path) else {
            throw .badManifest(file.path, line: 0, "cannot be read")
        }
        var problem: (line: Int, text: String)?
        let files = EarlierFiles(manifest: data, journal: journal) { problem = ($0, $1) }
        if let problem { throw .badManifest(file.path, line: problem.line, problem.text) }
        guard let files else {
            throw .badManifest(file.path, line: 0, "with its journal, is past the 4 GiB an export reads")
        }
        return files
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
