import BroadsheetFormats
import Foundation

/// A digitised-newspaper package a path names: a Library of Congress NDNP batch, or one issue's
/// METS file with its pages' ALTO and images beside it.
///
/// Only what the path itself is or holds at its top counts: a folder of articles that happens
/// to hold a METS file deeper down is still a folder of articles.
public enum PrintedPackage: Hashable, Sendable {
    /// A batch's `batch.xml`.
    case batch(URL)
    /// An issue's METS file.
    case issue(URL)

    /// The packages `path` names: a METS or batch file, a folder holding a batch file (that
    /// batch alone), or a folder holding issue METS files; empty for anything else.
    public static func find(_ path: String) -> [PrintedPackage] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
        let url = URL(fileURLWithPath: path)
        guard isFolder.boolValue else { return kind(of: url).map { [$0] } ?? [] }
        let names =
            (try? FileManager.default.contentsOfDirectory(atPath: path))?
            .filter { $0.lowercased().hasSuffix(".xml") && !$0.hasPrefix(".") }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending } ?? []
        let found = names.compactMap { kind(of: url.appendingPathComponent($0)) }
        if let batch = found.first(where: { if case .batch = $0 { true } else { false } }) { return [batch] }
        return found
    }

    /// What an XML file is, from its root element; nil for a file of no package.
    static func kind(of file: URL) -> PrintedPackage? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64 * 1024),
            case .other(let root)? = XMLRootSniffer.kind(of: head)
        else { return nil }
        switch root.split(separator: ":").last {
        case "mets": return .issue(file)
        case "batch": return .batch(file)
        default: return nil
        }
    }

    /// The package's file.
    public var file: URL {
        switch self {
        case .batch(let file), .issue(let file): file
        }
    }
}
