import Crypto
import Foundation
import Mustache
import NIOCore

/// The templates and static files pages are made from: the bundled ones, each replaceable by a
/// file of the same name in a theme folder (`--theme DIR`), so a paper restyles without recompiling.
///
/// A theme folder holds `templates/*.mustache` and `static/*`; anything it leaves out falls back
/// to the bundled file.
public struct Theme: Sendable {
    let library: MustacheLibrary
    let staticFiles: [String: StaticFile]
    /// The SHA-256 of every template's and static file's name and bytes: a static export made
    /// with another look is rendered again whole.
    var fingerprint = ""
    /// The templates the theme folder replaces, by name (`article`): a page made in Swift as its
    /// bundled templates write it (`PageContent.bundledHTML`) is made so only while they are kept.
    var replaced: Set<String> = []
    /// Whether every `body-*.mustache` is the bundled one, so that an article's body is made in
    /// Swift as they write it (`ArticleBodyHTML`); a theme that replaces any has its templates make it.
    var keepsBundledBodyBlocks: Bool { !replaced.contains { $0.hasPrefix("body-") } }

    /// A stylesheet or picture, ready to send with its validators; dated when the theme was loaded.
    struct StaticFile: Sendable {
        var page: CachedPage

        init(bytes: [UInt8], contentType: String, loadedAt: Date = Date()) {
            page = CachedPage(
                status: .ok, headers: [.contentType: contentType], body: ByteBuffer(bytes: bytes),
                lastModified: loadedAt, cachePolicy: .asset)
        }
    }

    /// Loads the bundled theme, then the overrides in `directory` if one is given.
    public static func load(overridesFrom directory: String? = nil) throws(ThemeError) -> Theme {
        guard let bundled = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ThemeError(file: "Resources", message: "the bundled theme is missing from the build")
        }
        var folders = [bundled]
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ThemeError(file: directory, message: "the theme folder does not exist")
            }
            folders.append(URL(fileURLWithPath: directory))
        }
        var templates: [String: MustacheTemplate] = [:]
        var staticFiles: [String: StaticFile] = [:]
        var sources: [String: [UInt8]] = [:]
        var replaced: Set<String> = []
        for (index, folder) in folders.enumerated() {
            for file in try files(in: folder.appendingPathComponent("templates")) where file.pathExtension == "mustache"
            {
                if index > 0 { replaced.insert(file.deletingPathExtension().lastPathComponent) }
                let text = try read(file)
                sources["templates/" + file.lastPathComponent] = Array(text.utf8)
                do {
                    templates[file.deletingPathExtension().lastPathComponent] = try MustacheTemplate(
                        string: MarkupContentType.pragma + text)
                } catch {
                    throw ThemeError(file: file.path, message: "not a valid mustache template: \(error)")
                }
            }
            for file in try files(in: folder.appendingPathComponent("static")) {
                guard let data = FileManager.default.contents(atPath: file.path) else {
                    throw ThemeError(file: file.path, message: "cannot read the file")
                }
                let bytes = [UInt8](data)
                sources["static/" + file.lastPathComponent] = bytes
                staticFiles[file.lastPathComponent] = StaticFile(bytes: bytes, contentType: contentType(of: file))
            }
        }
        var hash = SHA256()
        for (name, bytes) in sources.sorted(by: { $0.key < $1.key }) {
            hash.update(data: Array(name.utf8) + [0] + Array(String(bytes.count).utf8) + [0] + bytes)
        }
        let fingerprint = hash.finalize().map { String($0, radix: 16) }.joined()
        return Theme(
            library: MustacheLibrary(templates: templates), staticFiles: staticFiles, fingerprint: fingerprint,
            replaced: replaced)
    }

    /// Renders a page with its template; a template a theme forgot is a `ThemeError`.
    func render<Content: PageContent>(_ page: PageModel<Content>) throws(ThemeError) -> String {
        if replaced.isDisjoint(with: Content.bundledTemplates), let html = Content.bundledHTML(page) { return html }
        guard let html = library.render(page, withTemplate: Content.template) else {
            throw ThemeError(file: "\(Content.template).mustache", message: "no such template")
        }
        return html
    }

    private static func files(in folder: URL) throws(ThemeError) -> [URL] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw ThemeError(file: folder.path, message: "cannot list the folder: \(error.localizedDescription)")
        }
    }

    private static func read(_ file: URL) throws(ThemeError) -> String {
        do {
            return try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ThemeError(file: file.path, message: "cannot read it as UTF-8 text")
        }
    }

    private static func contentType(of file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// A theme file that could not be used, and why.
public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
