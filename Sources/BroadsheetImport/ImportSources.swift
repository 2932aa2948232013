import Foundation

/// A file to import, found on disk, read from standard input, or a feed fetched from the web.
public enum ImportSource: Hashable, Sendable {
    case file(URL)
    case standardInput
    /// A feed's address (`broadsheet import https://...`).
    case feed(URL)

    /// How reports name it: the path as found, "-" for standard input, or the address.
    public var name: String {
        switch self {
        case .file(let url): url.relativePath
        case .standardInput: "-"
        case .feed(let url): url.absoluteString
        }
    }

    /// The whole content. Files are read one at a time, so a large batch never sits in memory.
    public func read(fetcher: FeedFetcher = FeedFetcher()) async throws -> Data {
        try await body(fetcher: fetcher).data
    }

    /// The whole content, and for a feed the `charset` its server declared.
    public func body(fetcher: FeedFetcher = FeedFetcher()) async throws -> (data: Data, charset: String?) {
        switch self {
        case .file(let url): return (try Data(contentsOf: url), nil)
        case .standardInput: return (FileHandle.standardInput.readDataToEndOfFile(), nil)
        case .feed(let url):
            switch try await fetcher.fetch(url) {
            case .fetched(let data, _, let charset): return (data, charset)
            // Without validators a server has nothing to compare with; treat it as empty.
            case .notModified: return (Data(), nil)
            }
        }
    }
}

/// Expands the paths a user typed into the files to import: folders recursively, in name order,
/// skipping hidden files and files that are not copy.
public enum ImportSourceFinder {
    /// The extensions taken from inside a folder; a file named on its own is always taken.
    public static let extensions: Set<String> = [
        "txt", "text", "epaper", "json", "jsonl", "ndjson", "md", "markdown", "xml", "nitf", "newsml", "rss", "atom",
        "wxr",
    ]

    public static func sources(for paths: [String]) -> (sources: [ImportSource], missing: [ImportNotice]) {
        var sources: [ImportSource] = []
        var missing: [ImportNotice] = []
        for path in paths {
            if path == "-" {
                sources.append(.standardInput)
                continue
            }
            if FeedFetcher.isFeedAddress(path), let url = URL(string: path) {
                sources.append(.feed(url))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(ImportNotice(file: path, line: nil, reason: "no such file or folder"))
                continue
            }
            let url = URL(fileURLWithPath: path)
            if isDirectory.boolValue {
                sources += files(under: url, typed: path).map(ImportSource.file)
            } else {
                sources.append(.file(URL(fileURLWithPath: path, relativeTo: nil)))
            }
        }
        return (sources, missing)
    }

    private static func files(under folder: URL, typed: String) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator where extensions.contains(url.pathExtension.lowercased()) {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            // Report paths the way the user typed the folder, not as absolute paths.
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))
            let shown = typed.hasSuffix("/") ? typed + relative.drop(while: { $0 == "/" }) : typed + relative
            found.append(URL(fileURLWithPath: shown))
        }
        return found.sorted { $0.path.localizedStandardCompare($1.path) == .orderedAscending }
    }
}
