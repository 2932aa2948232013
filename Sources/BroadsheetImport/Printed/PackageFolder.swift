import Foundation

/// The folder of a METS or batch file, and the files it names inside it.
///
/// A package names its files by relative `href`s; one that is absolute, climbs out with `..`,
/// carries a scheme, or is a link leading outside is refused, so importing a stranger's package
/// never reads a file of ours.
struct PackageFolder: Sendable {
    let root: URL
    /// The METS or batch file, as errors name it.
    let listedIn: String

    init(of file: URL) {
        root = file.deletingLastPathComponent()
        listedIn = file.path
    }

    /// The file `href` names, which must be there; `line` is where the package names it.
    func file(_ href: String, line: Int?) throws(PrintedImportError) -> URL {
        let decoded = href.removingPercentEncoding ?? href
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        guard !decoded.hasPrefix("/"), !decoded.contains("\\"), !decoded.contains(":"), !parts.contains(".."),
            !parts.isEmpty
        else { throw .outsideFolder(href: href, listedIn: listedIn, line: line) }
        let url = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw .missingFile(url.path, listedIn: listedIn, line: line, reason: "no such file")
        }
        let inside = root.resolvingSymlinksInPath().standardizedFileURL.path + "/"
        guard url.resolvingSymlinksInPath().standardizedFileURL.path.hasPrefix(inside) else {
            throw .outsideFolder(href: href, listedIn: listedIn, line: line)
        }
        return url
    }

    /// The bytes of a file the package names.
    func read(_ url: URL, line: Int?) throws(PrintedImportError) -> Data {
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .missingFile(url.path, listedIn: listedIn, line: line, reason: "cannot read it")
        }
    }
}
