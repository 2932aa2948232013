import Foundation

/// What the last complete export of a folder was made from: the archive version it read before
/// rendering, the fingerprint of everything else its pages depend on (the look and the copy's
/// address), the sections its pages' header listed, and the build of Broadsheet that made it. A
/// later export renders only what changed since that version when the fingerprint and the build
/// are the same. It is removed when an export starts and written when one finishes, so an export
/// stopped half-way is followed by a full one.
struct ExportState: Codable, Equatable {
    static let name = ".broadsheet-export.state"

    var version: Int64
    var fingerprint: String
    /// The sections every page's header lists, as of `version`: a story that comes or goes can
    /// change them, and then every page. Nil in a state written before they were noted.
    var header: String?
    /// The build of Broadsheet that made the export (`ProgramBuild`). Nil in a state written
    /// before builds were noted.
    var program: String?

    static func load(from root: URL) -> ExportState? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else {
            return nil
        }
        return try? JSONDecoder().decode(ExportState.self, from: data)
    }

    static func remove(from root: URL) throws(StaticExportError) {
        let file = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return }
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw .cannotWrite(name, "\(error)")
        }
    }

    func save(in root: URL) throws(StaticExportError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            try encoder.encode(self).write(to: root.appendingPathComponent(Self.name), options: .atomic)
        } catch {
            throw .cannotWrite(Self.name, "\(error)")
        }
    }
}
